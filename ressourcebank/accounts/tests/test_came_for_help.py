"""Signing up on the way to a form (issue 8, item 8): the login page says why, and the
confirmation link leads back to the form, only ever to a local path."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts import mail
from ressourcebank.accounts.models import User
from ressourcebank.accounts.tokens import confirmation_path_args

pytestmark = pytest.mark.django_db

DATA = {"name": "Grethe Nielsen", "email": "grethe@example.dk", "password": "solsikke-havelåge-77"}


def test_the_login_page_says_why_the_person_is_there(client: Client) -> None:
    response = client.get(reverse("needs:create"), follow=True)
    html = response.content.decode()
    assert "Log ind, så kan du fortælle, hvad du har brug for hjælp til." in html
    assert 'href="/konto/opret/?next=/behov/nyt/"' in html
    assert "Log ind, så" not in client.get(reverse("accounts:login")).content.decode()


def test_the_confirmation_link_leads_to_the_form_the_person_came_from(client: Client) -> None:
    client.post(reverse("accounts:signup") + "?next=/behov/nyt/", DATA)
    user = User.objects.get(email=DATA["email"])
    assert user.confirmation_next == "/behov/nyt/"
    sent = mail.render_at_delivery(mail.CONFIRM_EMAIL, user)
    assert sent is not None and "?next=%2Fbehov%2Fnyt%2F" in sent.text

    link = reverse("accounts:confirm_email", args=confirmation_path_args(user))
    assert client.get(link, {"next": "/behov/nyt/"}).url == "/behov/nyt/"
    user.refresh_from_db()
    assert user.has_confirmed_email and user.confirmation_next == ""


def test_the_confirmation_link_in_another_browser_logs_in_first_then_goes_on(client: Client) -> None:
    user = User.objects.create_user(email="ny@example.dk", password="x-y-z-æøå-123", name="Ny")
    link = reverse("accounts:confirm_email", args=confirmation_path_args(user))
    assert Client().get(link, {"next": "/behov/nyt/"}).url == "/konto/log-ind/?next=%2Fbehov%2Fnyt%2F"


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/", "needs:create"])
def test_the_confirmation_link_never_leads_to_another_site(client: Client, login: Any, evil: str) -> None:
    user = User.objects.create_user(email="ny@example.dk", password="x-y-z-æøå-123", name="Ny")
    login(client, user)
    link = reverse("accounts:confirm_email", args=confirmation_path_args(user))
    assert client.get(link, {"next": evil}).url == reverse("accounts:dashboard")


def test_after_sign_up_the_mail_notice_stands_once_and_speaks_of_help(client: Client) -> None:
    response = client.post(reverse("accounts:signup") + "?next=/behov/nyt/", DATA, follow=True)
    html = response.content.decode()
    assert html.count("Vi har sendt en mail") == 1
    assert "vise tilbud" not in html and "brug for hjælp til" in html
