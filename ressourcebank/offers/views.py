"""Offer pages: browse and search, the offer page, and the owner's create, edit, pause, resume and
archive. Thin: permissions.py finds the offer (404 for outsiders), the form validates, actions.py changes."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import organisations_for
from ressourcebank.accounts.views import email_unconfirmed
from ressourcebank.lib.forms import add_action_error
from ressourcebank.lib.paging import count_text, pagination, render_list, result_page
from ressourcebank.search.query import search_offers

from . import actions
from .forms import ChildCheckForm, OfferForm, OfferSearchForm
from .hooks import search_sections
from .models import Offer, offers_in_order
from .permissions import can_edit_offer, can_record_child_check, get_offer_for_editor, get_offer_for_viewer

# --- Browse and search ----------------------------------------------------------------------


def result_rows(offers: list[Offer]) -> list[dict[str, str]]:
    """Each offer as a row of the results shows it, in one pass: the template only places the
    strings. A template resolving each value through the offer's methods cost twice as much as
    this (bench/RESULTS.md). Public data only: never an e-mail, phone or address."""
    remote = _("Over telefonen eller online")
    rows = []
    for offer in offers:
        meta = [offer.category.name, offer.area.name, offer.provider_name(), offer.capacity_text()]
        if offer.is_remote:
            meta.append(remote)
        rows.append(
            {
                "url": offer.get_absolute_url(),
                "title": offer.title,
                "meta": " · ".join(meta),
                "summary": Truncator(offer.description).words(30, truncate=" …"),
            }
        )
    return rows


def offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferSearchForm(request.GET or None)
    form.is_valid()
    filters = {
        "q": form.value("q") or "",
        "category": form.value("category"),
        "areas": form.area_slugs(),
        "provider": form.value("provider"),
        "remote": True if form.value("remote") else None,
    }
    result, page, pages = result_page(request, search_offers, filters)
    offers = [
        offer
        # Capacity left this period comes with the rows, not a query per offer.
        for offer in offers_in_order(result.ids)
        # The index may lag a moment behind a change; the page never shows what is not public.
        if offer.is_public
    ]
    context = {
        "form": form,
        "rows": result_rows(offers),
        "total": result.total,
        # Danish "tilbud" is both singular and plural; the context lets English say "offer"/"offers".
        "count_text": count_text(
            result.total, result.total_is_capped, pgettext("one offer", "tilbud"), pgettext("many offers", "tilbud")
        ),
        "is_filtered": form.is_filtered(),
        # What the apps above show beside the offers a search found (activities: those that match).
        "search_sections": [section(request, filters["q"], filters["areas"]) for section in search_sections]
        if filters["q"]
        else [],
        **pagination(request, page, pages),
    }
    return render_list(request, "offers/offer_list.html", "offers/offer_list_results.html", context)


# --- The offer page -------------------------------------------------------------------------


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_viewer(request.user, pk)
    may_edit = can_edit_offer(request.user, offer)
    return render(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "may_edit": may_edit,
            "may_record_child_check": can_record_child_check(request.user, offer),
            "waiting_reasons": offer.waiting_reasons() if may_edit and not offer.is_public else [],
        },
    )


# --- Creating and changing an offer ---------------------------------------------------------


def next_steps(offer: Offer, *, for_user: User | None = None) -> str:
    """What happens now, said to the person who just saved the offer; to a staff member who acted
    on someone else's offer (a børneattest), said about the offer rather than to its owner."""
    if for_user is not None and for_user.is_municipal_staff and offer.owner_id != for_user.pk:
        if offer.is_public:
            return _("Tilbuddet er nu synligt for alle.")
        reasons = " ".join(offer.waiting_reasons())
        return _("Tilbuddet er ikke synligt for andre endnu. %(reasons)s") % {"reasons": reasons}
    if offer.is_public:
        return _("Tak! Dit tilbud er nu synligt for alle.")
    reasons = " ".join(offer.waiting_reasons())
    return _("Tak! Dit tilbud er gemt, men er ikke synligt for andre endnu. %(reasons)s") % {"reasons": reasons}


@login_required
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_confirmed_email:
        return email_unconfirmed(
            request, _("Når du har klikket på linket i mailen, kan du fortælle, hvad du kan hjælpe med.")
        )
    form = OfferForm(request.POST or None, organisations=organisations_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            offer = actions.create_offer(form.to_data(), by=user)
        except PermissionDenied:
            form.add_error("offered_by", _("Du kan kun tilbyde noget for en organisation, du er medlem af."))
        else:
            messages.success(request, next_steps(offer))
            return redirect(offer)
    return render(request, "offers/offer_form.html", {"form": form, "offer": None})


@login_required
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_offer_for_editor(request.user, pk)
    user = request.user
    form = OfferForm(request.POST or None, initial=OfferForm.initial_for(offer), editing=True)
    if request.method == "POST" and form.is_valid():
        offer = actions.update_offer(offer, form.to_data(), by=user)
        messages.success(request, next_steps(offer) if not offer.is_public else _("Dine ændringer er gemt."))
        return redirect(offer)
    return render(request, "offers/offer_form.html", {"form": form, "offer": offer})


def _change(request: HttpRequest, pk: int, change: Callable[..., Offer], done: str) -> HttpResponse:
    offer = get_offer_for_editor(request.user, pk)
    try:
        offer = change(offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(offer)


@require_POST
@login_required
def offer_pause(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _change(
        request, pk, actions.pause_offer, _("Tilbuddet er sat på pause. Ingen kan se det, før du starter det igen.")
    )


@require_POST
@login_required
def offer_resume(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, actions.resume_offer, _("Tilbuddet er startet igen."))


@login_required
def offer_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?"; only the POST archives."""
    offer = get_offer_for_editor(request.user, pk)
    if request.method == "POST":
        return _change(request, pk, actions.archive_offer, _("Tilbuddet er arkiveret. Ingen kan se det mere."))
    return render(request, "offers/offer_archive.html", {"offer": offer})


@login_required
def offer_child_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organisation (or staff) records that a børneattest was obtained, and when."""
    offer = get_offer_for_editor(request.user, pk)
    user = request.user
    if not can_record_child_check(user, offer):
        raise PermissionDenied
    form = ChildCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = actions.record_child_check(offer, form.cleaned_data["obtained_on"], by=user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Børneattesten er registreret.") + " " + next_steps(offer, for_user=user))
            return redirect(offer)
    return render(request, "offers/offer_child_check.html", {"form": form, "offer": offer})


def dashboard_part(user: User, organisations: list[Organisation]) -> dict[str, Any]:
    """Min side (accounts' dashboard, through accounts.hooks): the offers the person and their
    organisations give."""
    offers = (
        Offer.objects.filter(Q(owner=user) | Q(organisation__in=organisations))
        .select_related("organisation")
        .with_hours_used()
        .order_by("-created_at")
    )
    return {"offers": offers}
