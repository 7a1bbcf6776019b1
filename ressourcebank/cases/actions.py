"""Use cases on a case. Each checks the permission beside the change, owns its transaction and
writes one access-log row with the Case as target (so the citizen's "who opened my case" can ask
by case). The log names what changed, never the values: the log must not become a second copy of
the case. Reads are logged here too, through `read_case`, which every case view calls.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.audit.actions import open_break_glass
from ressourcebank.audit.models import Verb, record
from ressourcebank.connections.models import Connection, HoursEntry, Message, Thanks
from ressourcebank.needs.actions import NeedData, anonymise_needs, register_need_for_citizen
from ressourcebank.needs.models import Need

from .models import (
    ANONYMISED,
    Agency,
    Case,
    CaseNeed,
    CaseNote,
    CaseTeam,
    Consent,
    HouseholdMember,
    PlanAction,
    PlanGoal,
    current_consent_version,
)
from .permissions import (
    can_anonymise_case,
    can_edit_case,
    can_open_case,
    closed_case_refusal,
    has_team_role,
    may_break_glass,
)


def why_reading(case: Case, by: User) -> str:
    """The purpose of a professional's read, as the citizen is told it (who, when and why)."""
    if case.tovholder_id == by.pk:
        return _("tovholder for forløbet")
    if case.substitute_id == by.pk and case.is_tovholder_away():
        return _("stedfortræder, mens tovholderen er væk")
    if has_team_role(by, case):
        return _("rolle i forløbets team")
    return _("nødadgang")


def read_case(case: Case, *, by: User, what: str) -> Case:
    """A professional read part of a case (`what`: "forløb", "noter", "api" …): one log row, with
    why they may read it. The citizen reading their own case is not logged; it is theirs."""
    if case.citizen_id != by.pk:
        record(by, Verb.READ, case, note=what, reason=why_reading(case, by))
    return case


def read_case_titles(cases: Sequence[Case], *, by: User) -> None:
    """A list showed the titles of cases the reader does not hold (a team's cases): one read each."""
    with transaction.atomic():
        for case in cases:
            if by.pk not in (case.tovholder_id, case.substitute_id):
                record(by, Verb.READ, case, note="oversigt", reason=_("rolle i forløbets team"))


def _require_edit(case: Case, by: User) -> None:
    if case.is_closed:
        raise closed_case_refusal()
    if not can_edit_case(by, case):
        raise PermissionDenied


@dataclass
class CaseData:
    title: str
    kind: str
    citizen_name: str
    age_group: str
    citizen: User | None = None
    team: CaseTeam | None = None


def open_case(data: CaseData, *, by: User) -> Case:
    """A coordinator opens a case for a citizen (with or without an account); the coordinator is its
    tovholder, and the citizen is its first household member."""
    if not can_open_case(by):
        raise PermissionDenied
    if data.citizen is not None and Case.objects.open().filter(citizen=data.citizen).exists():
        raise ValidationError(_("Borgeren har allerede et åbent forløb."), code="has_open_case")
    with transaction.atomic():
        case = Case.objects.create(
            title=data.title.strip(),
            kind=data.kind,
            citizen=data.citizen,
            tovholder=by,
            team=data.team,
            opened_by=by,
        )
        HouseholdMember.objects.create(
            case=case, name=data.citizen_name.strip(), relation=HouseholdMember.Relation.SELF, age_group=data.age_group
        )
        record(by, Verb.CREATE, case, note="forløb oprettet")
    return case


def update_case(case: Case, fields: dict[str, Any], *, by: User) -> Case:
    """The tovholder changes the case's name, team, substitute or absence."""
    _require_edit(case, by)
    changed = [name for name, value in fields.items() if getattr(case, name) != value]
    if not changed:
        return case
    for name in changed:
        setattr(case, name, fields[name])
    with transaction.atomic():
        case.save(update_fields=[*changed, "updated_at"])
        record(by, Verb.UPDATE, case, note="ændret: " + ", ".join(sorted(changed)))
    return case


def close_case(case: Case, *, by: User) -> Case:
    """The case ends; from now on it is read-only, and `closed_at` starts the retention period."""
    _require_edit(case, by)
    with transaction.atomic():
        case.status = Case.Status.CLOSED
        case.closed_at = timezone.now()
        case.save(update_fields=["status", "closed_at", "updated_at"])
        record(by, Verb.UPDATE, case, note="forløb afsluttet")
    return case


def add_member(case: Case, *, name: str, relation: str, age_group: str, by: User) -> HouseholdMember:
    _require_edit(case, by)
    if relation == HouseholdMember.Relation.SELF:
        raise ValidationError(_("Borgeren selv er allerede med i husstanden."), code="self_exists")
    with transaction.atomic():
        member = HouseholdMember.objects.create(case=case, name=name.strip(), relation=relation, age_group=age_group)
        record(by, Verb.CREATE, case, note="husstand: medlem tilføjet")
    return member


def add_agency(case: Case, agency: Agency, *, by: User) -> Agency:
    _require_edit(case, by)
    agency.case = case
    with transaction.atomic():
        agency.save()
        record(by, Verb.CREATE, case, note="instans tilføjet")
    return agency


def add_goal(case: Case, *, title: str, member: HouseholdMember | None, by: User) -> PlanGoal:
    _require_edit(case, by)
    with transaction.atomic():
        goal = PlanGoal.objects.create(case=case, title=title.strip(), member=member)
        record(by, Verb.CREATE, case, note="plan: mål tilføjet")
    return goal


def add_action(case: Case, action: PlanAction, *, by: User) -> PlanAction:
    _require_edit(case, by)
    if action.goal.case_id != case.pk:
        raise PermissionDenied
    action.case = case
    with transaction.atomic():
        action.save()
        record(by, Verb.CREATE, case, note="plan: handling tilføjet")
    return action


def update_action(action: PlanAction, fields: dict[str, Any], *, by: User) -> PlanAction:
    """Status, due date and follow-up of an action change as the work goes on."""
    case = action.case
    _require_edit(case, by)
    changed = [name for name, value in fields.items() if getattr(action, name) != value]
    if not changed:
        return action
    for name in changed:
        setattr(action, name, fields[name])
    with transaction.atomic():
        action.save(update_fields=[*changed, "updated_at"])
        record(by, Verb.UPDATE, case, note="plan: handling ændret: " + ", ".join(sorted(changed)))
    return action


def add_note(case: Case, *, written_on: date, body: str, by: User) -> CaseNote:
    _require_edit(case, by)
    with transaction.atomic():
        note = CaseNote.objects.create(case=case, author=by, written_on=written_on, body=body.strip())
        record(by, Verb.CREATE, case, note="note skrevet")
    return note


def register_case_need(case: Case, member: HouseholdMember, data: NeedData, *, by: User) -> Need:
    """The tovholder registers a need for the citizen or a family member through the bank's own flow
    for coordinators. It is never public: what a helper sees of it follows the member's consent."""
    _require_edit(case, by)
    if member.case_id != case.pk:
        raise PermissionDenied
    data.visibility = Need.Visibility.STAFF
    with transaction.atomic():
        need = register_need_for_citizen(data, member.name, by=by)
        CaseNeed.objects.get_or_create(need=need, defaults={"case": case, "member": member})
        record(by, Verb.CREATE, case, note="behov registreret")
    return need


def record_consent(
    case: Case,
    *,
    member: HouseholdMember,
    purpose: str,
    method: str,
    agency: Agency | None = None,
    ends_on: date | None = None,
    by: User,
) -> Consent:
    """The tovholder records a consent as the citizen gave it, on the wording in force today."""
    _require_edit(case, by)
    if member.case_id != case.pk or (agency is not None and agency.case_id != case.pk):
        raise PermissionDenied
    with transaction.atomic():
        consent = Consent.objects.create(
            case=case,
            member=member,
            purpose=purpose,
            agency=agency if purpose == Consent.Purpose.SHARE_WITH_AGENCY else None,
            method=method,
            ends_on=ends_on,
            text_version=current_consent_version(purpose),
            recorded_by=by,
        )
        record(by, Verb.CREATE, case, note=f"samtykke registreret: {purpose}")
    return consent


def can_withdraw_consent(user: User, consent: Consent) -> bool:
    """The citizen withdraws their own (and their family's) consents; the tovholder may do it for them."""
    case = consent.case
    return consent.withdrawn_at is None and (case.citizen_id == user.pk or can_edit_case(user, case))


def withdraw_consent(consent: Consent, *, by: User) -> Consent:
    """Withdrawn at once: every page and API answer that asks the consent stops sharing from now.
    What was shared before stays lawful, so the row stays, dated."""
    if not can_withdraw_consent(by, consent):
        raise PermissionDenied
    with transaction.atomic():
        updated = Consent.objects.filter(pk=consent.pk, withdrawn_at=None).update(
            withdrawn_at=timezone.now(), withdrawn_by=by
        )
        if updated:
            record(by, Verb.REVOKE, consent.case, note=f"samtykke trukket tilbage: {consent.purpose}")
    consent.refresh_from_db()
    return consent


def ask_for_break_glass(case: Case, *, reason: str, minutes: int, by: User) -> None:
    """An administrator asks to read a case they may not, with a reason, for a limited time (the
    access log's grant: logged and flagged to the audit role). Read-only, never a change."""
    if not may_break_glass(by):
        raise PermissionDenied
    open_break_glass(by, case, reason=reason, minutes=minutes)


def _anonymise(case: Case) -> None:
    """Names, contact data and free text of the case and its members become ANONYMISED; the kind,
    dates, relations, age groups, statuses and consents stay, so the counts still add up. The
    account is unlinked, not deleted (the person may still use the bank). The access log is not
    touched: it names the case by number and holds no names or case text (see the module doc)."""
    Case.objects.filter(pk=case.pk).update(title=ANONYMISED, citizen=None, anonymised_at=timezone.now())
    HouseholdMember.objects.filter(case=case).update(name=ANONYMISED)
    for agency in Agency.objects.filter(case=case).select_related("kind"):
        agency.name = agency.kind.name
        agency.contact_person = agency.role = agency.phone = agency.email = agency.doing = ""
        agency.save(update_fields=["name", "contact_person", "role", "phone", "email", "doing"])
    PlanGoal.objects.filter(case=case).update(title=ANONYMISED)
    PlanAction.objects.filter(case=case).update(title=ANONYMISED)
    CaseNote.objects.filter(case=case).update(body=ANONYMISED)
    need_ids = list(CaseNeed.objects.filter(case=case).values_list("need_id", flat=True))
    anonymise_needs(need_ids, text=ANONYMISED)
    # What people wrote in the help for those needs is about the citizen too; the connections, their
    # hours and their messages stay, so the help is still counted.
    Connection.objects.filter(need_id__in=need_ids).update(request_message="", provider_message="")
    Message.objects.filter(connection__need_id__in=need_ids).update(body=ANONYMISED)
    HoursEntry.objects.filter(connection__need_id__in=need_ids).update(note="")
    Thanks.objects.filter(connection__need_id__in=need_ids).update(body="")


def refuse_anonymising(case: Case, *, by: User) -> None:
    """A reader of the case who may not anonymise it tried: logged, like every refusal."""
    record(by, Verb.REJECT, case, note="adgang nægtet: anonymiser", reason="ingen adgang")


def anonymise_case(case: Case, *, reason: str, by: User) -> Case:
    """On the citizen's request (erasure, GDPR art. 17): a closed case is anonymised at once."""
    if not can_anonymise_case(by, case):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv, hvorfor forløbet skal anonymiseres (fx borgerens anmodning).")})
    with transaction.atomic():
        _anonymise(case)
        record(by, Verb.ANONYMISE, case, note="forløb anonymiseret", reason=reason)
    case.refresh_from_db()
    return case


def anonymise_expired_cases(now: datetime | None = None) -> int:
    """The retention job: every case closed more than CASE_RETENTION_DAYS ago is anonymised, one
    transaction each, so a failure leaves the others done. Returns how many."""
    now = now or timezone.now()
    count = 0
    for pk in Case.objects.past_retention(now, settings.CASE_RETENTION_DAYS).values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            if case.is_anonymised:
                continue
            _anonymise(case)
            record(None, Verb.ANONYMISE, case, note="forløb anonymiseret", reason="opbevaringstiden er udløbet")
            count += 1
    return count
