"""Notification pages: the unread events ("Nyt") and the choice of mail. Staff's failed mails are in
the staff area (staff/views.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest

from . import actions
from .forms import PreferenceForm
from .models import Event, frequency_of

EVENTS_LISTED = 100


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = (
        Event.objects.filter(user=request.user, read_at__isnull=True)
        .select_related("connection__offer")
        .order_by("-created_at", "-id")
    )
    return render(request, "notifications/event_list.html", {"events": events[:EVENTS_LISTED]})


@login_required
@require_POST
def event_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Another person's event id changes nothing and reveals nothing: the answer is the same.
    actions.mark_read(request.user, pk)
    return redirect("notifications:events")


@login_required
@require_POST
def event_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.mark_all_read(request.user)
    messages.success(request, _("Alt er markeret som læst."))
    return redirect("notifications:events")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            actions.set_frequency(user, form.cleaned_data["frequency"])
            messages.success(request, _("Dit valg er gemt."))
            return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    form = PreferenceForm(initial={"frequency": frequency_of(user)})
    return render(request, "notifications/preferences.html", {"form": form})
