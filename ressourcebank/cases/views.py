"""Case pages. The tovholder's: the overview, the case page with everyone involved, and one small
page per change (works without JavaScript, one thing per page). The citizen's: their own case, the
plan they can print, and their consents as a receipt they can withdraw from.

Every view with a case in its URL is only behind login_required, so that the case lookup in
`permissions` answers everyone else (a citizen too) with 404 and logs the refusal; each view logs
its read through `actions.read_case`.
"""

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case as CaseWhen
from django.db.models import Count, Min, Prefetch, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import require_coordinator_or_staff
from ressourcebank.connections.models import Connection

from . import actions, early_signals
from .forms import (
    ActionForm,
    ActionUpdateForm,
    AgencyForm,
    AnonymiseForm,
    BreakGlassForm,
    CaseEditForm,
    CaseForm,
    CaseNeedForm,
    ConsentForm,
    GoalForm,
    MemberForm,
    NoteForm,
)
from .models import Case, CaseNeed, Consent, HouseholdMember, PlanAction, consent_texts
from .permissions import (
    can_anonymise_case,
    can_edit_case,
    can_open_case,
    get_case_for_user,
    get_own_case,
    may_break_glass,
)
from .personal_data import opened_by

# Cases on one page of the overview.
OVERVIEW_PAGE_SIZE = 50


# --- The tovholder's pages ------------------------------------------------------------------


def _overview_rows(cases: Sequence[Case], today: Any) -> None:
    """The counts and the next due day of each listed case, in two grouped queries (not a join of
    members × actions per case), and the row's text made here rather than per row in the template."""
    ids = [case.pk for case in cases]
    kinds = dict(Case.Kind.choices)
    members = dict(
        HouseholdMember.objects.filter(case_id__in=ids)
        .values("case_id")
        .annotate(n=Count("id"))
        .values_list("case_id", "n")
    )
    open_actions: dict[int, dict[str, Any]] = {
        row["case_id"]: dict(row)
        for row in PlanAction.objects.filter(case_id__in=ids)
        .exclude(status=PlanAction.Status.DONE)
        .values("case_id")
        .annotate(n=Count("id"), next_due=Min("due_on"))
    }
    for case in cases:
        count = members.get(case.pk, 0)
        actions_row: dict[str, Any] = open_actions.get(case.pk, {})
        parts = [str(kinds.get(case.kind, case.kind)), ngettext("%(n)d person", "%(n)d personer", count) % {"n": count}]
        if case.is_closed:
            parts.append(_("Afsluttet"))
        else:
            n = actions_row.get("n", 0)
            parts.append(ngettext("%(n)d åben handling", "%(n)d åbne handlinger", n) % {"n": n})
        due = actions_row.get("next_due")
        case.next_due = due if not case.is_closed else None  # type: ignore[attr-defined]
        case.is_overdue = bool(case.next_due and due < today)  # type: ignore[attr-defined]
        case.meta = " · ".join(parts)  # type: ignore[attr-defined]


@require_coordinator_or_staff
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    # The user's own cases first, then those they substitute on, then the team's; a page at a time,
    # so a big team's overview stays quick on a phone.
    readable = Case.objects.readable_by(user, today).annotate(
        section=CaseWhen(When(tovholder=user, then=0), When(substitute=user, then=1), default=2)
    )
    pages = max(1, -(-readable.count() // OVERVIEW_PAGE_SIZE))
    page = min(max(1, int(request.GET["side"]) if request.GET.get("side", "").isdigit() else 1), pages)
    start = (page - 1) * OVERVIEW_PAGE_SIZE
    cases = list(
        readable.select_related("tovholder").order_by("section", "status", "title", "pk")[
            start : start + OVERVIEW_PAGE_SIZE
        ]
    )
    _overview_rows(cases, today)
    actions.read_case_titles(cases, by=user)
    # Early signals of the cases the user holds today (their own, and those they substitute on).
    held = list(Case.objects.held_by(user, today).open().only("pk", "title", "opened_at", "status"))
    context = {
        "mine": [case for case in cases if case.section == 0],
        "substituting": [case for case in cases if case.section == 1],
        "team": [case for case in cases if case.section == 2],
        "today": today,
        "signals": early_signals.signals_for(held),
        "may_open": can_open_case(user),
        "page": page,
        "pages": pages,
        "previous_url": f"?side={page - 1}" if page > 1 else "",
        "next_url": f"?side={page + 1}" if page < pages else "",
    }
    return render(request, "cases/case_list.html", context)


@require_coordinator_or_staff
def case_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_open_case(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_case(form.to_data(), by=request.user)
        except ValidationError as error:
            form.add_error("citizen_email", error)
        else:
            messages.success(request, _("Forløbet er oprettet. Du er tovholder."))
            return redirect(case)
    return render(request, "cases/case_form.html", {"form": form})


def _case_page_context(case: Case) -> dict[str, Any]:
    """Everything on the case page, in a fixed number of queries however big the plan is."""
    goals = list(
        case.goals.select_related("member").prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.select_related("owner_member", "owner_agency"))
        )
    )
    case_needs = list(
        CaseNeed.objects.filter(case=case)
        .select_related("need", "need__area", "member")
        .prefetch_related(
            Prefetch(
                "need__connections",
                queryset=Connection.objects.select_related("offer", "offer__organisation", "offer__owner"),
            )
        )
    )
    helpers = [
        connection
        for case_need in case_needs
        for connection in case_need.need.connections.all()
        if connection.state in (Connection.State.REQUESTED, Connection.State.ACCEPTED, Connection.State.COMPLETED)
    ]
    return {
        "case": case,
        "members": list(case.members.all()),
        "agencies": list(case.agencies.select_related("kind")),
        "goals": goals,
        "case_needs": case_needs,
        "helpers": helpers,
        "consents": list(case.consents.select_related("member", "agency").order_by("-recorded_at", "-id")),
        "today": timezone.localdate(),
    }


@login_required
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = actions.read_case(get_case_for_user(request.user, pk, what="forløb"), by=request.user, what="forløb")
    context = _case_page_context(case)
    context["may_edit"] = can_edit_case(request.user, case)
    context["note_count"] = case.notes.count()
    context["may_anonymise"] = can_anonymise_case(request.user, case)
    return render(request, "cases/case_detail.html", context)


def _edit_page(request: AuthenticatedHttpRequest, pk: int, *, what: str) -> Case:
    """A page that changes the case: only the tovholder (or the substitute on duty), never a closed case."""
    case = get_case_for_user(request.user, pk, what=what, edit=True)
    return actions.read_case(case, by=request.user, what=what)


def _render_form(request: AuthenticatedHttpRequest, case: Case, form: Any, heading: str, **extra: Any) -> HttpResponse:
    context = {"case": case, "form": form, "heading": heading, **extra}
    return render(request, "cases/case_part_form.html", context)


@login_required
def case_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="ret forløb")
    form = CaseEditForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.update_case(case, form.cleaned_data, by=request.user)
        messages.success(request, _("Forløbet er gemt."))
        return redirect(case)
    return _render_form(request, case, form, _("Ret forløbet"))


@require_http_methods(["GET", "POST"])
@login_required
def case_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="afslut forløb")
    if request.method == "GET":
        # Closing cannot be undone (the case becomes read-only): ask first, on a page of its own.
        return render(request, "cases/case_close.html", {"case": case})
    actions.close_case(case, by=request.user)
    messages.success(request, _("Forløbet er afsluttet. Det kan læses, men ikke ændres."))
    return redirect(case)


@require_http_methods(["GET", "POST"])
@login_required
def case_anonymise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """On the citizen's request, a closed case loses names, contact data and free text; a page of
    its own asks first and takes the reason, since it cannot be undone."""
    case = actions.read_case(get_case_for_user(request.user, pk, what="anonymiser"), by=request.user, what="anonymiser")
    if not can_anonymise_case(request.user, case):
        actions.refuse_anonymising(case, by=request.user)
        if case.is_closed:
            raise PermissionDenied
        raise PermissionDenied(_("Afslut forløbet, før det kan anonymiseres."))
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.anonymise_case(case, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("Forløbet er anonymiseret. Navne, kontaktoplysninger og tekster er fjernet."))
        return redirect(case)
    return render(request, "cases/case_anonymise.html", {"case": case, "form": form})


@login_required
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="husstand")
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_member(case, **form.cleaned_data, by=request.user)
        messages.success(request, _("Personen er tilføjet til husstanden."))
        return redirect(case.get_absolute_url() + "#husstand")
    return _render_form(request, case, form, _("Tilføj en i husstanden"))


@login_required
def agency_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="instanser")
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_agency(case, form.save(commit=False), by=request.user)
        messages.success(request, _("Instansen er tilføjet."))
        return redirect(case.get_absolute_url() + "#instanser")
    return _render_form(request, case, form, _("Tilføj en instans"))


@login_required
def goal_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="plan")
    form = GoalForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.add_goal(case, title=form.cleaned_data["title"], member=form.cleaned_data["member"], by=request.user)
        messages.success(request, _("Målet er tilføjet til planen."))
        return redirect(case.get_absolute_url() + "#plan")
    return _render_form(request, case, form, _("Tilføj et mål"))


@login_required
def action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="plan")
    if not case.goals.exists():
        messages.info(request, _("Skriv først et mål. Handlingerne står under målene."))
        return redirect("cases:goal_add", pk=case.pk)
    initial = {"goal": request.GET.get("maal")} if str(request.GET.get("maal", "")).isdigit() else None
    form = ActionForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.add_action(case, form.save(commit=False), by=request.user)
        messages.success(request, _("Handlingen er tilføjet til planen."))
        return redirect(case.get_absolute_url() + "#plan")
    return _render_form(request, case, form, _("Tilføj en handling"))


@login_required
def action_edit(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="plan")
    action = PlanAction.objects.filter(pk=action_pk, case=case).select_related("goal").first()
    if action is None:
        raise Http404
    form = ActionUpdateForm(request.POST or None, instance=PlanAction.objects.get(pk=action.pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("status", "due_on", "follow_up")}
        actions.update_action(action, data, by=request.user)
        messages.success(request, _("Handlingen er gemt."))
        return redirect(case.get_absolute_url() + "#plan")
    return _render_form(request, case, form, _("Følg op på en handling"), action=action)


@login_required
def notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = actions.read_case(get_case_for_user(request.user, pk, what="noter"), by=request.user, what="noter")
    may_edit = can_edit_case(request.user, case)
    form = NoteForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            actions.add_note(case, **form.cleaned_data, by=request.user)
            messages.success(request, _("Noten er gemt."))
            return redirect("cases:notes", pk=case.pk)
    context = {"case": case, "form": form, "notes": case.notes.select_related("author")[:200], "may_edit": may_edit}
    return render(request, "cases/case_notes.html", context)


@login_required
def need_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="behov")
    form = CaseNeedForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        need = actions.register_case_need(case, form.cleaned_data["member"], form.to_data(), by=request.user)
        messages.success(
            request, _("Behovet er gemt. Her er forslag til hjælp. Spørg på borgerens vegne, når I har talt om det.")
        )
        return redirect(need)
    return _render_form(request, case, form, _("Registrér et behov"))


@login_required
def consent_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _edit_page(request, pk, what="samtykke")
    form = ConsentForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        actions.record_consent(case, **form.cleaned_data, by=request.user)
        messages.success(request, _("Samtykket er registreret. Borgeren kan se det på sin side."))
        return redirect(case.get_absolute_url() + "#samtykker")
    return _render_form(request, case, form, _("Registrér et samtykke"), consent_texts=_current_texts())


def _current_texts() -> list[tuple[str, str]]:
    """The wording the citizen says yes to today, per purpose, shown beside the form."""
    texts = consent_texts()
    return [
        (str(label), str(texts[value]["versions"][texts[value]["current"]])) for value, label in Consent.Purpose.choices
    ]


@login_required
def break_glass(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An administrator asks for time-limited read access to one case, with a reason (audit's grant)."""
    if not may_break_glass(request.user):
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = form.cleaned_data["case_number"]
        try:
            actions.ask_for_break_glass(
                case, reason=form.cleaned_data["reason"], minutes=form.cleaned_data["minutes"], by=request.user
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.warning(request, _("Du har nødadgang til at læse forløbet. Det står i adgangsloggen."))
            return redirect(case)
    return render(request, "cases/break_glass.html", {"form": form})


# --- The citizen's pages --------------------------------------------------------------------


@login_required
def my_case(request: AuthenticatedHttpRequest) -> HttpResponse:
    case = get_own_case(request.user)
    context = _case_page_context(case)
    context["holder"] = case.holder()
    context["opened_by"] = opened_by(case)
    return render(request, "cases/my_case.html", context)


@login_required
def my_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    case = get_own_case(request.user)
    goals = case.goals.select_related("member").prefetch_related(
        Prefetch("actions", queryset=PlanAction.objects.select_related("owner_member", "owner_agency"))
    )
    context = {"case": case, "goals": goals, "holder": case.holder(), "today": timezone.localdate()}
    return render(request, "cases/my_plan.html", context)


@login_required
def consent_withdraw(request: AuthenticatedHttpRequest, consent_pk: int) -> HttpResponse:
    """One click on the receipt leads here; the button on this page withdraws the consent."""
    consent = Consent.objects.select_related("case", "member", "agency").filter(pk=consent_pk).first()
    if consent is None or consent.case.citizen_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        if consent.withdrawn_at is None:
            actions.withdraw_consent(consent, by=request.user)
        messages.success(request, _("Dit samtykke er trukket tilbage. Vi deler ikke mere på grund af det."))
        return redirect(reverse("cases:mine") + "#samtykker")
    return render(request, "cases/consent_withdraw.html", {"consent": consent})


def dashboard_part(user: User, organisations: list[Organisation]) -> dict[str, Any]:
    """Min side: a link to the citizen's own case, or to the overview for those who work on cases."""
    return {
        "has_own_case": Case.objects.filter(citizen=user).exists(),
        "holds_cases": user.is_coordinator or (user.is_municipal_staff and user.case_roles.exists()),
    }
