"""The staff area (/staff/): moderation of offers, organisations to approve, categories, areas, the
editable text pages, hours given, unmet needs and mails that could not be sent. Every staff screen
lives here, behind require_staff (unmet needs: require_coordinator_or_staff), and so always behind
the second factor (the middleware in accounts sees to that); every change is written to the audit
log by the action that makes it."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts import actions as account_actions
from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import Organisation
from ressourcebank.accounts.permissions import (
    can_export_for_citizen,
    can_read_access_log,
    require_coordinator_or_staff,
    require_staff,
    require_staff_or_access_log_reader,
)
from ressourcebank.activities.models import Activity
from ressourcebank.audit.models import BreakGlassGrant
from ressourcebank.connections import totals
from ressourcebank.lib.forms import add_action_error
from ressourcebank.matching.unmet import GOOD_SCORE, open_needs_for, unmet_needs
from ressourcebank.needs.actions import record_staff_only_titles_read
from ressourcebank.notifications.actions import retry_failed_mail
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.offers import actions as offer_actions
from ressourcebank.offers.forms import RejectForm
from ressourcebank.offers.models import Offer
from ressourcebank.pages.actions import save_page
from ressourcebank.pages.content import default_contact_body
from ressourcebank.pages.models import Page
from ressourcebank.placements.models import Place, Proposal
from ressourcebank.taxonomy.models import Area, Category

from .actions import save_taxonomy_entry
from .forms import AreaForm, CategoryForm, PageForm


@require_staff_or_access_log_reader
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff see their queues; the audit role sees the access log and the break-glass grants that
    wait for them (and nothing else: an auditor is not staff)."""
    user = request.user
    context: dict[str, object] = {"is_staff_member": user.is_municipal_staff}
    if user.is_municipal_staff:
        context["offers_waiting"] = Offer.objects.awaiting_moderation().count()
        context["activities_waiting"] = Activity.objects.awaiting_moderation().count()
        context["organisations_waiting"] = Organisation.objects.awaiting_approval().count()
        context["proposals_waiting"] = Proposal.objects.waiting_for_approval().count()
        context["places_waiting"] = Place.objects.awaiting_approval().count()
    context["may_export"] = can_export_for_citizen(user)
    if can_read_access_log(user):
        context["break_glass_waiting"] = BreakGlassGrant.objects.unreviewed().count()
    return render(request, "staff/home.html", context)


# --- Unmet needs ---------------------------------------------------------------------------

UNMET_LISTED = 200  # rows on the page; the counts by area and category cover them all


@require_coordinator_or_staff
def unmet_need_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open needs with no good suggestion, by area and category: where help is missing. For staff
    and coordinators (the second-factor middleware guards both); a coordinator sees the public
    needs and those of the citizens they follow, like on the need page."""
    user = request.user
    report = unmet_needs(open_needs_for(user))
    listed = report.needs[:UNMET_LISTED]
    record_staff_only_titles_read(listed, by=user)
    return render(
        request,
        "staff/unmet_needs.html",
        {
            "report": report,
            "needs": listed,
            "more": len(report.needs) - len(listed),
            "good_score": GOOD_SCORE,
            "is_staff_member": user.is_municipal_staff,
        },
    )


# --- Moderation of offers -------------------------------------------------------------------


@require_staff
def moderation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    offers = (
        Offer.objects.awaiting_moderation()
        .select_related("category", "area", "organisation", "owner")
        .with_hours_used()
    )
    return render(request, "staff/offer_queue.html", {"offers": offers.order_by("created_at", "pk")})


@require_staff
def offer_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("category", "area", "organisation", "owner"), pk=pk)
    return render(
        request,
        "staff/offer_review.html",
        {"offer": offer, "reject_form": RejectForm(), "reasons": offer.waiting_reasons()},
    )


@require_POST
@require_staff
def offer_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    try:
        offer = offer_actions.approve_offer(offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("staff:offer_review", pk=offer.pk)
    if offer.is_public:
        messages.success(request, _("“%(title)s” er godkendt og synligt for alle.") % {"title": offer.title})
    else:
        messages.success(
            request,
            _("“%(title)s” er godkendt, men venter stadig: %(reasons)s")
            % {"title": offer.title, "reasons": " ".join(offer.waiting_reasons())},
        )
    return redirect("staff:moderation_queue")


@require_POST
@require_staff
def offer_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("category", "area", "organisation", "owner"), pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            offer_actions.reject_offer(offer, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("“%(title)s” er afvist. Ejeren kan se begrundelsen.") % {"title": offer.title})
            return redirect("staff:moderation_queue")
    return render(
        request, "staff/offer_review.html", {"offer": offer, "reject_form": form, "reasons": offer.waiting_reasons()}
    )


# --- Organisations --------------------------------------------------------------------------


@require_staff
def organisation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = Organisation.objects.awaiting_approval().prefetch_related("memberships__user")
    return render(request, "staff/organisation_queue.html", {"organisations": organisations.order_by("created_at")})


def _organisation_review(
    request: AuthenticatedHttpRequest, organisation: Organisation, form: RejectForm
) -> HttpResponse:
    memberships = organisation.memberships.select_related("user").order_by("user__name")
    return render(
        request,
        "staff/organisation_review.html",
        {"organisation": organisation, "memberships": memberships, "reject_form": form},
    )


@require_staff
def organisation_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return _organisation_review(request, organisation, RejectForm())


@require_POST
@require_staff
def organisation_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    account_actions.approve_organisation(organisation, by=request.user)
    messages.success(request, _("%(name)s er godkendt. Deres tilbud kan nu ses af alle.") % {"name": organisation.name})
    return redirect("staff:organisation_queue")


@require_POST
@require_staff
def organisation_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = RejectForm(request.POST)
    form.fields["reason"].help_text = _("Organisationen kan se begrundelsen.")
    if form.is_valid():
        try:
            account_actions.reject_organisation(organisation, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("%(name)s er afvist.") % {"name": organisation.name})
            return redirect("staff:organisation_queue")
    return _organisation_review(request, organisation, form)


# --- Categories and areas -------------------------------------------------------------------


@require_staff
def taxonomy(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "staff/taxonomy.html", {"categories": Category.objects.all(), "areas": Area.objects.all()})


def _edit(
    request: AuthenticatedHttpRequest,
    form_class: type[CategoryForm] | type[AreaForm],
    instance: Category | Area | None,
    kind: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        save_taxonomy_entry(form.save(commit=False), by=request.user)
        messages.success(request, _("Gemt."))
        return redirect("staff:taxonomy")
    return render(request, "staff/taxonomy_form.html", {"form": form, "instance": instance, "kind": kind})


@require_staff
def category_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _edit(request, CategoryForm, None, "category")


@require_staff
def category_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, CategoryForm, get_object_or_404(Category, pk=pk), "category")


@require_staff
def area_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _edit(request, AreaForm, None, "area")


@require_staff
def area_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, AreaForm, get_object_or_404(Area, pk=pk), "area")


# --- Text pages -----------------------------------------------------------------------------


@require_staff
def contact_page_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Page.objects.filter(slug=Page.Slug.CONTACT).first() or Page(
        slug=Page.Slug.CONTACT, title=str(Page.Slug.CONTACT.label), body=default_contact_body()
    )
    form = PageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        save_page(form.save(commit=False), by=request.user)
        messages.success(request, _("Siden er gemt. Sådan ser den ud nu."))
        return redirect("pages:contact")
    user = request.user
    return render(request, "staff/page_form.html", {"form": form, "page": page, "is_admin": user.is_staff})


# --- Hours given ---------------------------------------------------------------------------


@require_staff
def hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Hours given per area and category per month, the last twelve months."""
    since = (timezone.localdate() - timedelta(days=366)).replace(day=1)
    return render(
        request,
        "staff/hours.html",
        {"by_area": totals.hours_by_area(since), "by_area_and_category": totals.hours_by_area_and_category(since)},
    )


# --- Mails that could not be sent ----------------------------------------------------------

FAILED_LISTED = 200


@require_staff
def failed_mail(request: AuthenticatedHttpRequest) -> HttpResponse:
    failed = OutboxMail.objects.filter(state=OutboxMail.State.FAILED).order_by("-created_at", "-id")
    return render(request, "staff/failed_mail.html", {"mails": failed[:FAILED_LISTED], "count": failed.count()})


@require_staff
@require_POST
def failed_mail_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if retry_failed_mail(pk, by=request.user):
        messages.success(request, _("Vi prøver at sende den igen nu."))
    return redirect("staff:mail")
