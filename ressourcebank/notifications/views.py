"""Notification pages: the unread events ("Nyt"), the choice of mail, and staff's failed mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import require_staff

from . import actions
from .forms import PreferenceForm
from .models import Event, OutboxMail, frequency_of

EVENTS_LISTED = 100
FAILED_LISTED = 200


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


@require_staff
@require_POST
def staff_retry_mail(request: HttpRequest, pk: int) -> HttpResponse:
    if actions.retry_failed_mail(pk, by=_user(request)):
        messages.success(request, _("Mailen sendes igen nu."))
    return redirect("staff_mail")


@require_staff
def staff_failed_mail(request: HttpRequest) -> HttpResponse:
    failed = OutboxMail.objects.filter(state=OutboxMail.State.FAILED).order_by("-created_at", "-id")
    return render(
        request,
        "notifications/staff_failed_mail.html",
        {"mails": failed[:FAILED_LISTED], "count": failed.count()},
    )
