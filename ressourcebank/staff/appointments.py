"""Staff screens for appointments: the callbacks and counselling times booked with one's teams,
publishing callback times, and keeping the counselling hours ("fremskudt rådgivning"). Every
screen behind require_staff; the list of names and numbers is logged as read."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.appointments import actions
from ressourcebank.appointments.forms import CounsellingHoursForm, PublishSlotsForm
from ressourcebank.appointments.models import Booking, CounsellingHours, Slot
from ressourcebank.appointments.permissions import get_booking_for_staff, get_callback_slot_for_staff, teams_for_staff
from ressourcebank.lib.phone import display_phone

BOOKINGS_LISTED = 200
FREE_LISTED = 100


@require_staff
def bookings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Booked callbacks and counselling times of the staff member's teams, soonest first; and
    the form to publish more callback times."""
    teams = list(teams_for_staff(request.user))
    booked = list(
        Booking.objects.to_handle()
        .for_teams(teams)
        .select_related("slot__team", "slot__counselling__area")
        .order_by("slot__starts_at", "id")[:BOOKINGS_LISTED]
    )
    free = (
        Slot.objects.callbacks()
        .filter(team__in=teams)
        .upcoming()
        .free()
        .select_related("team")
        .order_by("starts_at", "id")[:FREE_LISTED]
    )
    form = PublishSlotsForm(teams=teams_for_staff(request.user), initial={"on": timezone.localdate()})
    if booked:
        actions.record_bookings_read(teams, by=request.user)
    context = {"teams": teams, "booked": booked, "free": list(free), "form": form}
    return render(request, "staff/appointments.html", context)


@require_staff
@require_POST
def publish_slots(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PublishSlotsForm(request.POST, teams=teams_for_staff(request.user))
    if form.is_valid():
        data = form.cleaned_data
        count = actions.publish_callback_slots(
            data["team"], on=data["on"], start=data["start"], end=data["end"], minutes=data["minutes"], by=request.user
        )
        if count:
            messages.success(request, _("%(count)s nye tider er lagt ud.") % {"count": count})
        else:
            messages.info(request, _("Der kom ingen nye tider: de findes allerede, eller tidsrummet er forbi."))
        return redirect("staff:appointments")
    teams = list(teams_for_staff(request.user))
    context = {"teams": teams, "booked": [], "free": [], "form": form, "form_only": True}
    # 200 with the errors, like the other forms: a browser reports a 4xx page as an error.
    return render(request, "staff/appointments.html", context)


@require_staff
@require_POST
def remove_slot(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    slot = get_callback_slot_for_staff(request.user, pk)
    if actions.remove_slot(slot, by=request.user):
        messages.success(request, _("Tiden er fjernet."))
    else:
        messages.error(
            request,
            _("Tiden er bestilt og kan ikke fjernes. Aflys den under »Bestilte tider« først, så får borgeren besked."),
        )
    return redirect("staff:appointments")


@require_staff
@require_POST
def mark_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = get_booking_for_staff(request.user, pk)
    if actions.mark_done(booking, by=request.user):
        if booking.slot.kind == Slot.Kind.CALLBACK:
            text = _("%(name)s er markeret som ringet op.")
        else:
            text = _("Tiden med %(name)s er markeret som afholdt.")
        messages.success(request, text % {"name": booking.name})
    return redirect("staff:appointments")


@require_staff
def cancel_booking(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Asks first (a GET shows what will be cancelled); the POST cancels and texts the citizen."""
    booking = get_booking_for_staff(request.user, pk)
    if request.method == "POST":
        actions.cancel_booking(booking, by=request.user)
        messages.success(request, _("Tiden er aflyst. %(name)s får en SMS om det.") % {"name": booking.name})
        return redirect("staff:appointments")
    context = {"booking": booking, "slot": booking.slot, "phone": display_phone(booking.phone)}
    return render(request, "staff/appointment_cancel.html", context)


@require_staff
def counselling_hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    hours = CounsellingHours.objects.select_related("area", "team")
    return render(request, "staff/counselling_hours.html", {"hours": hours})


@require_staff
def counselling_hours_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    hours = get_object_or_404(CounsellingHours, pk=pk) if pk else None
    form = CounsellingHoursForm(request.POST or None, instance=hours)
    if request.method == "POST" and form.is_valid():
        actions.save_counselling_hours(form.save(commit=False), by=request.user)
        messages.success(request, _("Rådgivningen er gemt."))
        return redirect("staff:counselling_hours")
    return render(request, "staff/counselling_hours_form.html", {"form": form, "hours": hours})
