"""Pages of places at businesses: proposing a citizen, the business's answer, the agreement (printable
on one A4 page), follow-ups, and the business's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_coordinator_or_staff
from ressourcebank.connections.totals import hours_given_by_organisation
from ressourcebank.lib.forms import add_action_error

from . import actions as agreement_actions
from .forms import DeclineForm, FollowUpForm, OpenPlacesFilter, ProposalForm
from .models import Agreement, FollowUp, Place, Proposal
from .permissions import (
    business_view,
    can_answer_proposal,
    can_approve_proposal,
    can_extend_agreement,
    can_follow_up,
    consenting_members,
    get_agreement_for_user,
    get_business_for_member,
    get_proposal_for_user,
    proposable_members,
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
