"""Public pages of appointments: counselling near you (on the front door, an area's page, its iCal
feed), booking a callback or a counselling time, and the link that moves or cancels it. Thin: the
booking itself is actions.book_slot; who may see what is permissions.py."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ressourcebank.inbox.models import Team
from ressourcebank.lib.phone import display_phone
from ressourcebank.taxonomy.models import Area

from . import actions, calendar, links
from .forms import BookingForm, MoveForm
from .limits import booking_allowed
from .models import Booking, CounsellingHours, Slot

# Free times listed at once: two weeks of callbacks is more than a phone screen should scroll.
SLOTS_SHOWN = 40


def _hours_with_next(hours: QuerySet[CounsellingHours]) -> list[CounsellingHours]:
    now = timezone.now()
    listed = []
    for entry in hours.select_related("area", "team"):
        entry.next_date = entry.next_on(now)  # type: ignore[attr-defined]
        entry.has_free_times = entry.booking_minutes is not None and (  # type: ignore[attr-defined]
            Slot.objects.filter(counselling=entry).upcoming().free().exists()
        )
        if entry.next_date is not None:  # type: ignore[attr-defined]
            listed.append(entry)
    return listed


def home_section(request: HttpRequest) -> SafeString:
    """pages.home_sections: "Rådgivning tæt på dig" on the front door."""
    hours = _hours_with_next(CounsellingHours.objects.active())
    if not hours:
        return mark_safe("")  # noqa: S308 — an empty string
    return mark_safe(  # noqa: S308 — a rendered, autoescaped template
        render_to_string("appointments/_home_section.html", {"hours": hours[:6], "more": len(hours) > 6}, request)
    )


def area_section(request: HttpRequest, area: Area) -> SafeString:
    """pages.area_sections: the area's counselling hours, with its iCal feed."""
    hours = _hours_with_next(CounsellingHours.objects.active().in_area(area))
    return mark_safe(  # noqa: S308 — a rendered, autoescaped template
        render_to_string("appointments/_area_section.html", {"hours": hours, "area": area}, request)
    )


def counselling_list(request: HttpRequest) -> HttpResponse:
    hours = _hours_with_next(CounsellingHours.objects.active())
    return render(request, "appointments/counselling_list.html", {"hours": hours})


def counselling_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The area's counselling hours as an iCal feed a phone's calendar can subscribe to."""
    area = get_object_or_404(Area, slug=slug)
    hours = list(CounsellingHours.objects.active().in_area(area))
    body = calendar.feed(area, hours, site_url=settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="raadgivning-{area.slug}.ics"'
    return response


def _book(request: HttpRequest, slots: QuerySet[Slot], template: str, context: dict[str, Any]) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    initial = {"name": getattr(user, "name", ""), "phone": getattr(user, "phone", "")} if user else {}
    form = BookingForm(request.POST or None, slots=slots, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # A program filled the hidden field: it is told nothing it could learn from.
            return redirect("pages:home")
        if not booking_allowed(request):
            form.add_error(None, _("Du har bestilt mange tider på kort tid. Prøv igen om en time, eller ring til os."))
        else:
            try:
                booking = actions.book_slot(
                    form.cleaned_data["slot"], name=form.cleaned_data["name"], phone=form.cleaned_data["phone"], by=user
                )
            except actions.SlotTaken:
                form.add_error("slot", _("Den tid er lige blevet taget af en anden. Vælg en anden tid."))
            else:
                messages.success(request, _("Din tid er bestilt. Vi har sendt en SMS med tiden."))
                return redirect(links.manage_path(booking))
    # 200 with the errors, like the other citizen forms: a browser reports a 4xx page as an error.
    return render(request, template, {**context, "form": form, "has_slots": slots.exists()})


def _free(slots: QuerySet[Slot]) -> QuerySet[Slot]:
    return slots.upcoming(timezone.now() + timedelta(minutes=5)).free()[:SLOTS_SHOWN]  # type: ignore[attr-defined]


def _free_slots(slots: QuerySet[Slot]) -> QuerySet[Slot]:
    """A queryset (not a slice) of the first free times, so the form can validate a choice against it."""
    ids = list(_free(slots).values_list("pk", flat=True))
    return Slot.objects.filter(pk__in=ids).select_related("team", "counselling")


def callback_start(request: HttpRequest) -> HttpResponse:
    """Ring mig op: the teams that have free callback times, each with its phone and phone hours."""
    free = Slot.objects.callbacks().upcoming().free().filter(team=OuterRef("pk"))
    teams = Team.objects.annotate(has_free=Exists(free))
    return render(request, "appointments/callback_start.html", {"teams": teams})


@require_http_methods(["GET", "POST"])
def callback_book(request: HttpRequest, slug: str) -> HttpResponse:
    team = get_object_or_404(Team, slug=slug)
    slots = _free_slots(Slot.objects.callbacks().filter(team=team))
    return _book(request, slots, "appointments/callback_book.html", {"team": team})


@require_http_methods(["GET", "POST"])
def counselling_book(request: HttpRequest, pk: int) -> HttpResponse:
    hours = get_object_or_404(CounsellingHours.objects.active().filter(booking_minutes__isnull=False), pk=pk)
    slots = _free_slots(Slot.objects.filter(counselling=hours))
    return _book(request, slots, "appointments/counselling_book.html", {"hours": hours})


def _link_not_working(request: HttpRequest) -> HttpResponse:
    """An SMS link that is too old or cut off: still a 404, but one that says what to do next
    (book again, or ring), since the citizen followed our own link."""
    teams = Team.objects.order_by("position", "name")
    return render(request, "appointments/link_not_working.html", {"teams": teams}, status=404)


def _booking_context(booking: Booking, token: str) -> dict[str, Any]:
    return {"booking": booking, "slot": booking.slot, "token": token, "phone": display_phone(booking.phone)}


def booking_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt, and the page the SMS links to: the time, and the ways to move or cancel it."""
    booking = links.booking_for(token)
    if booking is None:
        return _link_not_working(request)
    return render(request, "appointments/booking_detail.html", _booking_context(booking, token))


def _same_kind_free(booking: Booking) -> QuerySet[Slot]:
    slot = booking.slot
    if slot.kind == Slot.Kind.CALLBACK:
        return _free_slots(Slot.objects.callbacks().filter(team=slot.team_id))
    return _free_slots(Slot.objects.filter(counselling=slot.counselling_id))


@require_http_methods(["GET", "POST"])
def booking_move(request: HttpRequest, token: str) -> HttpResponse:
    booking = links.booking_for(token)
    if booking is None:
        return _link_not_working(request)
    if booking.is_cancelled or booking.slot.has_started:
        return redirect(links.manage_path(booking))
    slots = _same_kind_free(booking)
    form = MoveForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        by = request.user if request.user.is_authenticated else None
        try:
            actions.move_booking(booking, form.cleaned_data["slot"], by=by)  # type: ignore[arg-type]
        except actions.SlotTaken:
            form.add_error("slot", _("Den tid er lige blevet taget af en anden. Vælg en anden tid."))
        else:
            messages.success(request, _("Din tid er flyttet. Vi har sendt en SMS med den nye tid."))
            return redirect(links.manage_path(booking))
    context = {**_booking_context(booking, token), "form": form, "has_slots": slots.exists()}
    return render(request, "appointments/booking_move.html", context)


@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = links.booking_for(token)
    if booking is None:
        return _link_not_working(request)
    if booking.is_cancelled or booking.slot.has_started:
        return redirect(links.manage_path(booking))
    if request.method == "POST":
        by = request.user if request.user.is_authenticated else None
        actions.cancel_booking(booking, by=by)  # type: ignore[arg-type]
        messages.success(request, _("Din tid er aflyst."))
        return redirect(links.manage_path(booking))
    return render(request, "appointments/booking_cancel.html", _booking_context(booking, token))
