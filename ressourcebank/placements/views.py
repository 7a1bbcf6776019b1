"""Pages of places at businesses: proposing a citizen, the business's answer, the agreement (printable
on one A4 page), follow-ups, and the business's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import require_coordinator_or_staff
from ressourcebank.connections.totals import hours_given_by_organisation
from ressourcebank.lib.forms import add_action_error

from . import actions, rules
from . import actions as agreement_actions
from .forms import DeclineForm, FollowUpForm, OpenPlacesFilter, PlaceForm, ProposalForm, WorkplaceForm
from .models import Agreement, FollowUp, Place, Proposal, Workplace
from .permissions import (
    business_view,
    businesses_for,
    can_answer_proposal,
    can_approve_proposal,
    can_extend_agreement,
    can_follow_up,
    consenting_members,
    get_agreement_for_user,
    get_business_for_member,
    get_place_for_member,
    get_proposal_for_user,
    proposable_members,
    workplaces_for,
)
from .rules import target_group_choices

# Agreements on the business's page (the newest); a business with more has them in the CSV via staff.
AGREEMENTS_SHOWN = 100
# Open places on the tovholder's list; narrow it by area or kind for more.
OPEN_PLACES_SHOWN = 200


# --- Proposals, agreements, follow-ups and the business's own page ------------------------------
#
# Every view with an id in its URL looks the object up through permissions (404 for everyone it
# does not concern) and logs what the page shows of the citizen through actions.read_*.


@require_coordinator_or_staff
def place_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The tovholder proposes a person from one of their cases for an open place."""
    place = (
        Place.objects.approved_open().select_related("workplace__organisation", "workplace__area").filter(pk=pk).first()
    )
    if place is None:
        raise Http404
    members = proposable_members(request.user)
    form = ProposalForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = agreement_actions.propose_citizen(place, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Borgeren er foreslået. Virksomheden ser fornavnet og det, I skrev – intet andet.")
            )
            return redirect("placements:proposal", pk=proposal.pk)
    return render(
        request, "placements/proposal_form.html", {"place": place, "form": form, "has_members": members.exists()}
    )


@login_required
def proposal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal, viewer = get_proposal_for_user(request.user, pk)
    view = business_view(proposal)
    agreement_actions.read_proposal(proposal, viewer, by=request.user, what="plads: forslag")
    context = {
        "proposal": proposal,
        "viewer": viewer,
        "shared": view,
        "may_answer": can_answer_proposal(request.user, proposal),
        "may_approve": can_approve_proposal(request.user, proposal),
        "decline_form": DeclineForm(),
        "agreement": getattr(proposal, "agreement", None) if proposal.status == Proposal.Status.APPROVED else None,
    }
    return render(request, "placements/proposal_detail.html", context)


@require_POST
@login_required
def proposal_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal, _viewer = get_proposal_for_user(request.user, pk)
    if not can_answer_proposal(request.user, proposal):
        raise PermissionDenied
    accept = request.POST.get("answer") == "ja"
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    agreement_actions.answer_proposal(proposal, accept=accept, reason=reason, by=request.user)
    if accept:
        messages.success(request, _("Tak. Kommunen godkender nu forløbet og laver aftalen med jer."))
    else:
        messages.success(request, _("Tak for svaret. Kommunen finder en anden."))
    return redirect("placements:proposal", pk=proposal.pk)


@login_required
def agreement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The agreement with everything the state's form asks for, printable on one A4 page."""
    agreement, viewer = get_agreement_for_user(request.user, pk)
    agreement_actions.read_agreement(agreement, viewer, by=request.user, what="plads: aftale")
    proposal = agreement.proposal
    context = {
        "agreement": agreement,
        "place": agreement.place,
        "workplace": agreement.place.workplace,
        "organisation": agreement.place.workplace.organisation,
        "proposal": proposal,
        "viewer": viewer,
        "shared": business_view(proposal),
        "target_group": dict(target_group_choices()).get(proposal.target_group, proposal.target_group),
        "follow_ups": list(agreement.follow_ups.all()),
        "extensions": list(agreement.extensions.all()),
        "may_follow_up": can_follow_up(request.user, agreement),
        "may_extend": can_extend_agreement(request.user, agreement),
        "today": timezone.localdate(),
    }
    return render(request, "placements/agreement_detail.html", context)


@login_required
def follow_up(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    agreement, viewer = get_agreement_for_user(request.user, pk)
    if not can_follow_up(request.user, agreement):
        raise PermissionDenied
    item = agreement.follow_ups.filter(kind=kind, held_on=None).first()
    if item is None:
        raise Http404
    is_final = item.kind == FollowUp.Kind.FINAL
    form = FollowUpForm(request.POST or None, is_final=is_final)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_actions.record_follow_up(item, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Opfølgningen er gemt."))
            return redirect(agreement)
    agreement_actions.read_agreement(agreement, viewer, by=request.user, what="plads: opfølgning")
    return render(request, "placements/follow_up_form.html", {"agreement": agreement, "follow_up": item, "form": form})


@login_required
def business_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The business's one page: its places, the people proposed to it (first names, on consent),
    its agreements and follow-ups, and the hours it gives in the bank."""
    organisation = get_business_for_member(request.user, pk)
    places = list(
        Place.objects.filter(workplace__organisation=organisation)
        .select_related("workplace")
        .order_by("status", "title")
    )
    proposals = list(
        Proposal.objects.of_organisation(organisation)
        .filter(status__in=Proposal.OPEN)
        .select_related("place__workplace__organisation", "case", "member")
    )
    agreements = list(
        Agreement.objects.of_organisation(organisation)
        .select_related("place__workplace__organisation", "proposal__case", "proposal__member")
        .prefetch_related("follow_ups")
        .order_by("status", "-starts_on")[:AGREEMENTS_SHOWN]
    )
    consenting = consenting_members({p.member_id for p in proposals} | {a.proposal.member_id for a in agreements})
    for proposal in proposals:
        proposal.first_name = proposal.member.first_name if proposal.member_id in consenting else ""  # type: ignore[attr-defined]
    for agreement in agreements:
        member = agreement.proposal.member
        agreement.first_name = member.first_name if member.pk in consenting else ""  # type: ignore[attr-defined]
    agreement_actions.read_business_page(organisation, proposals, agreements, by=request.user)
    context = {
        "organisation": organisation,
        "workplaces": list(organisation.workplaces.select_related("area")),  # type: ignore[attr-defined]
        "places": places,
        "proposals": proposals,
        "agreements": agreements,
        "hours": hours_given_by_organisation(organisation),
    }
    return render(request, "placements/business_page.html", context)


@require_coordinator_or_staff
def open_places(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The approved places that have a free seat, for the tovholder looking for one for a citizen:
    by area and kind, each with the way to propose someone."""
    form = OpenPlacesFilter(request.GET or None)
    places = Place.objects.approved_open().select_related("workplace__organisation", "workplace__area")
    if form.is_valid():
        if form.cleaned_data.get("area"):
            places = places.in_area(form.cleaned_data["area"])
        if form.cleaned_data.get("kind"):
            places = places.of_kind(form.cleaned_data["kind"])
        if form.cleaned_data.get("young"):
            places = places.filter(young=True)
    listed = list(places.order_by("workplace__area__name", "title", "pk")[:OPEN_PLACES_SHOWN])
    return render(request, "placements/open_places.html", {"form": form, "places": listed})


# --- Workplaces and places (Vi har en plads) --------------------------------------------------

WORKPLACE_PREFIX = "arbejdssted"


def _forms(request: AuthenticatedHttpRequest) -> tuple[PlaceForm, WorkplaceForm | None]:
    """The place form, and the workplace form beside it while the business has no workplace yet."""
    data = request.POST if request.method == "POST" else None
    workplaces = workplaces_for(request.user)
    if workplaces.exists():
        return PlaceForm(data, workplaces=workplaces), None
    workplace_form = WorkplaceForm(data, businesses=businesses_for(request.user), prefix=WORKPLACE_PREFIX)
    new_workplace = None
    if data is not None:
        workplace_form.is_valid()
        employees = workplace_form.cleaned_data.get("ordinary_employees")
        if employees is not None:
            new_workplace = Workplace(name=workplace_form.cleaned_data.get("name") or _("arbejdsstedet"))
            new_workplace.ordinary_employees = employees
    return PlaceForm(data, new_workplace=new_workplace), workplace_form


def _ratio_hint(workplace: Workplace | None) -> dict[str, int] | None:
    if workplace is None:
        return None
    allowed = rules.max_concurrent(workplace.ordinary_employees)
    used = rules.places_in_use(workplace)
    return {"employees": workplace.ordinary_employees, "allowed": allowed, "used": used, "free": max(0, allowed - used)}


def place_create(request: HttpRequest) -> HttpResponse:
    """Vi har en plads: one form, reached from the front door's "Virksomhed eller forening"."""
    here = reverse("placements:place_create")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': here})}")
    user = request.user
    if not businesses_for(user).exists():
        # First the business itself (CVR, name, contact person), then straight back here.
        query = urlencode({"slags": "virksomhed", "next": here})
        return redirect(f"{reverse('accounts:organisation_create')}?{query}")
    form, workplace_form = _forms(request)  # type: ignore[arg-type]
    if request.method == "POST":
        workplace_ok = workplace_form is None or workplace_form.is_valid()
        if form.is_valid() and workplace_ok:
            try:
                with transaction.atomic():
                    if workplace_form is None:
                        workplace = form.cleaned_data["workplace"]
                    else:
                        workplace = _create_workplace(workplace_form, by=user)
                    place = actions.create_place(_place_data(form, workplace), by=user)
            except actions.PlaceBreaksRules as error:
                add_action_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Tak! Kommunen ser pladsen igennem, normalt inden for to hverdage. "
                        "I kan følge den under Jeres pladser."
                    ),
                )
                return redirect("placements:place_detail", pk=place.pk)
    return render(
        request,
        "placements/place_form.html",
        {
            "form": form,
            "workplace_form": workplace_form,
            "ratio": _ratio_hint(form.chosen_workplace) if form.is_bound else None,
            "details_open": form.is_bound
            and any(form[name].errors for name in ("learning", "mentor", "adjustments", "accessibility")),
        },
    )


def _create_workplace(form: WorkplaceForm, *, by: User) -> Workplace:
    data = form.cleaned_data
    workplace_data = actions.WorkplaceData(
        name=data["name"],
        address=data["address"],
        area=data["area"],
        ordinary_employees=data["ordinary_employees"],
        p_number=data["p_number"],
    )
    return actions.create_workplace(data["organisation"], workplace_data, by=by)


def _place_data(form: PlaceForm, workplace: Workplace) -> actions.PlaceData:
    data = form.cleaned_data
    return actions.PlaceData(
        workplace=workplace,
        kind=data["kind"],
        title=data["title"],
        tasks=data["tasks"],
        hours_per_week_min=data["hours_per_week_min"],
        hours_per_week_max=data["hours_per_week_max"],
        places=data["places"],
        young=data["young"],
        learning=data["learning"],
        mentor=data["mentor"],
        adjustments=data["adjustments"],
        accessibility=data["accessibility"],
    )


@require_POST
@login_required
def place_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """htmx, as the person types: the rules the form's values break so far, and the room left at the
    chosen workplace. Nothing is saved; without JavaScript the same messages come on submit."""
    form, _workplace_form = _forms(request)
    form.is_valid()
    return render(
        request,
        "placements/_place_rules_partial.html",
        {"rule_errors": form.rule_errors, "ratio": _ratio_hint(form.chosen_workplace)},
    )


@login_required
def place_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = get_place_for_member(request.user, pk)
    return render(request, "placements/place_detail.html", {"place": place})


@login_required
def place_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The places of the user's businesses, newest first, with their status."""
    places = (
        Place.objects.filter(workplace__organisation__in=businesses_for(request.user))
        .select_related("workplace__organisation", "workplace__area")
        .order_by("-created_at", "-id")
    )
    workplaces = workplaces_for(request.user)
    return render(request, "placements/place_list.html", {"places": places, "workplaces": workplaces})


@login_required
def workplace_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    businesses = businesses_for(request.user)
    if not businesses.exists():
        query = urlencode({"slags": "virksomhed", "next": reverse("placements:workplace_create")})
        return redirect(f"{reverse('accounts:organisation_create')}?{query}")
    form = WorkplaceForm(request.POST if request.method == "POST" else None, businesses=businesses)
    if request.method == "POST" and form.is_valid():
        workplace = _create_workplace(form, by=request.user)
        messages.success(request, _("%(name)s er tilføjet.") % {"name": workplace.name})
        return redirect("placements:place_list")
    return render(request, "placements/workplace_form.html", {"form": form})
