"""Early signals on the tovholder's overview: only with the family member's consent for early
signals (and gone the moment it is withdrawn), most urgent first, the numbers from the data file,
in a fixed number of queries however many cases."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection as db_connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.cases import actions, early_signals
from ressourcebank.cases.models import Case, Consent, HouseholdMember, PlanAction
from ressourcebank.connections.models import Connection, HoursEntry, Message
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def dortes(dorte: User, login: Callable[..., None]) -> Client:
    client = Client()
    login(client, dorte)
    return client


def consent_to_signals(case: Case, member: HouseholdMember, dorte: User) -> Consent:
    return actions.record_consent(
        case, member=member, purpose=Consent.Purpose.EARLY_SIGNALS, method=Consent.Method.ORAL, by=dorte
    )


def overview(client: Client) -> str:
    response = client.get(reverse("cases:list"))
    assert response.status_code == 200
    return response.content.decode()


def kinds(case: Case) -> list[str]:
    return [signal.kind for signal in early_signals.signals_for([Case.objects.get(pk=case.pk)])]


@pytest.fixture
def overdue(case: Case) -> PlanAction:
    action = case.actions.get()
    PlanAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    return action


def test_no_signals_without_consent(case: Case, overdue: PlanAction, dortes: Client) -> None:
    assert kinds(case) == []
    assert "Tidlige tegn" not in overview(dortes)


def test_an_overdue_action_shows_with_consent_and_is_gone_at_once_when_withdrawn(
    case: Case, overdue: PlanAction, alice_self: HouseholdMember, dorte: User, alice: User, dortes: Client
) -> None:
    consent = consent_to_signals(case, alice_self, dorte)

    page = overview(dortes)

    assert "Tidlige tegn" in page and "En handling i planen er over fristen: Morgenhjælp tre dage om ugen" in page
    assert "Haster" in page

    actions.withdraw_consent(consent, by=alice)

    page = overview(dortes)
    assert "Tidlige tegn" not in page and "over fristen" not in page


def test_the_consent_of_the_member_the_signal_is_about_decides(
    case: Case, overdue: PlanAction, alice_self: HouseholdMember, dorte: User
) -> None:
    mads = case.members.get(relation=HouseholdMember.Relation.CHILD)
    PlanAction.objects.filter(pk=overdue.pk).update(owner_kind="member", owner_member=mads)
    consent_to_signals(case, alice_self, dorte)

    assert "action_overdue" not in kinds(case)

    consent_to_signals(case, mads, dorte)

    assert "action_overdue" in kinds(case)


@pytest.fixture
def helped(case_need: Need, carlas_offer: Offer, dorte: User) -> Connection:
    return Connection.objects.create(offer=carlas_offer, need=case_need, requester=dorte, state="accepted")


def test_declined_cancelled_quiet_and_stopped_help_are_signals(
    case: Case, case_need: Need, helped: Connection, alice_self: HouseholdMember, dorte: User, carla: User
) -> None:
    consent_to_signals(case, alice_self, dorte)
    now = timezone.now()
    # Accepted three weeks ago, a message 15 days ago, hours last given 25 days ago.
    Connection.objects.filter(pk=helped.pk).update(created_at=now - timedelta(days=21))
    Message.objects.create(connection=helped, author=carla, body="Hej", created_at=now - timedelta(days=15))
    HoursEntry.objects.create(connection=helped, given_on=timezone.localdate() - timedelta(days=25), hours=Decimal(2))

    assert sorted(kinds(case)) == ["connection_quiet", "hours_stopped"]

    Connection.objects.filter(pk=helped.pk).update(state="declined", answered_at=now - timedelta(days=2))

    assert kinds(case) == ["connection_declined"]

    Connection.objects.filter(pk=helped.pk).update(state="cancelled", ended_at=now - timedelta(days=30))

    assert kinds(case) == []  # ended a month ago: past the 14 days the rule looks back


def test_a_case_where_nothing_has_happened_for_weeks(case: Case, alice_self: HouseholdMember, dorte: User) -> None:
    consent_to_signals(case, alice_self, dorte)
    long_ago = timezone.now() - timedelta(days=40)
    Case.objects.filter(pk=case.pk).update(opened_at=long_ago)
    PlanAction.objects.filter(case=case).update(updated_at=long_ago)
    case.notes.update(created_at=long_ago)

    assert kinds(case) == ["no_activity"]

    actions.add_note(case, written_on=timezone.localdate(), body="Ringede i dag.", by=dorte)

    assert kinds(case) == []


def test_the_thresholds_are_data(
    case: Case, overdue: PlanAction, alice_self: HouseholdMember, dorte: User, monkeypatch: Any
) -> None:
    consent_to_signals(case, alice_self, dorte)
    changed = {**early_signals.rules(), "action_overdue": {"urgency": 1, "after_days": 7}}
    monkeypatch.setattr(early_signals, "rules", lambda: changed)

    assert kinds(case) == []  # three days over: within the week the data now allows


def test_signals_are_most_urgent_first_and_a_fixed_number_of_queries(
    case: Case, overdue: PlanAction, alice_self: HouseholdMember, dorte: User, alice: User
) -> None:
    consent_to_signals(case, alice_self, dorte)
    others = []
    for number in range(5):
        other = actions.open_case(
            actions.CaseData(
                title=f"Forløb {number}", kind="citizen", citizen_name=f"Borger {number}", age_group="65+"
            ),
            by=dorte,
        )
        consent_to_signals(other, other.members.get(), dorte)
        Case.objects.filter(pk=other.pk).update(opened_at=timezone.now() - timedelta(days=60))
        others.append(Case.objects.get(pk=other.pk))

    with CaptureQueriesContext(db_connection) as one:
        early_signals.signals_for([Case.objects.get(pk=case.pk)])
    with CaptureQueriesContext(db_connection) as six:
        found = early_signals.signals_for([Case.objects.get(pk=case.pk), *others])

    assert len(six) == len(one) <= 10
    assert [signal.kind for signal in found] == ["action_overdue"] + ["no_activity"] * 5


def test_a_closed_case_has_no_signals(
    case: Case, overdue: PlanAction, alice_self: HouseholdMember, dorte: User
) -> None:
    consent_to_signals(case, alice_self, dorte)
    actions.close_case(case, by=dorte)

    assert kinds(case) == []
