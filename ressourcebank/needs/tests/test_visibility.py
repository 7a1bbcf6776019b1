"""Need.objects.visible_to is the one rule for who may read a need; the need page, the unmet list
and the API's own list all ask it (or editable_by, its owner-and-coordinator part)."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(alice: User, dorte: User) -> dict[str, Need]:
    area = Area.objects.get(slug="assentoft")

    def need(**fields: Any) -> Need:
        return Need.objects.create(area=area, description="Hjælp til at handle ind", **fields)

    return {
        "public": need(owner=alice, visibility=Need.Visibility.PUBLIC),
        "public_closed": need(owner=alice, visibility=Need.Visibility.PUBLIC, status=Need.Status.CLOSED),
        "staff_only": need(owner=alice),
        "coordinated": need(coordinator=dorte, citizen_name="Hans Hansen"),
    }


def names(queryset: Any, needs: dict[str, Need]) -> set[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, need in needs.items() if need.pk in ids}


def test_an_anonymous_visitor_sees_only_open_public_needs(needs: dict[str, Need]) -> None:
    assert names(Need.objects.visible_to(AnonymousUser()), needs) == {"public"}


def test_an_outsider_sees_only_open_public_needs(needs: dict[str, Need], olga: User) -> None:
    assert names(Need.objects.visible_to(olga), needs) == {"public"}


def test_the_owner_sees_her_own_needs_closed_and_staff_only_too(needs: dict[str, Need], alice: User) -> None:
    assert names(Need.objects.visible_to(alice), needs) == {"public", "public_closed", "staff_only"}


def test_a_coordinator_sees_the_public_needs_and_those_she_follows(needs: dict[str, Need], dorte: User) -> None:
    assert names(Need.objects.visible_to(dorte), needs) == {"public", "coordinated"}


def test_staff_see_every_need(needs: dict[str, Need], erik: User) -> None:
    assert names(Need.objects.visible_to(erik), needs) == set(needs)


def test_editable_by_is_the_owners_and_the_coordinators_part(needs: dict[str, Need], alice: User, dorte: User) -> None:
    assert names(Need.objects.editable_by(alice), needs) == {"public", "public_closed", "staff_only"}
    assert names(Need.objects.editable_by(dorte), needs) == {"coordinated"}
    assert names(Need.objects.editable_by(AnonymousUser()), needs) == set()
