"""/staff/henvendelser/: the staff inbox. A queue per team (and the shared one), each message with
its answer clock; answer, note, assign, pause and resume the clock, hand over, close; the week's
figures; the attachments, served only to staff who may see the message, each read logged.

Who sees what is inbox.permissions' rule; the changes are inbox.actions'."""

from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_coordinator_or_staff
from ressourcebank.inbox import actions
from ressourcebank.inbox.figures import week_figures
from ressourcebank.inbox.forms import AssignForm, HandOverForm, NoteForm, PauseForm, StaffMessageForm
from ressourcebank.inbox.models import Inquiry
from ressourcebank.inbox.permissions import (
    get_attachment_for_staff,
    get_inquiry_for_staff,
    inquiries_visible_to,
    teams_for,
)
from ressourcebank.lib.forms import add_action_error

PER_PAGE = 25  # a screenful on a phone; the page renders in a few ms
SHARED = "ikke-fordelt"
MINE = "mine"
STATES = {
    "aabne": [Inquiry.Status.NEW, Inquiry.Status.OPEN, Inquiry.Status.WAITING],
    "besvarede": [Inquiry.Status.ANSWERED],
    "afsluttede": [Inquiry.Status.CLOSED],
}


@never_cache
@require_coordinator_or_staff
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    teams = teams_for(user)
    chosen = request.GET.get("team", "")
    state = request.GET.get("status", "aabne")
    if state not in STATES:
        state = "aabne"
    if not chosen:
        chosen = teams[0].slug if teams else MINE
    # Each queue lies inside what the person may see (inbox.permissions), so it is asked for by its
    # own indexed column, not through the visibility rule's join: 100k messages stay fast.
    inquiries = (
        Inquiry.objects.filter(is_open=True) if state == "aabne" else Inquiry.objects.filter(status__in=STATES[state])
    )
    team = next((t for t in teams if t.slug == chosen), None)
    if chosen == MINE:
        inquiries = inquiries.filter(assigned_to=user)
    elif chosen == SHARED and not user.is_coordinator:
        inquiries = inquiries.filter(team__isnull=True)
    elif team is not None:
        inquiries = inquiries.filter(team_id=team.pk)
    else:
        inquiries = inquiries.none()
    inquiries = inquiries.select_related("topic", "assigned_to").order_by("due_on", "received_at", "id")
    paginator = Paginator(inquiries, PER_PAGE)
    page = paginator.get_page(request.GET.get("side"))

    def url_for(number: int) -> str:
        return "?" + urlencode({"team": chosen, "status": state, "side": number})

    return render(
        request,
        "staff/inquiry_queue.html",
        {
            "teams": teams,
            "chosen": chosen,
            "state": state,
            "shared": SHARED,
            "mine": MINE,
            "page_obj": page,
            "inquiries": page.object_list,
            "today": timezone.localdate(),
            "page": page.number,
            "pages": paginator.num_pages,
            "previous_url": url_for(page.previous_page_number()) if page.has_previous() else "",
            "next_url": url_for(page.next_page_number()) if page.has_next() else "",
            "states": [("aabne", _("Åbne")), ("besvarede", _("Besvarede")), ("afsluttede", _("Afsluttede"))],
        },
    )


def _detail(request: AuthenticatedHttpRequest, inquiry: Inquiry, **forms: Any) -> HttpResponse:
    actions.record_inquiry_read(inquiry, by=request.user)
    thread = inquiry.messages.select_related("author", "handed_to").prefetch_related("attachments")
    context = {
        "inquiry": inquiry,
        "thread": thread,
        "pauses": inquiry.pauses.select_related("paused_by"),
        "is_overdue": inquiry.is_overdue(),
        "answer_form": forms.get("answer_form") or StaffMessageForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form") or AssignForm(inquiry=inquiry),
        "pause_form": forms.get("pause_form") or PauseForm(prefix="pause"),
        "handover_form": forms.get("handover_form") or HandOverForm(inquiry=inquiry, prefix="videre"),
        "error": forms.get("error"),
    }
    return render(request, "staff/inquiry_detail.html", context)


@never_cache
@require_coordinator_or_staff
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_inquiry_for_staff(request.user, pk))


def _done(request: AuthenticatedHttpRequest, inquiry: Inquiry, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("staff:inquiry", inquiry.pk)


@require_POST
@require_coordinator_or_staff
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    form = StaffMessageForm(request.POST)
    if not form.is_valid():
        return _detail(request, inquiry, answer_form=form)
    actions.answer_inquiry(inquiry, form.cleaned_data["body"], by=request.user)
    return _done(request, inquiry, _("Svaret er sendt til borgeren."))


@require_POST
@require_coordinator_or_staff
def note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, inquiry, note_form=form)
    actions.add_note(inquiry, form.cleaned_data["note"], by=request.user)
    return _done(request, inquiry, _("Noten er gemt."))


@require_POST
@require_coordinator_or_staff
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    form = AssignForm(request.POST, inquiry=inquiry)
    if form.is_valid():
        try:
            actions.assign_inquiry(inquiry, form.cleaned_data["assignee"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return _done(request, inquiry, _("Henvendelsen er fordelt."))
    return _detail(request, inquiry, assign_form=form)


@require_POST
@require_coordinator_or_staff
def pause(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    form = PauseForm(request.POST, prefix="pause")
    if form.is_valid():
        try:
            actions.pause_clock(inquiry, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return _done(request, inquiry, _("Svartiden står stille, til borgeren svarer, eller I genoptager den."))
    return _detail(request, inquiry, pause_form=form)


@require_POST
@require_coordinator_or_staff
def resume(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    try:
        actions.resume_clock(inquiry, by=request.user)
    except ValidationError as error:
        return _detail(request, inquiry, error=" ".join(error.messages))
    return _done(request, inquiry, _("Svartiden løber igen."))


@require_POST
@require_coordinator_or_staff
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    actions.close_inquiry(inquiry, by=request.user)
    return _done(request, inquiry, _("Henvendelsen er afsluttet."))


@require_POST
@require_coordinator_or_staff
def hand_over(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = get_inquiry_for_staff(request.user, pk)
    form = HandOverForm(request.POST, inquiry=inquiry, prefix="videre")
    if form.is_valid():
        try:
            actions.hand_over_inquiry(inquiry, form.cleaned_data["team"], form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Henvendelsen er sendt videre, og borgeren har fået besked."))
            # Handed to a team one is not on: the message may be out of one's sight now.
            if Inquiry.objects.filter(inquiries_visible_to(request.user), pk=inquiry.pk).exists():
                return redirect("staff:inquiry", inquiry.pk)
            return redirect("staff:inquiries")
    return _detail(request, inquiry, handover_form=form)


@never_cache
@require_coordinator_or_staff
def attachment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The file, to staff who may see its message only; sent as a download (never rendered inline in
    our origin) with the type we detected, and the read logged."""
    found = get_attachment_for_staff(request.user, pk)
    actions.record_attachment_read(found, by=request.user)
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return cast(HttpResponse, response)  # streamed; the guards' type says HttpResponse


@never_cache
@require_coordinator_or_staff
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = teams_for(request.user)
    return render(request, "staff/inquiry_figures.html", {"rows": week_figures(teams), "teams": teams})
