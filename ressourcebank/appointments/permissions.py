"""Who may see and change which appointments. Staff see the booked times (names and numbers) of
the teams they are members of; administrators those of every team. Anything else is a 404."""

from django.db.models import QuerySet
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.inbox.models import Team

from .models import Booking, Slot


def teams_for_staff(user: User) -> QuerySet[Team]:
    if user.is_superuser or user.role == User.Role.ADMIN:
        return Team.objects.all()
    if user.is_municipal_staff:
        return Team.objects.filter(members=user)
    return Team.objects.none()


def get_callback_slot_for_staff(user: User, pk: int) -> Slot:
    slot = Slot.objects.callbacks().filter(pk=pk, team__in=teams_for_staff(user)).first()
    if slot is None:
        raise Http404
    return slot


def get_booking_for_staff(user: User, pk: int) -> Booking:
    """A booking with one of the staff member's teams that is still to be handled; 404 otherwise."""
    booking = (
        Booking.objects.to_handle()
        .for_teams(teams_for_staff(user))
        .select_related("slot__team", "slot__counselling")
        .filter(pk=pk)
        .first()
    )
    if booking is None:
        raise Http404
    return booking
