"""Workplaces and places for the placements tests; bent's business has a workplace in Assentoft."""

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area


@pytest.fixture
def workplace(business: Organisation, assentoft: Area) -> Workplace:
    return Workplace.objects.create(
        organisation=business,
        name="Kontoret i Assentoft",
        address="Hovedgaden 1, 8960 Randers SØ",
        area=assentoft,
        ordinary_employees=12,
    )


@pytest.fixture
def make_place(db: Any, erik: User) -> Callable[..., Place]:
    """A place straight in the database; approved and open unless told otherwise."""

    def make(workplace: Workplace, **fields: Any) -> Place:
        fields.setdefault("kind", Place.Kind.VIRKSOMHEDSPRAKTIK)
        fields.setdefault("title", "Praktik på kontoret")
        fields.setdefault("tasks", "Post, arkiv og telefon.")
        fields.setdefault("hours_per_week_min", 10)
        fields.setdefault("hours_per_week_max", 20)
        fields.setdefault("status", Place.Status.OPEN)
        if fields["status"] in (Place.Status.OPEN, Place.Status.FILLED, Place.Status.CLOSED):
            fields.setdefault("approved_at", timezone.now())
            fields.setdefault("approved_by", erik)
        return Place.objects.create(workplace=workplace, **fields)

    return make
