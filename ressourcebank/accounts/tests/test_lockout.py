"""django-axes counts failures per account whatever the letter case, and per client as our
proxies saw it (issue 7, finding 1)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ressourcebank.accounts.lockout import client_ip, lockout_username

LOGIN = reverse("accounts:login")
CASINGS = [
    "alice@example.dk",
    "Alice@example.dk",
    "ALICE@EXAMPLE.DK",
    "alice@Example.dk",
    "aLiCe@eXaMpLe.dK",
    "ALICE@example.dk",
]


def test_wrong_guesses_in_six_casings_lock_the_account_for_a_seventh(client, alice, password):
    for casing in CASINGS:
        for _ in range(5):
            client.post(LOGIN, {"username": casing, "password": "forkert-forkert"})
    response = client.post(LOGIN, {"username": "alicE@examplE.dk", "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_spaces_around_the_email_count_as_the_same_account(client, alice, password):
    for _ in range(5):
        client.post(LOGIN, {"username": "  ALICE@example.dk ", "password": "forkert-forkert"})
    assert client.post(LOGIN, {"username": "alice@example.dk", "password": password}).status_code == 429


def test_lockout_username_is_lower_case_from_credentials_or_the_form():
    request = RequestFactory().post(LOGIN, {"username": " Anna@X.DK "})
    assert lockout_username(request, None) == "anna@x.dk"
    assert lockout_username(request, {"username": "Bo@Y.dk"}) == "bo@y.dk"


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "1.2.3.4" itself; our proxy appended what it saw and connected from 10.0.0.2.
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.2", "203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "  ,  "])
def test_a_missing_or_bad_forwarded_header_falls_back_to_the_proxy(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.2", forwarded)) == "10.0.0.2"


def test_behind_a_proxy_one_persons_guesses_do_not_lock_out_another_client(client, alice, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(5):
        client.post(LOGIN, {"username": "alice@example.dk", "password": "forkert-forkert"}, **attacker)
    assert client.post(LOGIN, {"username": "alice@example.dk", "password": password}, **attacker).status_code == 429
    alice_at_home = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    response = client.post(LOGIN, {"username": "alice@example.dk", "password": password}, **alice_at_home)
    assert response.status_code == 302
