"""Use cases of places at businesses. Each checks the permission beside the change, owns its
transaction, writes its access-log row and queues its mail inside it."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import is_member
from ressourcebank.audit.models import Verb, record
from ressourcebank.cases.actions import why_reading
from ressourcebank.cases.models import Consent, HouseholdMember
from ressourcebank.lib.mail import render_subject
from ressourcebank.notifications.actions import queue_mail
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.taxonomy.models import Area

from . import rules
from .models import Agreement, Extension, FollowUp, Place, Proposal, Workplace
from .permissions import (
    Viewer,
    can_answer_proposal,
    can_approve_places,
    can_approve_proposal,
    can_extend_agreement,
    can_follow_up,
    can_post_place,
    can_propose_for,
    shares_with_business,
)
from .rules import RuleError, check_duration, check_start, max_hours_per_week, target_group_choices

# --- Proposals, agreements and follow-ups -------------------------------------------------------
#
# Every read of a proposed citizen's data and every change is in the access log with the citizen's
# Case as the target, so the citizen's "who opened my case" names the business or the municipality
# and why. The log names what changed, never the values.


def _refuse(errors: list[RuleError]) -> None:
    if errors:
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field or NON_FIELD_ERRORS, []).append(error.message)
        raise ValidationError(by_field)


def read_proposal(proposal: Proposal, viewer: Viewer, *, by: User, what: str) -> None:
    """One log row for a page that showed a proposed citizen: the business's (first name and
    introduction, with the business named in the log), or the municipality's."""
    _record_read(proposal, viewer, by=by, what=what)


def read_agreement(agreement: Agreement, viewer: Viewer, *, by: User, what: str) -> None:
    _record_read(agreement.proposal, viewer, by=by, what=what)


def _record_read(proposal: Proposal, viewer: Viewer, *, by: User, what: str) -> None:
    case = proposal.case
    if viewer.is_tovholder:
        record(by, Verb.READ, case, note=what, reason=why_reading(case, by))
    elif viewer.is_municipality:
        record(by, Verb.READ, case, note=what, reason=_("kommunens arbejde med en plads i en virksomhed"))
    elif viewer.is_business and shares_with_business(proposal.member):
        # After a withdrawal the business is shown nothing about the person, so nothing was read.
        record(
            by,
            Verb.READ,
            case,
            note=what,
            reason=_("virksomhed, borgeren er foreslået til"),
            actor_role="virksomhed",
            actor_organisation=proposal.place.workplace.organisation.name,
        )


def read_business_page(
    organisation: Organisation, proposals: list[Proposal], agreements: list[Agreement], *, by: User
) -> None:
    """The business's page showed first names: one read per person shown, in one transaction."""
    viewer = Viewer(is_business=is_member(by, organisation), is_municipality=by.is_municipal_staff)
    with transaction.atomic():
        seen: set[int] = set()
        for proposal in [*proposals, *(agreement.proposal for agreement in agreements)]:
            if proposal.case_id not in seen:
                seen.add(proposal.case_id)
                _record_read(proposal, viewer, by=by, what="plads: virksomhedens side")


def propose_citizen(
    place: Place, *, member: HouseholdMember, target_group: str, is_young: bool, introduction: str, by: User
) -> Proposal:
    """The tovholder proposes a person from a case they hold for an open, approved place, on the
    person's consent to share with a business. Never a CPR number; the business is not told more
    than business_view."""
    case = member.case
    if not can_propose_for(by, case):
        raise PermissionDenied
    if not Place.objects.approved_open().filter(pk=place.pk).exists():
        raise ValidationError(_("Pladsen er ikke ledig lige nu."), code="place_not_open")
    if member.age_group == HouseholdMember.AgeGroup.CHILD:
        raise ValidationError({"member": _("Et barn under 15 kan ikke foreslås til en plads.")})
    consent = (
        Consent.objects.in_force()
        .filter(member=member, purpose=Consent.Purpose.SHARE_WITH_BUSINESS)
        .order_by("-recorded_at")
        .first()
    )
    if consent is None:
        raise ValidationError(
            {
                "member": _(
                    "Borgeren har ikke sagt ja til at dele med en virksomhed. Registrér samtykket i forløbet først."
                )
            }
        )
    if target_group not in dict(target_group_choices()):
        raise ValidationError({"target_group": _("Vælg borgerens målgruppe.")})
    if Proposal.objects.filter(place=place, member=member, status__in=Proposal.OPEN).exists():
        raise ValidationError(_("Borgeren er allerede foreslået til pladsen."), code="already_proposed")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            place=place,
            case=case,
            member=member,
            consent=consent,
            target_group=target_group,
            is_young=is_young,
            introduction=introduction.strip(),
            proposed_by=by,
        )
        record(by, Verb.CREATE, case, note=f"plads: borger foreslået til plads {place.pk}")
    return proposal


def answer_proposal(proposal: Proposal, *, accept: bool, reason: str = "", by: User) -> Proposal:
    """The business says yes or no. Only while the consent is in force: withdrawn, it sees nobody
    to answer for."""
    if not can_answer_proposal(by, proposal):
        raise PermissionDenied
    with transaction.atomic():
        updated = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.PROPOSED).update(
            status=Proposal.Status.ACCEPTED if accept else Proposal.Status.DECLINED,
            answered_by=by,
            answered_at=timezone.now(),
            decline_reason="" if accept else reason.strip(),
        )
        if updated:
            record(
                by,
                Verb.APPROVE if accept else Verb.REJECT,
                proposal.case,
                note="plads: virksomheden sagde " + ("ja" if accept else "nej"),
                actor_role="virksomhed",
                actor_organisation=proposal.place.workplace.organisation.name,
            )
    proposal.refresh_from_db()
    return proposal


@dataclass
class AgreementData:
    purpose: str
    starts_on: date
    ends_on: date
    hours_per_week: int
    business_contact_name: str
    municipal_contact: User
    business_contact_phone: str = ""
    business_contact_email: str = ""
    employee_representative: str = ""
    midway_on: date | None = None
    final_on: date | None = None


def midway(starts_on: date, ends_on: date) -> date:
    return starts_on + timedelta(days=(ends_on - starts_on).days // 2)


def check_agreement(place: Place, target_group: str, data: AgreementData) -> list[RuleError]:
    """Every rule the agreement's terms break: a purpose, the start not before the place's approval,
    the duration rule of the citizen's group, hours within the place's range and at most full time,
    and follow-up dates inside the agreement."""
    errors = []
    if not data.purpose.strip():
        errors.append(RuleError("purpose", "purpose", _("Skriv formålet med forløbet.")))
    errors += check_start(place, data.starts_on)
    errors += check_duration(target_group, data.starts_on, data.ends_on)
    most = min(place.hours_per_week_max, max_hours_per_week())
    if not place.hours_per_week_min <= data.hours_per_week <= most:
        errors.append(
            RuleError(
                "hours_range",
                "hours_per_week",
                _("Pladsen er til %(min)d–%(max)d timer om ugen. Vælg et tal i det spænd.")
                % {"min": place.hours_per_week_min, "max": most},
            )
        )
    for field, day in (("midway_on", data.midway_on), ("final_on", data.final_on)):
        if day is not None and data.ends_on >= data.starts_on and not data.starts_on <= day <= data.ends_on:
            errors.append(RuleError("follow_up_dates", field, _("Opfølgningen skal ligge mellem start og slut.")))
    return errors


def approve_proposal(proposal: Proposal, data: AgreementData, *, by: User) -> Agreement:
    """The municipality approves the match and the agreement follows, checked against the rules, with
    its two follow-ups. A place whose every seat is taken is marked filled."""
    if not can_approve_proposal(by, proposal):
        raise PermissionDenied
    place = proposal.place
    _refuse(check_agreement(place, proposal.target_group, data))
    with transaction.atomic():
        if not Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.ACCEPTED).update(
            status=Proposal.Status.APPROVED, approved_by=by, approved_at=timezone.now()
        ):
            raise ValidationError(_("Forslaget er allerede behandlet."), code="already_handled")
        agreement = Agreement.objects.create(
            proposal=proposal,
            place=place,
            purpose=data.purpose.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            hours_per_week=data.hours_per_week,
            business_contact_name=data.business_contact_name.strip(),
            business_contact_phone=data.business_contact_phone.strip(),
            business_contact_email=data.business_contact_email.strip(),
            employee_representative=data.employee_representative.strip(),
            municipal_contact=data.municipal_contact,
            created_by=by,
        )
        FollowUp.objects.bulk_create(
            [
                FollowUp(
                    agreement=agreement,
                    kind=FollowUp.Kind.MIDWAY,
                    due_on=data.midway_on or midway(data.starts_on, data.ends_on),
                ),
                FollowUp(agreement=agreement, kind=FollowUp.Kind.FINAL, due_on=data.final_on or data.ends_on),
            ]
        )
        _refresh_place_status(place)
        record(by, Verb.CREATE, proposal.case, note=f"plads: aftale {agreement.pk} godkendt")
    proposal.refresh_from_db()
    return agreement


def _refresh_place_status(place: Place) -> None:
    """Filled when its active agreements take every seat, open again when one ends."""
    taken = Agreement.objects.active().filter(place=place).count()
    status = place.status
    if status == Place.Status.OPEN and taken >= place.places:
        status = Place.Status.FILLED
    elif status == Place.Status.FILLED and taken < place.places:
        status = Place.Status.OPEN
    if status != place.status:
        place.status = status
        place.save(update_fields=["status"])


def extend_agreement(agreement: Agreement, *, new_ends_on: date, reason: str, by: User) -> Agreement:
    """A new end date, checked again against the duration rule (the longer limit a concrete
    assessment allows). The follow-up at the end moves with it, unless it was held."""
    if not can_extend_agreement(by, agreement):
        raise PermissionDenied
    if new_ends_on <= agreement.ends_on:
        raise ValidationError({"new_ends_on": _("Den nye slutdato skal ligge efter den nuværende.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv, hvorfor aftalen forlænges.")})
    _refuse(
        [
            RuleError(e.rule, "new_ends_on", e.message)
            for e in check_duration(agreement.proposal.target_group, agreement.starts_on, new_ends_on, extended=True)
        ]
    )
    previous = agreement.ends_on
    with transaction.atomic():
        Extension.objects.create(
            agreement=agreement,
            previous_ends_on=previous,
            new_ends_on=new_ends_on,
            reason=reason.strip(),
            extended_by=by,
        )
        agreement.ends_on = new_ends_on
        agreement.save(update_fields=["ends_on"])
        agreement.follow_ups.filter(kind=FollowUp.Kind.FINAL, held_on=None).update(due_on=new_ends_on, reminded_at=None)
        record(
            by,
            Verb.UPDATE,
            agreement.proposal.case,
            note=f"plads: aftale {agreement.pk} forlænget",
            changes={"ends_on": (previous, new_ends_on)},
        )
    return agreement


def record_follow_up(follow_up: FollowUp, *, held_on: date, note: str, outcome: str = "", by: User) -> FollowUp:
    """A follow-up was held. The one at the end records what the agreement led to and ends it."""
    agreement = follow_up.agreement
    if not can_follow_up(by, agreement):
        raise PermissionDenied
    if follow_up.held_on is not None:
        raise ValidationError(_("Opfølgningen er allerede skrevet."), code="already_held")
    is_final = follow_up.kind == FollowUp.Kind.FINAL
    if is_final and outcome not in Agreement.Outcome.values:
        raise ValidationError({"outcome": _("Vælg, hvad forløbet førte til.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Datoen er ikke kommet endnu. Skriv den dag, I holdt opfølgningen.")})
    with transaction.atomic():
        follow_up.held_on, follow_up.held_by, follow_up.note = held_on, by, note.strip()
        follow_up.save(update_fields=["held_on", "held_by", "note"])
        if is_final:
            agreement.status, agreement.outcome, agreement.ended_at = Agreement.Status.ENDED, outcome, timezone.now()
            agreement.save(update_fields=["status", "outcome", "ended_at"])
            _refresh_place_status(agreement.place)
        record(
            by,
            Verb.UPDATE,
            agreement.proposal.case,
            note=f"plads: opfølgning {follow_up.kind} på aftale {agreement.pk}",
        )
    return follow_up


def _render(name: str, context: dict[str, Any]) -> tuple[str, str, str]:
    with translation.override("da"):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_subject(f"placements/email/{name}_subject.txt", context)
        text = render_to_string(f"placements/email/{name}.txt", context)
        html = render_to_string(f"placements/email/{name}.html", context)
    return subject, text, html


@cache
def follow_up_settings() -> dict[str, int]:
    source = resources.files("ressourcebank.placements").joinpath("data", "follow_up.json")
    return {key: int(value) for key, value in json.loads(source.read_text(encoding="utf-8"))["reminder"].items()}


def send_follow_up_reminders(today: date | None = None) -> int:
    """A mail to the municipality's contact and the business's contact, some days before each
    follow-up that is not yet held (data/follow_up.json). The mail names the place and the date,
    never the citizen; the link leads to the agreement behind login. Each follow-up is reminded once."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=follow_up_settings()["days_before"])
    due = (
        FollowUp.objects.filter(
            held_on=None, reminded_at=None, due_on__lte=horizon, agreement__status=Agreement.Status.ACTIVE
        )
        .select_related("agreement__place__workplace__organisation", "agreement__municipal_contact")
        .order_by("due_on", "pk")
    )
    sent = 0
    for follow_up in due:
        agreement = follow_up.agreement
        context = {
            "follow_up": follow_up,
            "agreement": agreement,
            "place": agreement.place,
            "organisation": agreement.place.workplace.organisation,
            "link": settings.SITE_URL + agreement.get_absolute_url(),
        }
        with transaction.atomic():
            if not FollowUp.objects.filter(pk=follow_up.pk, reminded_at=None).update(reminded_at=timezone.now()):
                continue  # another run took it
            contact = agreement.municipal_contact
            if contact.is_active and contact.email:
                queue_mail(
                    contact,
                    OutboxMail.Kind.PLACEMENT,
                    f"placement-follow-up:{follow_up.pk}:{follow_up.due_on}:municipality",
                    _render("follow_up_reminder", {**context, "for_business": False}),
                )
            if agreement.business_contact_email:
                queue_mail(
                    None,
                    OutboxMail.Kind.PLACEMENT,
                    f"placement-follow-up:{follow_up.pk}:{follow_up.due_on}:business",
                    _render("follow_up_reminder", {**context, "for_business": True}),
                    to_address=agreement.business_contact_email,
                )
            sent += 1
    return sent


def read_agreements_for_export(agreements: list[Agreement], *, by: User) -> None:
    """The export names each citizen: one read each, in one transaction."""
    with transaction.atomic():
        for agreement in agreements:
            record(
                by,
                Verb.READ,
                agreement.proposal.case,
                note="plads: aftaler hentet som CSV",
                reason=_("kommunens arbejde med en plads i en virksomhed"),
            )


# --- Workplaces and places (Vi har en plads) --------------------------------------------------


class PlaceBreaksRules(ValidationError):
    """A place that breaks one or more rules; `rule_errors` names each (the API's 422 says which)."""

    def __init__(self, rule_errors: list[rules.RuleError]) -> None:
        self.rule_errors = rule_errors
        messages: dict[str, list[str]] = {}
        for error in rule_errors:
            messages.setdefault(error.field or "__all__", []).append(error.message)
        super().__init__(messages)


@dataclass
class WorkplaceData:
    name: str
    address: str
    area: Area
    ordinary_employees: int
    p_number: str = ""


@dataclass
class PlaceData:
    """What the place form (or the API) gives."""

    workplace: Workplace
    kind: str
    title: str
    tasks: str
    hours_per_week_min: int
    hours_per_week_max: int
    places: int = 1
    young: bool = False
    learning: str = ""
    adjustments: str = ""
    mentor: str = ""
    accessibility: str = ""


def create_workplace(organisation: Organisation, data: WorkplaceData, *, by: User) -> Workplace:
    """A member registers a site of their business."""
    if not organisation.is_business or not is_member(by, organisation):
        raise PermissionDenied
    workplace = Workplace(
        organisation=organisation,
        name=data.name.strip(),
        address=data.address.strip(),
        area=data.area,
        ordinary_employees=data.ordinary_employees,
        p_number=data.p_number,
    )
    workplace.full_clean()
    with transaction.atomic():
        workplace.save()
        record(by, Verb.CREATE, workplace, note=f"arbejdssted for organisation {organisation.pk}")
    return workplace


def create_place(data: PlaceData, *, by: User) -> Place:
    """A member posts a standing offer of a place; it waits for the municipality's approval."""
    if not can_post_place(by, data.workplace):
        raise PermissionDenied
    place = Place(
        workplace=data.workplace,
        kind=data.kind,
        title=data.title.strip(),
        tasks=data.tasks.strip(),
        learning=data.learning.strip(),
        hours_per_week_min=data.hours_per_week_min,
        hours_per_week_max=data.hours_per_week_max,
        places=data.places,
        young=data.young,
        adjustments=data.adjustments.strip(),
        mentor=data.mentor.strip(),
        accessibility=data.accessibility.strip(),
        status=Place.Status.PENDING,
        created_by=by,
    )
    # The rules below say what is wrong with the hours and places in words; the constraints behind
    # them stay in the database.
    place.full_clean(exclude=["workplace", "created_by"], validate_constraints=False)
    with transaction.atomic():
        # Serialises places at one workplace (SQLite takes the write lock at BEGIN IMMEDIATE anyway).
        workplace = Workplace.objects.select_for_update().get(pk=data.workplace.pk)
        broken = rules.check_place(
            workplace=workplace,
            kind=place.kind,
            hours_per_week_min=place.hours_per_week_min,
            hours_per_week_max=place.hours_per_week_max,
            places=place.places,
        )
        if broken:
            raise PlaceBreaksRules(broken)
        place.save()
        record(by, Verb.CREATE, place, note=f"plads ({place.kind}) på arbejdssted {workplace.pk}")
    return place


def approve_place(place: Place, *, by: User) -> Place:
    """Staff approve a waiting place: from now on it is shown, and people can start there."""
    if not can_approve_places(by):
        raise PermissionDenied
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status != Place.Status.PENDING:
            raise ValidationError(_("Pladsen venter ikke på godkendelse længere."))
        place.status = Place.Status.OPEN
        place.approved_at = timezone.now()
        place.approved_by = by
        place.save(update_fields=["status", "approved_at", "approved_by"])
        record(by, Verb.APPROVE, place)
    return place


def reject_place(place: Place, reason: str, *, by: User) -> Place:
    """Staff refuse a waiting place, saying why; the business sees the reason on its page."""
    if not can_approve_places(by):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv, hvorfor pladsen ikke bliver godkendt.")})
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.status != Place.Status.PENDING:
            raise ValidationError(_("Pladsen venter ikke på godkendelse længere."))
        place.status = Place.Status.REJECTED
        place.rejected_at = timezone.now()
        place.rejection_reason = reason
        place.save(update_fields=["status", "rejected_at", "rejection_reason"])
        record(by, Verb.REJECT, place, reason=reason[:300])
    return place
