"""/staff/pladser/: the municipality's side of places at businesses. Proposals the business said
yes to, approved by filling in the agreement (the rules checked beside each field); extensions; the
agreements as the state's form has them (CSV); places free by area and kind and the quarter's figures.

Who may do what is placements.permissions'; the changes are placements.actions'."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.lib.forms import add_action_error
from ressourcebank.placements import actions, figures
from ressourcebank.placements.export import agreements_csv
from ressourcebank.placements.forms import AgreementForm, ExtensionForm
from ressourcebank.placements.models import Agreement, Place, Proposal
from ressourcebank.placements.permissions import (
    can_approve_proposal,
    can_extend_agreement,
    get_agreement_for_user,
    get_proposal_for_user,
)

LISTED = 200


@never_cache
@require_staff
def proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The proposals the business said yes to (waiting for the municipality), and those waiting for
    the business. Place and business only: the person is named on the proposal's own page."""
    rows = Proposal.objects.filter(status__in=Proposal.OPEN).select_related("place__workplace__organisation")
    context = {
        "waiting": list(rows.filter(status=Proposal.Status.ACCEPTED).order_by("answered_at")[:LISTED]),
        "with_business": list(rows.filter(status=Proposal.Status.PROPOSED).order_by("proposed_at")[:LISTED]),
        "agreements": list(
            Agreement.objects.active().select_related("place__workplace__organisation").order_by("ends_on")[:LISTED]
        ),
    }
    return render(request, "staff/placement_proposals.html", context)


@require_staff
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal, viewer = get_proposal_for_user(request.user, pk)
    if not can_approve_proposal(request.user, proposal):
        raise Http404
    place = proposal.place
    initial = {
        "hours_per_week": place.hours_per_week_max,
        "business_contact_name": place.mentor,
        "municipal_contact": request.user.pk,
        "starts_on": max(timezone.localdate(), timezone.localdate(place.approved_at)) if place.approved_at else None,
    }
    form = AgreementForm(request.POST or None, proposal=proposal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = actions.approve_proposal(proposal, form.to_data(), by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Forløbet er godkendt, og aftalen er lavet. Print den eller hent den som CSV."))
            return redirect(agreement)
    actions.read_proposal(proposal, viewer, by=request.user, what="plads: godkend")
    return render(request, "staff/placement_approve.html", {"proposal": proposal, "place": place, "form": form})


@require_staff
def extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agreement, viewer = get_agreement_for_user(request.user, pk)
    if not can_extend_agreement(request.user, agreement):
        raise PermissionDenied
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.extend_agreement(agreement, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Aftalen er forlænget."))
            return redirect(agreement)
    return render(request, "staff/placement_extend.html", {"agreement": agreement, "form": form})


@never_cache
@require_staff
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every agreement, one row each, in the state's form's shape; each one a read in the log."""
    agreements = list(
        Agreement.objects.select_related(
            "place__workplace__organisation", "proposal__member", "proposal__case", "municipal_contact"
        )
        .prefetch_related("follow_ups")
        .order_by("-starts_on", "-id")
    )
    actions.read_agreements_for_export(agreements, by=request.user)
    response = HttpResponse(agreements_csv(agreements), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aftaler-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@require_staff
def placement_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds, free = figures.free_places()
    context = {
        "kinds": [(kind, label) for kind, label in Place.Kind.choices if kind in kinds],
        "free": free,
        "quarters": figures.quarters(),
        "outcomes": Agreement.Outcome.choices,
    }
    return render(request, "staff/placement_figures.html", context)
