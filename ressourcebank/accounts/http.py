"""The request type of a view that only a logged-in person reaches (behind login_required,
require_staff or require_coordinator_or_staff): its user is a User, never an AnonymousUser.
It lives in accounts, not lib, because it names accounts' User and lib imports no app."""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # narrowed: the decorators let no anonymous visitor through
