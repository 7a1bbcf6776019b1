"""The categories and areas are read once per process and again when staff change them."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def test_the_lists_are_read_once_and_again_after_a_change() -> None:
    first = taxonomy()
    with CaptureQueriesContext(connection) as queries:
        assert taxonomy() is first
    assert len(queries) == 0
    Category.objects.create(slug="ny-kategori", name="Ny kategori")
    assert "ny-kategori" in taxonomy().category_by_slug
    area = Area.objects.get(slug="langaa")
    area.name = "Langå by"
    area.save()
    assert taxonomy().area_by_slug["langaa"].name == "Langå by"
    area.delete()
    assert "langaa" not in taxonomy().area_by_slug


def test_the_search_form_shows_a_category_staff_just_added(client: Any) -> None:
    client.get("/tilbud/")
    Category.objects.create(slug="ny-kategori", name="Helt ny kategori")
    assert "Helt ny kategori" in client.get("/tilbud/").content.decode()
    category = Category.objects.get(slug="ny-kategori")
    category.is_active = False
    category.save()
    assert "Helt ny kategori" not in client.get("/tilbud/").content.decode()


def test_the_search_page_reads_no_taxonomy_once_it_is_held(client: Any) -> None:
    client.get("/tilbud/?q=hjælp&category=it-hjaelp&area=langaa")
    with CaptureQueriesContext(connection) as queries:
        client.get("/tilbud/?q=hjælp&category=it-hjaelp&area=langaa")
    assert not [q for q in queries if "taxonomy_" in q["sql"]]
