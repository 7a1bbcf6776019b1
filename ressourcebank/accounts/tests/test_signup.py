from django.core import mail
from django.urls import reverse

from ressourcebank.accounts.models import User

from .helpers import link_in_last_mail

SIGNUP = reverse("accounts:signup")


def signup_data(**overrides: str) -> dict[str, str]:
    data = {"name": "Hanne Hansen", "email": "Hanne@Example.dk", "password": "blaa-cykel-paa-taget"}
    data.update(overrides)
    return data


def test_signup_creates_an_unconfirmed_citizen_logs_them_in_and_mails_a_confirmation_link(client, settings, db):
    settings.SITE_URL = "https://ressourcebank.randers.dk"
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="hanne@example.dk")
    assert user.role == User.Role.CITIZEN
    assert user.name == "Hanne Hansen"
    assert not user.has_confirmed_email
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanne@example.dk"]
    assert "Bekræft" in message.subject
    assert "https://ressourcebank.randers.dk/konto/bekraeft/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "https://ressourcebank.randers.dk/konto/bekraeft/" in html
    page = client.get(reverse("accounts:dashboard"))
    assert "Bekræft din e-mail" in page.content.decode()


def test_confirmation_link_from_the_mail_confirms_the_address(client, db):
    client.post(SIGNUP, signup_data())
    response = client.get(link_in_last_mail("/konto/bekraeft/"))
    assert response.status_code == 302
    assert User.objects.get(email="hanne@example.dk").has_confirmed_email


def test_signup_page_shows_the_form_to_an_anonymous_visitor(client, db):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_logged_in_person_is_sent_from_signup_to_min_side(client, alice):
    client.force_login(alice)
    assert client.get(SIGNUP)["Location"] == reverse("accounts:dashboard")


def test_signup_refuses_a_short_password_in_plain_danish_and_keeps_the_input(client, db):
    response = client.post(SIGNUP, signup_data(password="kort"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adgangskoden er for kort. Den skal have mindst 10 tegn." in content
    assert 'value="Hanne Hansen"' in content
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_refuses_a_common_password(client, db):
    response = client.post(SIGNUP, signup_data(password="password123"))
    assert "Adgangskoden er for nem at gætte" in response.content.decode()


def test_signup_refuses_a_numeric_password(client, db):
    response = client.post(SIGNUP, signup_data(password="4815162342987"))
    assert "Adgangskoden må ikke kun være tal" in response.content.decode()


def test_signup_refuses_a_password_like_the_email(client, db):
    response = client.post(SIGNUP, signup_data(email="solsikkemark@example.dk", password="solsikkemark"))
    assert "ligner dit navn eller din e-mail" in response.content.decode()


def test_signup_refuses_an_email_that_already_has_an_account_whatever_the_case(client, alice):
    response = client.post(SIGNUP, signup_data(email="ALICE@example.dk"))
    assert "Der findes allerede en konto med den e-mail" in response.content.decode()
    assert User.objects.filter(email__iexact="alice@example.dk").count() == 1


def test_signup_asks_for_every_missing_field(client, db):
    content = client.post(SIGNUP, {"name": "", "email": "", "password": ""}).content.decode()
    assert "Skriv dit navn." in content
    assert "Skriv din e-mail." in content
    assert "Vælg en adgangskode." in content


def test_signup_refuses_a_malformed_email(client, db):
    content = client.post(SIGNUP, signup_data(email="ikke-en-mail")).content.decode()
    assert "Skriv en rigtig e-mail" in content


def test_signup_follows_a_safe_next_link_but_not_a_foreign_one(client, db):
    target = reverse("accounts:organisation_create")
    response = client.post(f"{SIGNUP}?next={target}", signup_data())
    assert response["Location"] == target
    client.logout()
    response = client.post(SIGNUP, {**signup_data(email="b@example.dk"), "next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:dashboard")


def test_an_empty_post_is_answered_with_the_errors_not_a_blank_form(client, db):
    content = client.post(SIGNUP, {}).content.decode()
    assert "Skriv dit navn." in content


def test_signup_with_a_next_that_is_not_a_path_goes_to_the_dashboard(client, db):
    response = client.post(SIGNUP, {**signup_data(), "next": "ukendt-side"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
