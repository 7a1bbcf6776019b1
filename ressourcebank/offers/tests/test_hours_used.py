"""A list's capacity left this period (with_hours_used) counts each offer's own quota period: the
week for a weekly offer, the calendar month for a monthly one, also when the week began last month."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import Connection, HoursEntry
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


def hours_on(offer: Offer, requester: User, day: date, hours: int) -> None:
    connection, _ = Connection.objects.get_or_create(offer=offer, requester=requester, state="accepted")
    HoursEntry.objects.create(connection=connection, given_on=day, hours=Decimal(hours))


@time_machine.travel("2026-12-03 12:00 +01:00")  # a Thursday; the week began on Monday 30 November
def test_a_list_counts_the_week_for_weekly_offers_and_the_month_for_monthly_ones(
    make_offer: Callable[..., Offer], alice: User
) -> None:
    weekly = make_offer(title="Ugentlig", capacity_kind="hours_per_week", capacity_amount=5)
    monthly = make_offer(title="Månedlig", capacity_kind="hours_per_month", capacity_amount=10)
    once = make_offer(title="En gang", capacity_kind="one_off")
    for offer in (weekly, monthly):
        hours_on(offer, alice, date(2026, 11, 25), 4)  # last week, last month
        hours_on(offer, alice, date(2026, 11, 30), 1)  # this week, last month
        hours_on(offer, alice, date(2026, 12, 2), 2)  # this week and this month

    listed: dict[str, Any] = {o.title: o for o in Offer.objects.with_hours_used().filter(pk__gte=weekly.pk)}

    assert listed["Ugentlig"].capacity_text() == "2 af 5 timer tilbage denne uge"
    assert listed["Månedlig"].capacity_text() == "8 af 10 timer tilbage i december"
    assert listed["En gang"].capacity_text() == "En enkelt gang"
    # The same as each offer asking the ledger by itself.
    for offer in (weekly, monthly):
        assert listed[offer.title].capacity_text() == Offer.objects.get(pk=offer.pk).capacity_text()
    assert once.capacity_text() == "En enkelt gang"


def test_a_list_without_hours_quotas_does_not_ask_the_ledger(
    make_offer: Callable[..., Offer], django_assert_num_queries: Any
) -> None:
    make_offer(capacity_kind="one_off")
    make_offer(capacity_kind="places", capacity_amount=3)

    with django_assert_num_queries(1):
        texts = sorted(o.capacity_text() for o in Offer.objects.with_hours_used())

    assert texts == ["3 pladser", "En enkelt gang"]


@time_machine.travel("2026-12-03 12:00 +01:00")
def test_a_result_page_reads_its_offers_as_the_orm_would_in_two_queries(
    make_offer: Callable[..., Offer], alice: User, carlas_offer: Offer, django_assert_num_queries: Any
) -> None:
    from ressourcebank.offers.models import offers_in_order
    from ressourcebank.taxonomy.cache import taxonomy

    citizens = make_offer(owner=alice, title="Alices", capacity_kind="hours_per_week", capacity_amount=3)
    nobodys = make_offer(title="Uden ejer")
    hours_on(carlas_offer, alice, date(2026, 12, 1), 2)
    ids = [nobodys.pk, carlas_offer.pk, 987654, citizens.pk]
    taxonomy()  # categories and areas are held per process, read once

    with django_assert_num_queries(2):
        offers = offers_in_order(ids)
        shown = [(o.title, o.provider_name(), o.capacity_text(), o.category.name, o.area.name) for o in offers]

    assert [o.pk for o in offers] == [nobodys.pk, carlas_offer.pk, citizens.pk]
    assert shown[1][1:3] == ("Assentoft Strikkeklub", "3 af 5 timer tilbage i december")
    assert shown[2][1] == "Alice"
    for offer in offers:
        stored = Offer.objects.get(pk=offer.pk)
        for field in Offer._meta.concrete_fields:
            assert getattr(offer, field.attname) == getattr(stored, field.attname), field.name
        assert offer.capacity_text() == stored.capacity_text()
        assert offer.is_public == stored.is_public
