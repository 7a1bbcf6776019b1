from django.core import mail
from django.urls import reverse

from ressourcebank.accounts.models import User

from .helpers import link_in_last_mail

LOGIN = reverse("accounts:login")


def test_citizen_logs_in_with_email_in_any_case_and_lands_on_min_side(client, alice, password):
    response = client.post(LOGIN, {"username": "Alice@Example.dk", "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_login_page_shows_the_form(client, db):
    content = client.get(LOGIN).content.decode()
    assert 'name="username"' in content
    assert reverse("accounts:password_reset") in content


def test_wrong_password_is_answered_in_danish_and_keeps_the_email(client, alice):
    response = client.post(LOGIN, {"username": "alice@example.dk", "password": "forkert-forkert"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "E-mail eller adgangskode passer ikke" in content
    assert 'value="alice@example.dk"' in content


def test_empty_login_form_asks_for_both_fields(client, db):
    content = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Skriv din e-mail." in content
    assert "Skriv din adgangskode." in content


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(client, alice, password):
    for _ in range(4):
        assert client.post(LOGIN, {"username": "alice@example.dk", "password": "forkert"}).status_code == 200
    response = client.post(LOGIN, {"username": "alice@example.dk", "password": "forkert"})
    assert response.status_code == 429
    assert "Vent lidt, før du prøver igen" in response.content.decode()
    response = client.post(LOGIN, {"username": "alice@example.dk", "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client, alice, settings):
    settings.SITE_URL = "https://ressourcebank.randers.dk"
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.dk"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:password_reset_done")
    assert "Se din mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.dk"]
    assert "ny adgangskode" in message.subject
    assert "https://ressourcebank.randers.dk/konto/ny-adgangskode/" in message.body
    assert message.alternatives[0][1] == "text/html"

    response = client.get(link_in_last_mail("/konto/ny-adgangskode/"), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "groen-traktor-i-regnvejr"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(new_password)
    assert "Din nye adgangskode er gemt" in client.get(response["Location"]).content.decode()


def test_password_reset_confirms_an_unconfirmed_email(client, db):
    user = User.objects.create_user(email="ny@example.dk", password="blaa-cykel-paa-taget", name="Ny")
    client.post(reverse("accounts:password_reset"), {"email": "ny@example.dk"})
    form_url = client.get(link_in_last_mail("/konto/ny-adgangskode/"), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "groen-traktor-i-regnvejr", "new_password2": "groen-traktor-i-regnvejr"})
    user.refresh_from_db()
    assert user.has_confirmed_email


def test_password_reset_for_an_unknown_email_sends_nothing_but_looks_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukendt@example.dk"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_with_a_bad_link_says_the_link_does_not_work(client, alice):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert "Linket virker ikke" in response.content.decode()


def test_new_password_must_pass_the_validators_and_match(client, alice):
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.dk"})
    form_url = client.get(link_in_last_mail("/konto/ny-adgangskode/"), follow=True).redirect_chain[-1][0]
    content = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"}).content.decode()
    assert "Adgangskoden er for kort" in content
    content = client.post(
        form_url, {"new_password1": "groen-traktor-i-regnvejr", "new_password2": "groen-traktor-i-sol"}
    ).content.decode()
    assert "De to adgangskoder er ikke ens." in content


def test_password_change_needs_the_old_password(client, alice, password):
    client.force_login(alice)
    url = reverse("accounts:password_change")
    new = "groen-traktor-i-regnvejr"
    content = client.post(url, {"old_password": "forkert", "new_password1": new, "new_password2": new}).content.decode()
    assert "Din nuværende adgangskode passer ikke" in content
    response = client.post(url, {"old_password": password, "new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:password_change_done")
    assert client.get(response["Location"]).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_password_change_needs_a_logged_in_person(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(LOGIN)
