"""Need pages: browse and search public needs (anonymous: area and text only), the need page, and
the owner's or coordinator's create, edit, close and reopen. Reading someone else's need as staff
or coordinator is a sensitive read and goes in the audit log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.views import email_unconfirmed
from ressourcebank.lib.paging import count_text, in_order, pagination, render_list, result_page
from ressourcebank.search.forms import SearchForm
from ressourcebank.search.query import search_needs

from . import actions
from .forms import CitizenNeedForm, NeedForm
from .hooks import need_page_parts
from .models import Need
from .permissions import (
    can_edit_need,
    can_register_need_for_citizen,
    get_need_for_editor,
    get_need_for_viewer,
    shows_private_details,
)


def need_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    form.is_valid()
    filters = {"q": form.value("q") or "", "category": form.value("category"), "areas": form.area_slugs()}
    result, page, pages = result_page(request, search_needs, filters)
    # Only what the public may see, whatever the index says; the template shows area and text only.
    needs = [need for need in in_order(Need.objects.all(), result.ids, ["area", "category"]) if need.is_public]
    context = {
        "form": form,
        "needs": needs,
        "count_text": count_text(result.total, result.total_is_capped, _("ønske om hjælp"), _("ønsker om hjælp")),
        "is_filtered": form.is_filtered(),
        **pagination(request, page, pages),
    }
    return render_list(request, "needs/need_list.html", "needs/need_list_results.html", context)


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_viewer(request.user, pk)
    private = shows_private_details(request.user, need)
    actions.record_private_read(need, by=request.user)
    context: dict[str, Any] = {
        "need": need,
        "shows_private_details": private,
        "may_edit": can_edit_need(request.user, need),
        # Staff and the coordinator read the need about someone else: the page says "the citizen".
        "for_someone_else": private and need.owner_id != request.user.pk,
    }
    # The suggestions come from matching, which sits above needs (registered in its AppConfig.ready).
    for part in need_page_parts:
        context.update(part(request, need, private))
    return render(request, "needs/need_detail.html", context)


def _done_message(need: Need) -> str:
    if need.visibility == Need.Visibility.PUBLIC:
        return _(
            "Tak! Dit ønske om hjælp er gemt. Alle kan nu se teksten og lokalområdet – men ikke dit navn. "
            "Du kan altid rette det eller lukke det."
        )
    return _("Tak! Dit ønske om hjælp er gemt. Kun kommunens medarbejdere og din tovholder kan se det.")


@login_required
def need_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_confirmed_email:
        return email_unconfirmed(
            request, _("Når du har klikket på linket i mailen, kan du fortælle, hvad du har brug for hjælp til.")
        )
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = actions.create_need(form.to_data(), by=user)
        messages.success(request, _done_message(need))
        return redirect(need)
    return render(
        request,
        "needs/need_form.html",
        {"form": form, "need": None, "may_register_for_citizen": can_register_need_for_citizen(user)},
    )


@login_required
def need_register_for_citizen(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not can_register_need_for_citizen(user):
        raise PermissionDenied
    form = CitizenNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        need = actions.register_need_for_citizen(form.to_data(), form.cleaned_data["citizen_name"], by=user)
        messages.success(request, _("Behovet er gemt. Du kan finde det igen på Min side."))
        return redirect(need)
    return render(request, "needs/need_form.html", {"form": form, "need": None, "for_citizen": True})


@login_required
def need_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_editor(request.user, pk)
    for_someone_else = need.owner_id != request.user.pk
    form = NeedForm(request.POST or None, initial=NeedForm.initial_for(need), for_someone_else=for_someone_else)
    if request.method == "POST" and form.is_valid():
        need = actions.update_need(need, form.to_data(), by=request.user)
        messages.success(request, _("Dine ændringer er gemt."))
        return redirect(need)
    return render(request, "needs/need_form.html", {"form": form, "need": need, "for_someone_else": for_someone_else})


@require_POST
@login_required
def need_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_editor(request.user, pk)
    actions.close_need(need, by=request.user)
    messages.success(request, _("Behovet er lukket. Ingen andre kan se det nu. Du kan åbne det igen."))
    return redirect(need)


@require_POST
@login_required
def need_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_editor(request.user, pk)
    actions.reopen_need(need, by=request.user)
    messages.success(request, _("Behovet er åbnet igen."))
    return redirect(need)


def dashboard_part(user: User, organisations: list[Organisation]) -> dict[str, Any]:
    """Min side (accounts' dashboard, through accounts.hooks): the person's own needs, and the needs a
    coordinator registered for (or follows with) citizens: theirs to find again."""
    followed = (
        Need.objects.filter(coordinator=user)
        .exclude(owner=user)
        .select_related("owner")
        .order_by("status", "-created_at")
        if user.is_coordinator or user.is_municipal_staff
        else Need.objects.none()
    )
    return {"needs": Need.objects.filter(owner=user).order_by("-created_at"), "followed_needs": followed}
