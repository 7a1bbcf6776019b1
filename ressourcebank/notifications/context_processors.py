"""The number of unread events, for the header on every page of a logged-in person."""

from collections.abc import Callable

from django.http import HttpRequest

from .models import Event

# More than this reads "99+": counting stops there, so a long-unread list costs no more.
UNREAD_CAP = 99


def unread_events(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """A callable, so the count is made only where a template shows it (once, with {% with %}),
    and never for an anonymous visitor: one COUNT over the (user, read_at) index, capped."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return Event.objects.filter(user=user, read_at__isnull=True).values("pk")[: UNREAD_CAP + 1].count()

    return {"unread_events": count}
