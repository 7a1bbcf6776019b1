import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.accounts.tokens import confirmation_path_args

RESEND = reverse("accounts:resend_confirmation")


def unconfirmed(email: str = "ny@example.dk") -> User:
    return User.objects.create_user(email=email, password="blaa-cykel-paa-taget", name="Ny Borger")


def confirm_url(user: User) -> str:
    return reverse("accounts:confirm_email", args=confirmation_path_args(user))


def test_valid_link_confirms_the_email_and_redirects_away_from_the_token(client, db):
    user = unconfirmed()
    response = client.get(confirm_url(user))
    assert response.status_code == 302
    assert "bekraeft" not in response["Location"]
    user.refresh_from_db()
    assert user.has_confirmed_email


def test_link_with_a_tampered_token_is_refused(client, db):
    user = unconfirmed()
    uidb64, token = confirmation_path_args(user)
    response = client.get(reverse("accounts:confirm_email", args=[uidb64, token[:-1] + "x"]))
    assert response.status_code == 400
    assert "Linket virker ikke" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_confirmed_email


def test_link_with_an_unknown_or_garbled_user_id_is_refused(client, db):
    assert client.get(reverse("accounts:confirm_email", args=["OTk5OTk", "abc-def"])).status_code == 400
    assert client.get(reverse("accounts:confirm_email", args=["!!!", "abc-def"])).status_code == 400


def test_link_older_than_a_day_is_refused(client, db):
    user = unconfirmed()
    with time_machine.travel(timezone.now() - dt.timedelta(hours=25)):
        url = confirm_url(user)
    assert client.get(url).status_code == 400
    user.refresh_from_db()
    assert not user.has_confirmed_email


def test_link_for_another_email_address_stops_working_when_the_address_changes(client, db):
    user = unconfirmed()
    url = confirm_url(user)
    user.email = "andet@example.dk"
    user.save()
    assert client.get(url).status_code == 400


def test_link_clicked_again_by_its_owner_says_the_email_is_already_confirmed(client, db):
    user = unconfirmed()
    url = confirm_url(user)
    client.get(url)
    client.force_login(user)
    response = client.get(url, follow=True)
    assert "allerede bekræftet" in response.content.decode()


def test_used_link_opened_by_someone_else_does_not_reveal_that_the_account_is_confirmed(client, db):
    user = unconfirmed()
    url = confirm_url(user)
    client.get(url)
    response = client.get(url)
    assert response.status_code == 400
    assert "Har du allerede klikket på linket" in response.content.decode()


def test_unconfirmed_person_can_log_in_and_sees_the_banner_with_a_resend_button(client, db, password):
    user = unconfirmed()
    client.force_login(user)
    content = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Bekræft din e-mail" in content
    assert RESEND in content


def test_confirmed_person_sees_no_banner(client, alice):
    client.force_login(alice)
    assert "Bekræft din e-mail" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_resend_sends_a_new_link_that_works(client, db):
    user = unconfirmed()
    client.force_login(user)
    response = client.post(RESEND)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny@example.dk"]


def test_resend_twice_within_a_minute_sends_one_mail(client, db):
    client.force_login(unconfirmed())
    client.post(RESEND)
    response = client.post(RESEND, follow=True)
    assert len(mail.outbox) == 1
    assert "Vent et minut" in response.content.decode()


def test_resend_for_a_confirmed_person_sends_nothing(client, alice):
    client.force_login(alice)
    client.post(RESEND)
    assert mail.outbox == []


def test_resend_needs_a_logged_in_person(client, db):
    response = client.post(RESEND)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert mail.outbox == []


def test_resend_refuses_get(client, db):
    client.force_login(unconfirmed())
    assert client.get(RESEND).status_code == 405


def test_resend_with_a_next_that_is_not_a_path_goes_to_the_dashboard_not_a_500(client, db):
    # A bare word was taken for a URL name by redirect() and raised NoReverseMatch (found by fuzzing).
    client.force_login(unconfirmed())
    response = client.post(RESEND, {"next": "ukendt-side"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
