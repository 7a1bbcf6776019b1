"""The person's booked times ("Ring mig op", counselling) in their data export, registered with
accounts' hook (appointments sits above accounts and inbox; neither imports it)."""

from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest

from .models import Booking


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    bookings = Booking.objects.filter(user=user).select_related("slot", "slot__team", "slot__counselling")
    items = []
    for booking in bookings:
        slot = booking.slot
        where = slot.counselling.title if slot.counselling else (slot.team.name if slot.team else "")
        items.append(
            ExportItem(str(slot.get_kind_display()))
            .add("starts_at", _("Fra"), slot.starts_at)
            .add("ends_at", _("Til"), slot.ends_at)
            .add("with", _("Hos"), where)
            .add("name", _("Navn"), booking.name)
            .add("phone", _("Telefon"), booking.phone)
            .add("booked_at", _("Bestilt"), booking.created_at)
            .add("cancelled_at", _("Aflyst"), booking.cancelled_at)
        )
    return ExportPart("bookings", _("Dine bestilte tider"), items, position=50) if items else None
