"""Categories and areas as the migration seeds them, and the distances the search radius uses."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_active_categories_and_one_whole_municipality() -> None:
    assert Category.objects.filter(is_active=True).exists()
    assert Area.objects.filter(is_whole_municipality=True).count() == 1


def test_categories_and_areas_come_in_their_set_order() -> None:
    positions = list(Category.objects.values_list("position", flat=True))
    assert positions == sorted(positions)
    assert list(Area.objects.values_list("position", flat=True)) == sorted(
        Area.objects.values_list("position", flat=True)
    )


def test_an_area_must_have_a_centre_unless_it_is_the_whole_municipality() -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        Area.objects.create(slug="intetsteds", name="Intetsteds")
    Area.objects.create(slug="overalt", name="Overalt", is_whole_municipality=True)


def test_the_distance_between_two_towns_is_the_great_circle_distance() -> None:
    assentoft = Area.objects.get(slug="assentoft")
    here = Area(slug="her", name="Her", latitude=assentoft.latitude, longitude=assentoft.longitude)
    north = Area(slug="nord", name="Nord", latitude=assentoft.latitude + 1, longitude=assentoft.longitude)

    assert assentoft.distance_km(here) == 0
    assert north.distance_km(assentoft) == pytest.approx(111.2, abs=0.1)  # one degree of latitude


def test_the_whole_municipality_has_no_distance() -> None:
    whole = Area.objects.get(is_whole_municipality=True)
    assert whole.distance_km(Area.objects.get(slug="assentoft")) is None


def test_areas_within_a_radius_include_the_area_itself_and_the_whole_municipality() -> None:
    assentoft = Area.objects.get(slug="assentoft")
    near = assentoft.areas_within(0)

    assert set(near) == {assentoft, Area.objects.get(is_whole_municipality=True)}
    wider = assentoft.areas_within(20)
    assert set(near) < set(wider)
    assert all(a.is_whole_municipality or (assentoft.distance_km(a) or 0) <= 20 for a in wider)


def test_the_whole_municipality_reads_in_lower_case_inside_a_sentence(client: Any) -> None:
    # "Hjælp og rådgivning i Hele kommunen." and, on the brochure's cover, "Ressourcebanken i Hele
    # kommunen": a town keeps its capital, "hele kommunen" is not a name.
    whole = Area.objects.get(slug="hele-kommunen")
    assert whole.name_in_text == "hele kommunen"
    assert Area.objects.get(slug="assentoft").name_in_text == "Assentoft"

    page = client.get(reverse("pages:area", args=["hele-kommunen"])).content.decode()
    assert "Hjælp og rådgivning i hele kommunen." in page
    assert "Se tilbud i hele kommunen." in page
    assert "i Hele kommunen" not in page
