"""The links a person without an account uses: confirm a sign-up, and see or give back their place.
Each carries the sign-up's random key, signed with a timestamp and its own salt; no name, address
or id in the URL. An altered or too old link finds nothing."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Signup

CONFIRM_SALT = "ressourcebank.activities.confirm"
MANAGE_SALT = "ressourcebank.activities.manage"
# Confirming is done the same day or not at all; the place is held for nobody meanwhile.
CONFIRM_MAX_AGE = timedelta(days=7)
# Long enough for a date a series lays out half a year ahead.
MANAGE_MAX_AGE = timedelta(days=200)


def _token(signup: Signup, salt: str) -> str:
    return signing.TimestampSigner(salt=salt).sign(signup.key)


def _signup(token: str, salt: str, max_age: timedelta) -> Signup | None:
    try:
        key = signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return Signup.objects.select_related("occurrence__activity__area").filter(key=key).first()


def signup_to_confirm(token: str) -> Signup | None:
    return _signup(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def signup_to_manage(token: str) -> Signup | None:
    return _signup(token, MANAGE_SALT, MANAGE_MAX_AGE)


def confirm_url(signup: Signup) -> str:
    return settings.SITE_URL + reverse("activities:confirm_signup", args=[_token(signup, CONFIRM_SALT)])


def manage_path(signup: Signup) -> str:
    return reverse("activities:signup", args=[_token(signup, MANAGE_SALT)])


def manage_url(signup: Signup) -> str:
    return settings.SITE_URL + manage_path(signup)
