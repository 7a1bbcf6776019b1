"""Connection pages: ask from an offer, my connections, the connection page with its thread and
hours, the answers and endings (each destructive one asks first), the confidentiality declaration,
and the staff's hours totals. Thin: permissions.py finds the connection (404 for outsiders),
a form validates, actions.py changes."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import User
from ressourcebank.accounts.redirects import safe_next_url
from ressourcebank.accounts.views import email_unconfirmed
from ressourcebank.lib.forms import add_action_error
from ressourcebank.needs.models import Need
from ressourcebank.needs.permissions import prime_provider_views
from ressourcebank.notifications.models import Event
from ressourcebank.offers.models import Offer
from ressourcebank.offers.permissions import get_offer_for_viewer, is_provider_of

from . import actions, totals
from .forms import (
    AcceptForm,
    AskForm,
    DeclarationForm,
    DeclineForm,
    HoursCorrectionForm,
    HoursForm,
    MessageForm,
    OfferHelpForm,
    ThanksForm,
)
from .models import (
    DECLARATION_TEXT,
    DECLARATION_VERSION,
    Connection,
    ContactShare,
    HoursEntry,
    has_accepted_declaration,
)
from .permissions import (
    answers,
    can_ask_for_help,
    can_offer_help,
    get_connection_for_participant,
    is_provider,
    is_receiver,
    receiver_name_for,
    shared_need_for,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Asking ---------------------------------------------------------------------------------


@login_required
def ask(request: AuthenticatedHttpRequest, offer_pk: int) -> HttpResponse:
    """ "Spørg om hjælp" from an offer page, optionally for one of my open needs."""
    user = request.user
    offer = get_offer_for_viewer(user, offer_pk)
    if not user.has_confirmed_email:
        return email_unconfirmed(request, _("Når du har klikket på linket i mailen, kan du spørge om hjælp."))
    if not can_ask_for_help(user, offer):
        # Said in words with a way on: an own offer reached from a suggestion, or a paused one.
        return render(
            request,
            "connections/connection_ask_refused.html",
            {"offer": offer, "is_own": is_provider_of(user, offer), "need_pk": request.GET.get("behov", "")},
            status=403,
        )
    needs = Need.objects.open().editable_by(user)
    initial: dict[str, Any] = {}
    if request.GET.get("behov", "").isdigit():
        initial["need"] = needs.filter(pk=int(request.GET["behov"])).first()
    form = AskForm(request.POST or None, needs=needs, initial=initial)
    if request.method == "POST" and form.is_valid():
        connection = actions.ask_for_help(
            offer,
            by=user,
            need=form.cleaned_data.get("need"),
            message=form.cleaned_data["message"],
            share_email=form.cleaned_data["share_email"],
            share_phone=form.cleaned_data["share_phone"],
        )
        messages.success(request, _("Vi har sendt din forespørgsel. Du får besked, når der er svar."))
        return redirect(connection)
    return render(request, "connections/connection_ask.html", {"form": form, "offer": offer})


@login_required
def offer_help(request: AuthenticatedHttpRequest, need_pk: int) -> HttpResponse:
    """ "Jeg kan hjælpe" from a public need: the helper picks one of their offers and writes a few
    words; the citizen (or their coordinator) says yes or no."""
    user = request.user
    need = Need.objects.public().select_related("area").filter(pk=need_pk).first()
    if need is None:
        raise Http404
    if not user.has_confirmed_email:
        return email_unconfirmed(request, _("Når du har klikket på linket i mailen, kan du tilbyde din hjælp."))
    offers = [
        offer
        for offer in Offer.objects.published()
        .filter(Q(organisation__isnull=True, owner=user) | Q(organisation__memberships__user=user))
        .distinct()
        if can_offer_help(user, need, offer)
    ]
    if not offers or user.pk in (need.owner_id, need.coordinator_id):
        return render(
            request,
            "connections/offer_help_none.html",
            {"need": need, "is_own": user.pk in (need.owner_id, need.coordinator_id)},
        )
    needs_declaration = not has_accepted_declaration(user)
    form = OfferHelpForm(
        request.POST or None,
        offers=Offer.objects.filter(pk__in=[offer.pk for offer in offers]).order_by("title"),
        needs_declaration=needs_declaration,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("accept_declaration"):
            actions.accept_declaration(by=user)
        try:
            connection = actions.offer_help(
                need,
                data["offer"],
                by=user,
                message=data["message"],
                share_email=data["share_email"],
                share_phone=data["share_phone"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            # The action hands back an open connection on this offer rather than make a second one;
            # only one it made for this need is news to the citizen.
            if connection.offered_by_provider and connection.need_id == need.pk:
                messages.success(request, _("Vi har sendt dit tilbud om hjælp. Du får besked, når der er svar."))
            else:
                messages.info(request, _("I har allerede en forbindelse om dette tilbud. Her kan I skrive sammen."))
            return redirect(connection)
    return render(
        request,
        "connections/offer_help.html",
        {"form": form, "need": need, "declaration_text": DECLARATION_TEXT if needs_declaration else ""},
    )


# --- My connections -------------------------------------------------------------------------


@login_required
def connection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    connections = list(
        Connection.objects.for_participant(user).select_related(
            "offer", "offer__organisation", "offer__owner", "need", "need__coordinator", "requester"
        )[:200]
    )
    my_turn = set(Connection.objects.waiting_for(user).values_list("pk", flat=True))
    prime_provider_views(connection.need for connection in connections if connection.need is not None)
    for connection in connections:
        connection.i_provide = is_provider(user, connection)  # type: ignore[attr-defined]
        connection.receiver_label = receiver_name_for(user, connection)  # type: ignore[attr-defined]
        connection.my_turn = connection.pk in my_turn  # type: ignore[attr-defined]
    organisations = [
        (organisation, totals.hours_given_by_organisation(organisation)) for organisation in user.organisations.all()
    ]
    return render(
        request,
        "connections/connection_list.html",
        {
            "connections": connections,
            "events": Event.objects.filter(user=user, read_at__isnull=True).select_related("connection__offer")[:20],
            "hours_given": totals.hours_given_by_person(user),
            "hours_received": totals.hours_received_by_person(user),
            "organisations": [(org, rows) for org, rows in organisations if rows],
        },
    )


# --- The connection page --------------------------------------------------------------------


def _contact_details(user: User, connection: Connection) -> list[dict[str, str]]:
    """The other side's details as each chose to share them; nothing before acceptance."""
    if not connection.shows_contact_details:
        return []
    details = []
    for share in ContactShare.objects.filter(connection=connection).exclude(user=user).select_related("user"):
        person = share.user
        details.append(
            {
                "name": person.name,
                "email": person.email if share.share_email else "",
                "phone": person.phone if share.share_phone else "",
            }
        )
    return details


def _earliest_day(connection: Connection) -> date:
    return timezone.localtime(connection.created_at).date()


def _render_detail(
    request: AuthenticatedHttpRequest, connection: Connection, status: int = 200, **forms: Form
) -> HttpResponse:
    user = request.user
    provider = is_provider(user, connection)
    receiver = is_receiver(user, connection)
    entries = list(connection.hours_entries.select_related("recorded_by", "confirmed_by").order_by("given_on", "pk"))
    context = {
        "connection": connection,
        "offer": connection.offer,
        "is_provider": provider,
        "is_receiver": receiver,
        "i_answer": provider if not connection.offered_by_provider else receiver,
        "receiver_name": receiver_name_for(user, connection),
        "shared_need": shared_need_for(user, connection),
        "contact_details": _contact_details(user, connection),
        "thread": connection.messages.select_related("author"),
        "entries": entries,
        "hours_total": sum((entry.hours for entry in entries), start=0),
        "thanks": getattr(connection, "thanks", None),
        "message_form": forms.get("message_form") or MessageForm(),
        "hours_form": forms.get("hours_form") or HoursForm(earliest=_earliest_day(connection)),
        "thanks_form": forms.get("thanks_form") or ThanksForm(),
    }
    return render(request, "connections/connection_detail.html", context, status=status)


@login_required
def connection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    actions.mark_events_read(request.user, connection)
    return _render_detail(request, connection)


@require_POST
@login_required
def message_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            actions.post_message(connection, form.cleaned_data["body"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return redirect(reverse("connections:detail", args=[pk]) + "#beskeder")
    return _render_detail(request, connection, status=400, message_form=form)


@require_POST
@login_required
def hours_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    if not is_provider(request.user, connection):
        raise PermissionDenied
    form = HoursForm(request.POST, earliest=_earliest_day(connection))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_hours(connection, data["given_on"], data["hours"], data["note"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Timerne er registreret. Modtageren bliver bedt om at bekræfte dem."))
            return redirect(reverse("connections:detail", args=[pk]) + "#timer")
    return _render_detail(request, connection, status=400, hours_form=form)


@require_POST
@login_required
def hours_confirm(request: AuthenticatedHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    entry = HoursEntry.objects.filter(pk=entry_pk, connection=connection).select_related("recorded_by").first()
    if entry is None:
        raise Http404
    entry.connection = connection
    try:
        actions.confirm_hours(entry, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Tak! Timerne er bekræftet."))
    return redirect(reverse("connections:detail", args=[pk]) + "#timer")


@login_required
def hours_correct(request: AuthenticatedHttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """The provider takes back hours recorded by mistake, as a new entry; asks how many first."""
    connection = get_connection_for_participant(request.user, pk)
    if not is_provider(request.user, connection):
        raise PermissionDenied
    entry = HoursEntry.objects.filter(pk=entry_pk, connection=connection, corrects__isnull=True).first()
    if entry is None:
        raise Http404
    entry.connection = connection
    form = HoursCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_hours(entry, form.cleaned_data["hours"], form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Timerne er rettet."))
            return redirect(reverse("connections:detail", args=[pk]) + "#timer")
    return render(
        request,
        "connections/hours_correct.html",
        {"connection": connection, "entry": entry, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def thanks(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    form = ThanksForm(request.POST)
    if form.is_valid():
        try:
            actions.say_thanks(connection, form.cleaned_data["body"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Din tak er sendt."))
            return redirect(connection)
    return _render_detail(request, connection, status=400, thanks_form=form)


# --- Answering and ending -------------------------------------------------------------------


@login_required
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    user = request.user
    if not answers(user, connection):
        raise PermissionDenied
    offered = connection.offered_by_provider
    # The citizen taking up offered help sets no hours aside and signs no declaration: the helper did.
    needs_declaration = not offered and not has_accepted_declaration(user)
    form = AcceptForm(
        request.POST or None,
        is_quota=not offered and actions.is_quota(connection.offer),
        needs_declaration=needs_declaration,
    )
    if offered:
        form.fields["message"].label = _("Besked til den, der tilbyder hjælp")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("accept_declaration"):
            actions.accept_declaration(by=user)
        try:
            actions.accept_connection(
                connection,
                by=user,
                message=data["message"],
                reserved_hours=data.get("reserved_hours"),
                share_email=data["share_email"],
                share_phone=data["share_phone"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Du har sagt ja. Nu kan I skrive sammen og se hinandens kontaktoplysninger."))
            return redirect(connection)
    context = {
        "form": form,
        "connection": connection,
        "receiver_name": receiver_name_for(user, connection),
        "declaration_text": DECLARATION_TEXT if needs_declaration else "",
        "offered": offered,
    }
    return render(request, "connections/connection_accept.html", context)


@login_required
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?" with room for a message; only the POST declines."""
    connection = get_connection_for_participant(request.user, pk)
    if not answers(request.user, connection):
        raise PermissionDenied
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decline_connection(connection, by=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Du har sagt nej tak. Vi har givet besked."))
        return redirect(connection)
    context = {"form": form, "connection": connection, "receiver_name": receiver_name_for(request.user, connection)}
    return render(request, "connections/connection_decline.html", context)


def _confirm_end(request: HttpRequest, pk: int, action: Any, template: str, done: str) -> HttpResponse:
    connection = get_connection_for_participant(request.user, pk)
    if request.method == "POST":
        try:
            action(connection, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, done)
        return redirect(connection)
    return render(request, template, {"connection": connection})


@login_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _confirm_end(
        request,
        pk,
        actions.cancel_connection,
        "connections/connection_cancel.html",
        _("Forbindelsen er afbrudt. Vi har givet den anden besked."),
    )


@login_required
def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _confirm_end(
        request,
        pk,
        actions.complete_connection,
        "connections/connection_complete.html",
        _("Forbindelsen er afsluttet. Tak for hjælpen!"),
    )


# --- The confidentiality declaration --------------------------------------------------------


@login_required
def declaration(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    next_url = safe_next_url(request, reverse("connections:list"))
    accepted = user.confidentiality_declarations.filter(version=DECLARATION_VERSION).first()
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.accept_declaration(by=user)
        messages.success(request, _("Tak. Du har accepteret tavshedserklæringen."))
        return redirect(next_url)
    return render(
        request,
        "connections/declaration.html",
        {"form": form, "text": DECLARATION_TEXT, "accepted": accepted, "next": next_url},
    )


def dashboard_part(user: User, organisations: list[Any]) -> dict[str, Any]:
    """Min side (accounts' dashboard, through accounts.hooks): the requests waiting for the
    person's answer, first on the page, so nobody waits on them unknowingly."""
    waiting = Connection.objects.waiting_for(user).select_related("offer").order_by("created_at")
    return {"waiting_for_me": list(waiting[:20])}
