"""Early signals ("tidlige tegn"): what the tovholder should look at soon, so help comes early.

Only where the family member the signal is about has a consent in force for the early-signals
purpose: the consent is asked at each read, so a withdrawal hides the signals at once. The rules'
numbers (how many days, how urgent) are data (data/early_signals.json), not code.

Computed on read rather than by a scheduled job: there is nothing to keep in step with consents,
plans and messages, and for the cases one tovholder holds (200 in the benchmark) it is a fixed
number of grouped queries, whatever the size of the plans or the threads (bench/cases.py).

What a signal is about, and so whose consent counts: a connection's, the member the case's need is
for; a plan action's, the member who owns it, or the goal's member, or else the citizen; a case's
silence, the citizen (the household member who is "self").
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.connections.models import Connection

from .models import Case, CaseNote, Consent, HouseholdMember, PlanAction


@cache
def rules() -> dict[str, dict[str, int]]:
    source = resources.files("ressourcebank.cases").joinpath("data/early_signals.json")
    return json.loads(source.read_text(encoding="utf-8"))["signals"]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Signal:
    kind: str
    case: Case
    member_id: int
    since: date
    detail: str

    @property
    def urgency(self) -> int:
        return rules()[self.kind]["urgency"]

    @property
    def text(self) -> str:
        return str(_texts()[self.kind]) % {"detail": self.detail}

    @property
    def urgency_text(self) -> str:
        return str({1: _("Haster"), 2: _("Snart"), 3: _("Hold øje")}.get(self.urgency, _("Hold øje")))


def _texts() -> dict[str, str]:
    return {
        "action_overdue": _("En handling i planen er over fristen: %(detail)s"),
        "connection_declined": _("Hjælpen blev afslået: %(detail)s"),
        "connection_cancelled": _("Hjælpen blev afbrudt: %(detail)s"),
        "connection_quiet": _("Ingen beskeder i en forbindelse i et stykke tid: %(detail)s"),
        "hours_stopped": _("Der er ikke skrevet timer på et stykke tid: %(detail)s"),
        "no_activity": _("Der er ikke sket noget i forløbet i et stykke tid."),
    }


def _day(value: datetime | date) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def signals_for(cases: list[Case], now: datetime | None = None) -> list[Signal]:
    """The early signals of the given open cases, most urgent first, then the oldest. Nine queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    by_id = {case.pk: case for case in cases if not case.is_closed}
    if not by_id:
        return []
    consenting = set(
        Consent.objects.in_force(today)
        .filter(case_id__in=by_id, purpose=Consent.Purpose.EARLY_SIGNALS)
        .values_list("member_id", flat=True)
    )
    if not consenting:
        return []
    selves = dict(
        HouseholdMember.objects.filter(case_id__in=by_id, relation=HouseholdMember.Relation.SELF).values_list(
            "case_id", "pk"
        )
    )
    found: list[Signal] = []

    def add(kind: str, case_id: int, member_id: int | None, since: datetime | date, detail: str) -> None:
        member = member_id or selves.get(case_id)
        if member in consenting:
            found.append(Signal(kind, by_id[case_id], member, _day(since), detail))

    row: Any  # the rows of .values(): dicts of the columns asked for
    overdue = rules()["action_overdue"]["after_days"]
    for row in (
        PlanAction.objects.filter(case_id__in=by_id, due_on__lt=today - timedelta(days=overdue))
        .exclude(status=PlanAction.Status.DONE)
        .values("case_id", "title", "due_on", "owner_member_id", "goal__member_id")
    ):
        add(
            "action_overdue",
            row["case_id"],
            row["owner_member_id"] or row["goal__member_id"],
            row["due_on"],
            row["title"],
        )

    connections = Connection.objects.filter(need__case_need__case_id__in=by_id).values(
        "pk",
        "state",
        "offer__title",
        "created_at",
        "answered_at",
        "ended_at",
        case_id=F("need__case_need__case_id"),
        member_id=F("need__case_need__member_id"),
    )
    ended = {
        Connection.State.DECLINED: ("connection_declined", rules()["connection_declined"]["within_days"]),
        Connection.State.CANCELLED: ("connection_cancelled", rules()["connection_cancelled"]["within_days"]),
    }
    for row in connections.filter(state__in=list(ended)):
        kind, within = ended[row["state"]]
        at = row["ended_at"] or row["answered_at"] or row["created_at"]
        if at >= now - timedelta(days=within):
            add(kind, row["case_id"], row["member_id"], at, row["offer__title"])

    quiet = now - timedelta(days=rules()["connection_quiet"]["after_days"])
    stopped = today - timedelta(days=rules()["hours_stopped"]["after_days"])
    # Two queries, not one with both maxima: a join of messages × hours would multiply the rows.
    active = connections.filter(state=Connection.State.ACCEPTED)
    for row in active.annotate(last_message=Max("messages__created_at")).filter(
        Q(last_message__lt=quiet) | Q(last_message=None, created_at__lt=quiet)
    ):
        seen = row["last_message"] or row["answered_at"] or row["created_at"]
        if seen < quiet:
            add("connection_quiet", row["case_id"], row["member_id"], seen, row["offer__title"])
    for row in active.annotate(last_hours=Max("hours_entries__given_on")).filter(last_hours__lt=stopped):
        add("hours_stopped", row["case_id"], row["member_id"], row["last_hours"], row["offer__title"])

    # A case's last sign of life: the newest of its plan's changes, its notes and its helpers' messages.
    silent_since = now - timedelta(days=rules()["no_activity"]["after_days"])
    last_activity: dict[int, datetime] = {pk: case.opened_at for pk, case in by_id.items()}
    sources: list[Any] = [
        PlanAction.objects.filter(case_id__in=by_id).values("case_id").annotate(at=Max("updated_at")),
        CaseNote.objects.filter(case_id__in=by_id).values("case_id").annotate(at=Max("created_at")),
        Connection.objects.filter(need__case_need__case_id__in=by_id)
        .values(case_id=F("need__case_need__case_id"))
        .annotate(at=Max(Coalesce("messages__created_at", "created_at"))),
    ]
    for source in sources:
        for row in source:
            if row["at"] and row["at"] > last_activity[row["case_id"]]:
                last_activity[row["case_id"]] = row["at"]
    for pk, at in last_activity.items():
        if at < silent_since:
            add("no_activity", pk, None, at, "")

    found.sort(key=lambda signal: (signal.urgency, signal.since, signal.case.title))
    return found
