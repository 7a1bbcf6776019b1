"""The search page's filters come from a cache (offers/offer_list.html): what a visitor sees must be
exactly what rendering afresh would show — their own choices, their language, the categories as
staff named them a moment ago."""

import re
from typing import Any

import pytest

from ressourcebank.taxonomy.models import Category

pytestmark = pytest.mark.django_db


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)" selected>', select.group(1))


@pytest.mark.parametrize("url", ["/tilbud/", "/behov/"])
def test_each_visitor_sees_their_own_choices_in_the_filters(client: Any, url: str) -> None:
    first = client.get(url, {"category": "besoegsven", "area": "assentoft"}).content.decode()
    second = client.get(url, {"category": "transport", "area": "vorup"}).content.decode()
    again = client.get(url, {"category": "besoegsven", "area": "assentoft"}).content.decode()

    assert selected(first, "category") == ["besoegsven"] and selected(first, "area") == ["assentoft"]
    assert selected(second, "category") == ["transport"] and selected(second, "area") == ["vorup"]
    assert again == first
    assert '<details class="filters-toggle" open>' in first
    assert '<details class="filters-toggle">' in client.get(url).content.decode()


def test_a_category_renamed_by_staff_shows_in_the_filters_at_once(client: Any) -> None:
    assert "Besøgsven og samvær" in client.get("/tilbud/").content.decode()
    category = Category.objects.get(slug="besoegsven")
    category.name = "Besøgsven og hyggesnak"
    category.save()

    html = client.get("/tilbud/").content.decode()

    assert "Besøgsven og hyggesnak" in html and "Besøgsven og samvær" not in html


def test_the_filters_are_in_the_language_the_visitor_chose(client: Any) -> None:
    assert "Vælg kategori, sted og mere" in client.get("/tilbud/").content.decode()
    client.cookies["django_language"] = "en"

    html = client.get("/tilbud/").content.decode()

    assert "Choose category, place and more" in html and "All categories" in html


def test_a_filter_with_an_unknown_value_still_answers_with_the_page(client: Any) -> None:
    response = client.get("/tilbud/", {"category": "findes-ikke", "area": "assentoft"})

    assert response.status_code == 200
    assert selected(response.content.decode(), "area") == ["assentoft"]
