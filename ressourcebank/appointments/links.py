"""The link a citizen moves or cancels a booking with: the booking's random key, signed with a
timestamp. No name, number or id in the URL; a link older than LINK_MAX_AGE, or altered, finds
nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Booking

SALT = "ressourcebank.appointments.booking"
# Long enough for a time booked weeks ahead; after that there is nothing left to move.
LINK_MAX_AGE = timedelta(days=60)


def token_for(booking: Booking) -> str:
    return signing.TimestampSigner(salt=SALT).sign(booking.key)


def booking_for(token: str) -> Booking | None:
    try:
        key = signing.TimestampSigner(salt=SALT).unsign(token, max_age=LINK_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return Booking.objects.select_related("slot__team", "slot__counselling__area").filter(key=key).first()


def manage_path(booking: Booking) -> str:
    return reverse("appointments:booking", args=[token_for(booking)])


def manage_url(booking: Booking) -> str:
    return settings.SITE_URL + manage_path(booking)
