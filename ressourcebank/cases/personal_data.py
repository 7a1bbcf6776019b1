"""The citizen's cases in their data export ("Det ved vi om dig"), registered with accounts' hook.

Everything the case holds on the citizen and their household is included, the tovholder's notes
too: they are personal data about the citizen, and the right of access (GDPR art. 15) covers them.
An exemption (databeskyttelsesloven § 22) is a decision for one case, not a rule for all, so the
notes are written knowing the citizen may read them. The access log is given by role,
organisation, time and purpose, never by the employee's name. A staff member exporting on the
citizen's request reads the case: that read is logged with their reason, so the citizen sees it.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest
from ressourcebank.audit.models import AuditEvent, Verb, record
from ressourcebank.needs.personal_data import export_item as need_item

from .models import Case, CaseNeed, PlanAction

# How many entries of "who opened my case" the citizen is shown (the newest).
OPENED_BY_SHOWN = 50


def opened_by(case: Case, limit: int = OPENED_BY_SHOWN) -> list[dict[str, Any]]:
    """Who opened the citizen's case: when, in which role, for which organisation and why, as the
    log recorded them at the time; never the employee's name (the right of access asks for the
    purpose, not the person)."""
    events = (
        AuditEvent.objects.filter(target_type=Case._meta.label_lower, target_id=str(case.pk), verb=Verb.READ)
        .exclude(actor_id=case.citizen_id)
        .order_by("-seq")[:limit]
    )
    roles = dict(User.Role.choices)
    return [
        {
            "at": event.at,
            "role": roles.get(event.actor_role, event.actor_role) if event.actor_role else _("Systemet"),
            "organisation": event.actor_organisation,
            "reason": event.reason,
        }
        for event in events
    ]


def _case_items(case: Case) -> list[ExportItem]:
    about = ExportItem(case.title)
    about.add("kind", _("Hvem handler forløbet om?"), case.get_kind_display())
    about.add("status", _("Status"), case.get_status_display())
    about.add("tovholder", _("Tovholder"), case.tovholder.name)
    about.add("substitute", _("Stedfortræder"), case.substitute.name if case.substitute else "")
    about.add("opened_at", _("Oprettet"), case.opened_at).add("closed_at", _("Afsluttet"), case.closed_at)
    items = [about]

    household = ExportItem(_("Husstand"))
    for member in case.members.all():
        household.children.append(
            ExportItem(member.name)
            .add("relation", _("Hvem er det for borgeren?"), member.get_relation_display())
            .add("age_group", _("Alder"), member.get_age_group_display())
        )
    items.append(household)

    agencies = ExportItem(_("Instanser"))
    for agency in case.agencies.select_related("kind"):
        agencies.children.append(
            ExportItem(agency.name)
            .add("kind", _("Slags instans"), agency.kind.name)
            .add("contact_person", _("Kontaktperson"), agency.contact_person)
            .add("role", _("Kontaktpersonens rolle"), agency.role)
            .add("phone", _("Telefon"), agency.phone)
            .add("email", _("E-mail"), agency.email)
            .add("doing", _("Hvad gør de?"), agency.doing)
        )
    items.append(agencies)

    plan = ExportItem(_("Planen"))
    actions = Prefetch("actions", queryset=PlanAction.objects.select_related("owner_member", "owner_agency"))
    for goal in case.goals.select_related("member").prefetch_related(actions):
        plan.children.append(ExportItem(_("Mål: %(title)s") % {"title": goal.title}))
        for action in goal.actions.all():
            plan.children.append(
                ExportItem(action.title)
                .add("goal", _("Mål"), goal.title)
                .add("owner", _("Hvem gør det?"), action.owner_text())
                .add("due_on", _("Frist"), action.due_on)
                .add("status", _("Hvor langt er det?"), action.get_status_display())
                .add("follow_up", _("Opfølgning"), action.get_follow_up_display() if action.follow_up else "")
            )
    items.append(plan)

    consents = ExportItem(_("Samtykker"))
    for consent in case.consents.select_related("member", "agency"):
        consents.children.append(
            ExportItem(consent.get_purpose_display())
            .add("member", _("Hvem?"), consent.member.name)
            .add("agency", _("Instans"), consent.agency.name if consent.agency else "")
            .add("text", _("Teksten"), consent.text())
            .add("text_version", _("Tekstens version"), consent.text_version)
            .add("method", _("Hvordan blev det givet?"), consent.get_method_display())
            .add("recorded_at", _("Registreret"), consent.recorded_at)
            .add("ends_on", _("Gælder til og med"), consent.ends_on)
            .add("withdrawn_at", _("Trukket tilbage"), consent.withdrawn_at)
        )
    items.append(consents)

    needs = ExportItem(_("Behov i forløbet"))
    for case_need in CaseNeed.objects.filter(case=case).select_related("need__category", "need__area", "member"):
        needs.children.append(need_item(case_need.need).add("member", _("Hvem er behovet for?"), case_need.member.name))
    items.append(needs)

    notes = ExportItem(_("Tovholderens noter"))
    for note in case.notes.all():
        notes.children.append(ExportItem(date_format(note.written_on, "j. F Y")).add("body", _("Note"), note.body))
    items.append(notes)

    log = ExportItem(_("Hvem har åbnet forløbet"))
    for row in opened_by(case, limit=500):
        log.children.append(
            ExportItem(str(row["role"]))
            .add("at", _("Tidspunkt"), row["at"])
            .add("organisation", _("Organisation"), row["organisation"])
            .add("reason", _("Hvorfor"), row["reason"])
        )
    items.append(log)
    return items


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    cases = list(Case.objects.filter(citizen=user).select_related("tovholder", "substitute").order_by("opened_at"))
    if not cases:
        return None
    items: list[ExportItem] = []
    for case in cases:
        if not request.is_own(user):
            record(request.by, Verb.READ, case, note="dataudtræk", reason=request.reason)
        items.extend(_case_items(case))
    intro = _(
        "Dit forløb med din tovholder: husstanden, instanserne, planen, samtykkerne, noterne og hvem der har åbnet det."
    )
    return ExportPart("cases", _("Dit forløb"), items, intro=intro, position=60)
