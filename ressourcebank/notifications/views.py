"""Notification pages: the unread events ("Nyt") and the choice of mail. Staff's failed mails are in
the staff area (staff/views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.models import User

from . import actions
from .forms import PreferenceForm
from .models import Event, frequency_of

EVENTS_LISTED = 100


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.filter(user=_user(request), read_at__isnull=True)
        .select_related("connection__offer")
        .order_by("-created_at", "-id")
    )
    return render(request, "notifications/event_list.html", {"events": events[:EVENTS_LISTED]})


@login_required
@require_POST
def event_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Another person's event id changes nothing and reveals nothing: the answer is the same.
    actions.mark_read(_user(request), pk)
    return redirect("notifications:events")


@login_required
@require_POST
def event_read_all(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(_user(request))
    messages.success(request, _("Alt er markeret som læst."))
    return redirect("notifications:events")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            actions.set_frequency(user, form.cleaned_data["frequency"])
            messages.success(request, _("Dit valg er gemt."))
            return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    form = PreferenceForm(initial={"frequency": frequency_of(user)})
    return render(request, "notifications/preferences.html", {"form": form})
