"""Break-glass: an administrator reads something they normally may not, for a limited time, with a
reason; the grant and each use are in the access log for the audit role."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from ressourcebank.accounts.models import User
from ressourcebank.audit.actions import has_break_glass, open_break_glass, record_log_search, review_break_glass
from ressourcebank.audit.models import AuditEvent, BreakGlassGrant, Verb
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db


def test_an_administrator_opens_break_glass_with_a_reason_and_it_is_logged(frida: User, alices_need: Need) -> None:
    grant = open_break_glass(frida, alices_need, reason="Borgeren er forsvundet, politiet spørger", minutes=30)

    assert grant.expires_at - grant.opened_at == timedelta(minutes=30)
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.target_type, event.target_id, event.reason) == (
        Verb.BREAK_GLASS_OPEN,
        frida,
        "needs.need",
        str(alices_need.pk),
        "Borgeren er forsvundet, politiet spørger",
    )
    assert event.is_flagged


def test_each_use_is_logged_and_flagged(frida: User, alices_need: Need) -> None:
    open_break_glass(frida, alices_need, reason="Akut", minutes=10)

    assert has_break_glass(frida, alices_need)
    assert has_break_glass(frida, alices_need)

    assert list(AuditEvent.objects.flagged().order_by("seq").values_list("verb", "reason")) == [
        (Verb.BREAK_GLASS_OPEN, "Akut"),
        (Verb.BREAK_GLASS_USE, "Akut"),
        (Verb.BREAK_GLASS_USE, "Akut"),
    ]


def test_a_grant_runs_out(frida: User, alices_need: Need) -> None:
    open_break_glass(frida, alices_need, reason="Akut", minutes=10)

    with time_machine.travel(timedelta(minutes=11)):
        assert not has_break_glass(frida, alices_need)
    assert not AuditEvent.objects.filter(verb=Verb.BREAK_GLASS_USE).exists()


def test_a_grant_is_for_one_person_and_one_object(frida: User, alice: User, alices_need: Need, need: Need) -> None:
    open_break_glass(frida, alices_need, reason="Akut", minutes=10)

    assert not has_break_glass(frida, need)
    assert not has_break_glass(alice, alices_need)


@pytest.mark.parametrize(
    ("reason", "minutes", "field"), [("  ", 10, "reason"), ("Akut", 0, "minutes"), ("Akut", 100_000, "minutes")]
)
def test_a_missing_reason_or_a_wrong_time_is_refused_in_danish(
    frida: User, alices_need: Need, reason: str, minutes: int, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        open_break_glass(frida, alices_need, reason=reason, minutes=minutes)

    assert field in refused.value.message_dict
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", ["erik", "dorte", "alice", "rikke"])
def test_only_administrators_may_open_break_glass(
    persona: str, request: pytest.FixtureRequest, alices_need: Need
) -> None:
    with pytest.raises(PermissionDenied):
        open_break_glass(request.getfixturevalue(persona), alices_need, reason="Nysgerrig", minutes=10)


def test_the_auditor_marks_a_grant_reviewed_once(frida: User, rikke: User, alices_need: Need) -> None:
    grant = open_break_glass(frida, alices_need, reason="Akut", minutes=10)

    review_break_glass(grant, by=rikke)
    review_break_glass(grant, by=rikke)

    assert not BreakGlassGrant.objects.unreviewed().exists()
    assert AuditEvent.objects.filter(verb=Verb.BREAK_GLASS_REVIEW, actor=rikke).count() == 1


def test_a_search_of_the_log_is_logged_with_ids_only(rikke: User, alice: User) -> None:
    record_log_search({"person": str(alice.pk), "verb": "read", "target_id": ""}, by=rikke)

    event = AuditEvent.objects.get()
    assert (event.verb, event.note, event.target_type) == (Verb.SEARCH_LOG, f"person={alice.pk} verb=read", "")


def test_the_log_remembers_role_and_organisation_at_the_time(dorte: User, alice: User, settings: Any) -> None:
    from ressourcebank.audit.models import record

    first = record(dorte, Verb.READ, alice, reason="Opfølgning")
    dorte.role = User.Role.STAFF
    dorte.save()
    settings.ACCESS_LOG_ORGANISATION = "Norddjurs Kommune"
    first.refresh_from_db()

    assert (first.actor_role, first.actor_organisation, first.reason) == (
        "coordinator",
        "Randers Kommune",
        "Opfølgning",
    )
    assert record(None, Verb.READ, alice).actor_role == ""
