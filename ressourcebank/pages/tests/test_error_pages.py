"""Error pages in Danish, in the site's layout, with a way on (issue 8, item 9). The test client
runs with DEBUG off, as DJANGO_DEBUG=0 does in production."""

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

pytestmark = pytest.mark.django_db

WAYS_ON = ('href="/"', 'href="/tilbud/"', 'href="/hvor-kan-jeg-henvende-mig/"')


def assert_danish_page_with_a_way_on(html: str, heading: str) -> None:
    assert '<html lang="da">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "Ressourcebanken" in html and 'class="footer"' in html
    for link in WAYS_ON:
        assert link in html
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error"):
        assert english not in html


def test_a_page_that_does_not_exist_answers_in_danish(client: Client, settings: Any) -> None:
    assert settings.DEBUG is False
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_danish_page_with_a_way_on(html, "Vi kan ikke finde siden")
    assert 'href="/konto/log-ind/?next=/findes-ikke/"' in html


def test_a_page_one_may_not_see_answers_in_danish(client: Client, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.get(reverse("staff:hours"))
    assert response.status_code == 403
    assert_danish_page_with_a_way_on(response.content.decode(), "Du har ikke adgang til siden")


def test_a_bad_request_and_a_server_error_answer_in_danish() -> None:
    request = RequestFactory().get("/")
    bad = defaults.bad_request(request, Exception("bad"))
    error = defaults.server_error(request)
    assert (bad.status_code, error.status_code) == (400, 500)
    assert_danish_page_with_a_way_on(bad.content.decode(), "Noget gik galt med din forespørgsel")
    assert_danish_page_with_a_way_on(error.content.decode(), "Der skete en fejl hos os")


def test_a_form_sent_without_a_valid_csrf_token_answers_in_danish_with_the_way_back() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": "a@example.dk", "password": "x"},
        headers={"referer": "http://testserver/konto/log-ind/"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert_danish_page_with_a_way_on(html, "Siden var for gammel")
    assert 'href="http://testserver/konto/log-ind/"' in html


def test_the_csrf_page_never_links_back_to_another_site() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {}, headers={"referer": "https://evil.example/"})
    assert response.status_code == 403 and "evil.example" not in response.content.decode()
