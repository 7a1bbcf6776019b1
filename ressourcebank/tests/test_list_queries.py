"""Every list a logged-in person or staff opens reads its rows in a fixed number of queries, however
many rows there are (issue 9): Min side with needs and connections, the connections list, the
events, the API's own lists, and the staff lists not covered beside their app's other tests."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.audit.models import AuditEvent
from ressourcebank.connections.models import Connection, HoursEntry
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import Event, OutboxMail
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def needs_of(owner: User, n: int, start: int = 0) -> list[Need]:
    return [
        Need.objects.create(
            owner=owner,
            title=f"Hjælp til at handle {i}",
            description="Jeg har brug for en, der kan handle ind for mig om torsdagen.",
            category=Category.objects.get(slug="praktisk-hjaelp"),
            area=Area.objects.get(slug="assentoft"),
        )
        for i in range(start, start + n)
    ]


def connections_to(requester: User, make_offer: Callable[..., Offer], n: int, start: int = 0) -> None:
    """n accepted connections of requester's to n offers, each with hours, an unread event and a need."""
    for i in range(start, start + n):
        offer = make_offer(title=f"Besøgsven {i}", capacity_kind="hours_per_month", capacity_amount=5)
        (need,) = needs_of(requester, 1, start=i)
        connection = Connection.objects.create(offer=offer, requester=requester, need=need, state="accepted")
        HoursEntry.objects.create(connection=connection, given_on=timezone.localdate(), hours=Decimal(1))
        Event.objects.create(user=requester, kind="accepted", connection=connection)


def grows(count: Callable[[], int], add: Callable[[int], None]) -> tuple[int, int]:
    add(1)
    count()  # a first visit may refresh or read once what later visits find ready
    few = count()
    add(5)
    count()
    return few, count()


def test_min_side_asks_the_same_number_of_queries_for_more_needs_and_connections(
    client: Any, login: Any, alice: User, make_offer: Any, count_queries: Any
) -> None:
    login(client, alice)
    url = reverse("accounts:dashboard")

    def add(n: int) -> None:
        start = Need.objects.count()
        needs_of(alice, n, start=start + 100)
        connections_to(alice, make_offer, n, start=start)

    few, many = grows(lambda: count_queries(client, url), add)
    assert many <= few


def test_the_connections_list_asks_the_same_number_of_queries_for_more_connections(
    client: Any, login: Any, alice: User, make_offer: Any, count_queries: Any
) -> None:
    login(client, alice)
    url = reverse("connections:list")

    few, many = grows(
        lambda: count_queries(client, url), lambda n: connections_to(alice, make_offer, n, start=Need.objects.count())
    )
    assert many <= few
    assert "Besøgsven 5" in client.get(url).content.decode()


def test_the_events_list_asks_the_same_number_of_queries_for_more_events(
    client: Any, login: Any, alice: User, make_offer: Any, count_queries: Any
) -> None:
    login(client, alice)
    url = reverse("notifications:events")

    few, many = grows(
        lambda: count_queries(client, url), lambda n: connections_to(alice, make_offer, n, start=Need.objects.count())
    )
    assert many <= few


@pytest.mark.parametrize("path", ["/api/v1/needs", "/api/v1/connections"])
def test_the_apis_own_lists_ask_the_same_number_of_queries_for_more_rows(
    client: Any, alice: User, make_offer: Any, path: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"Authorization": f"Bearer {ApiToken.issue(alice, second_factor_verified=False)}"}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, response.content
        return len(queries)

    few, many = grows(count, lambda n: connections_to(alice, make_offer, n, start=Need.objects.count()))
    assert many <= few
    assert len(client.get(path, headers=headers).json()) == 6


def test_the_failed_mail_list_asks_the_same_number_of_queries_for_more_mails(
    client: Any, login: Any, erik: User, alice: User, count_queries: Any
) -> None:
    login(client, erik)

    def add(n: int) -> None:
        for _ in range(n):
            i = OutboxMail.objects.count()
            OutboxMail.objects.create(
                recipient=alice,
                to_address="alice@example.dk",
                kind=OutboxMail.Kind.choices[0][0],
                subject=f"Besked {i}",
                state=OutboxMail.State.FAILED,
                last_error="Forbindelsen blev afvist",
                idempotency_key=f"test-{i}",
            )

    few, many = grows(lambda: count_queries(client, reverse("staff:mail")), add)
    assert many <= few


def test_the_unmet_needs_list_reads_in_the_same_number_of_queries_for_more_needs(
    client: Any, login: Any, erik: User, alice: User
) -> None:
    """The page's own reads: the access log gets one row per staff-only title shown, each joining
    its hash chain on its own (audit.models reads the chain's head for each), which is the point of
    the log rather than a cost to remove."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, erik)

    def reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("staff:unmet_needs")).status_code == 200
        return sum(
            1
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT") and '"audit_' not in q["sql"]
        )

    few, many = grows(reads, lambda n: needs_of(alice, n, start=Need.objects.count()))
    assert many <= few
    assert AuditEvent.objects.filter(verb="read", note="udækkede behov").count() >= 6


def test_the_hours_overview_asks_the_same_number_of_queries_for_more_hours(
    client: Any, login: Any, erik: User, alice: User, make_offer: Any, count_queries: Any
) -> None:
    login(client, erik)

    few, many = grows(
        lambda: count_queries(client, reverse("staff:hours")),
        lambda n: connections_to(alice, make_offer, n, start=Need.objects.count()),
    )
    assert many <= few


def test_the_taxonomy_list_asks_the_same_number_of_queries_for_more_categories(
    client: Any, login: Any, erik: User, count_queries: Any
) -> None:
    login(client, erik)

    def add(n: int) -> None:
        for _ in range(n):
            i = Category.objects.count()
            Category.objects.create(slug=f"ny-{i}", name=f"Ny kategori {i}", position=100 + i)

    few, many = grows(lambda: count_queries(client, reverse("staff:taxonomy")), add)
    assert many <= few
