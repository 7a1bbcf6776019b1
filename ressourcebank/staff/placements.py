"""Staff screens for places at businesses: the places waiting for approval, each with the rules
checked again, and approving or rejecting one after a confirmation (the actions audit it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.lib.forms import add_action_error
from ressourcebank.placements import actions, rules
from ressourcebank.placements.forms import RejectPlaceForm
from ressourcebank.placements.models import Place
from ressourcebank.placements.permissions import get_place_for_member


@require_staff
def place_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    places = (
        Place.objects.awaiting_approval()
        .select_related("workplace__organisation", "workplace__area")
        .order_by("created_at", "id")
    )
    return render(request, "staff/place_queue.html", {"places": places})


def _review(request: AuthenticatedHttpRequest, place: Place, template: str, **context: object) -> HttpResponse:
    workplace = place.workplace
    ratio = {
        "employees": workplace.ordinary_employees,
        "allowed": rules.max_concurrent(workplace.ordinary_employees),
        "used": rules.places_in_use(workplace),
    }
    broken = rules.check_place(
        workplace=workplace,
        kind=place.kind,
        hours_per_week_min=place.hours_per_week_min,
        hours_per_week_max=place.hours_per_week_max,
        places=place.places,
        exclude=place,
    )
    return render(request, template, {"place": place, "ratio": ratio, "broken": broken, **context})


@require_staff
def place_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _review(request, get_place_for_member(request.user, pk), "staff/place_review.html")


@require_staff
def place_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks "Vil du godkende pladsen?"; POST approves."""
    place = get_place_for_member(request.user, pk)
    if request.method != "POST":
        return _review(request, place, "staff/place_approve.html")
    try:
        actions.approve_place(place, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pladsen “%(title)s” er godkendt og kan nu ses.") % {"title": place.title})
    return redirect("staff:place_queue")


@require_staff
def place_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for the reason; POST rejects with it."""
    place = get_place_for_member(request.user, pk)
    form = RejectPlaceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reject_place(place, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Pladsen “%(title)s” er afvist.") % {"title": place.title})
            return redirect("staff:place_queue")
    return _review(request, place, "staff/place_reject.html", form=form)
