"""The session and the logged-in person are read with plain SQL on every request
(accounts/sessions.py, accounts/backends.py): the database still decides, at once."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User

pytestmark = pytest.mark.django_db


def logged_in(client: Client, user: User) -> Client:
    """A second browser holding the same session cookie as `client`."""
    other = Client()
    other.cookies = client.cookies
    client.force_login(user)
    return other


def test_a_logged_in_citizen_sees_their_page(client: Client, alice: User) -> None:
    client.force_login(alice)

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 200
    assert "Alice Andersen" in response.content.decode()


def test_an_expired_session_asks_the_citizen_to_log_in_again(client: Client, alice: User) -> None:
    client.force_login(alice)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logging_out_ends_the_session_for_every_window_holding_it(client: Client, alice: User) -> None:
    other = logged_in(client, alice)
    assert other.get(reverse("accounts:dashboard")).status_code == 200

    client.post(reverse("accounts:logout"))

    response = other.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_role_change_takes_effect_on_the_next_request(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    # Made a coordinator by an administrator elsewhere: from now on the second factor is required.
    User.objects.filter(pk=alice.pk).update(role=User.Role.COORDINATOR)

    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_a_deactivated_account_is_logged_out_at_once(client: Client, alice: User) -> None:
    client.force_login(alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_new_password_logs_out_the_other_sessions(client: Client, alice: User) -> None:
    client.force_login(alice)
    alice.set_password("et-helt-nyt-kodeord-77")
    alice.save()

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_session_cookie_that_names_no_session_is_anonymous(client: Client, settings: Any) -> None:
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302


def test_the_person_read_for_a_request_is_the_one_the_orm_reads(
    client: Client, alice: User, login: Callable[..., None]
) -> None:
    from ressourcebank.accounts.backends import ModelBackend

    alice.last_login = timezone.now()
    alice.save()

    read = ModelBackend().get_user(alice.pk)

    stored = User.objects.get(pk=alice.pk)
    assert read is not None
    for field in User._meta.concrete_fields:
        assert getattr(read, field.attname) == getattr(stored, field.attname), field.name
    assert read.last_login is not None and read.last_login.tzinfo is not None
    assert ModelBackend().get_user("ikke et id") is None
    assert ModelBackend().get_user(alice.pk + 1000) is None
