"""The footer's language links: Danish unless a person picks English, and only local redirects."""

from django.urls import reverse


def test_the_site_is_danish_even_when_the_browser_asks_for_english(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "da"
    assert '<html lang="da">' in response.text


def test_picking_english_remembers_it_and_returns_to_the_page(client, db):
    response = client.get(reverse("pages:language", args=["en"]), {"next": "/tilbud/?q=strik"})

    assert response.status_code == 302
    assert response["Location"] == "/tilbud/?q=strik"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_an_unknown_language_changes_nothing(client, db):
    response = client.get(reverse("pages:language", args=["xx"]), {"next": "/"})
    assert "django_language" not in response.cookies
    assert client.get("/")["Content-Language"] == "da"


def test_only_a_local_next_address_is_followed(client, db):
    response = client.get(reverse("pages:language", args=["en"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_next_that_is_not_a_path_returns_to_the_front_page_not_a_500(client, db):
    # redirect() took a bare word for a URL name and raised NoReverseMatch (found by fuzzing).
    for bad in ("ukendt", "pages:home", "a\x00b", "99999999999999999999"):
        response = client.get(reverse("pages:language", args=["en"]), {"next": bad})
        assert response.status_code == 302
        assert response["Location"] == "/"
