"""Monthly totals from the hours ledger, for a person, an organisation, and for staff per area and
category. Corrections are entries too, so every sum is already corrected."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from ressourcebank.accounts.models import Organisation, User

from .models import HoursEntry

MONTHS = 12


def _by_month(entries: Any) -> list[tuple[date, Decimal]]:
    rows = (
        entries.annotate(month=TruncMonth("given_on"))
        .values("month")
        .annotate(total=Sum("hours"))
        .order_by("-month")[:MONTHS]
    )
    return [(row["month"], row["total"]) for row in rows if row["total"]]


def hours_given_by_person(user: User) -> list[tuple[date, Decimal]]:
    """Hours the person recorded as given, newest month first."""
    return _by_month(HoursEntry.objects.filter(recorded_by=user))


def hours_given_by_organisation(organisation: Organisation) -> list[tuple[date, Decimal]]:
    return _by_month(HoursEntry.objects.filter(connection__offer__organisation=organisation))


def hours_received_by_person(user: User) -> list[tuple[date, Decimal]]:
    return _by_month(HoursEntry.objects.filter(connection__requester=user))


def hours_by_area_and_category(since: date) -> list[dict[str, Any]]:
    """For staff: [{month, area, category, total}] from `since`, newest month first."""
    rows = (
        HoursEntry.objects.filter(given_on__gte=since)
        .annotate(month=TruncMonth("given_on"))
        .values("month", "connection__offer__area__name", "connection__offer__category__name")
        .annotate(total=Sum("hours"))
        .order_by("-month", "connection__offer__area__name", "connection__offer__category__name")
    )
    return [
        {
            "month": row["month"],
            "area": row["connection__offer__area__name"],
            "category": row["connection__offer__category__name"],
            "total": row["total"],
        }
        for row in rows
        if row["total"]
    ]


def hours_by_area(since: date) -> list[dict[str, Any]]:
    rows = (
        HoursEntry.objects.filter(given_on__gte=since)
        .annotate(month=TruncMonth("given_on"))
        .values("month", "connection__offer__area__name")
        .annotate(total=Sum("hours"))
        .order_by("-month", "connection__offer__area__name")
    )
    return [
        {"month": row["month"], "area": row["connection__offer__area__name"], "total": row["total"]}
        for row in rows
        if row["total"]
    ]
