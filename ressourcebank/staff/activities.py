"""Staff's moderation of activities: a citizen's first activity waits here, as a first offer waits
in the offers' queue. The changes are activities.actions' (which write the audit rows)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity
from ressourcebank.lib.forms import add_action_error
from ressourcebank.offers.forms import RejectForm


def _activity(pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("category", "area", "organisation", "owner"), pk=pk)


@require_staff
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    activities = (
        Activity.objects.awaiting_moderation()
        .select_related("category", "area", "organisation", "owner")
        .order_by("created_at", "pk")
    )
    return render(request, "staff/activity_queue.html", {"activities": activities})


@require_staff
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    return render(request, "staff/activity_review.html", {"activity": activity, "reject_form": RejectForm()})


@require_POST
@require_staff
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    try:
        actions.approve_activity(activity, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("staff:activity_review", pk=activity.pk)
    messages.success(request, _("“%(title)s” er godkendt og synlig for alle.") % {"title": activity.title})
    return redirect("staff:activity_queue")


@require_POST
@require_staff
def reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            actions.reject_activity(activity, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("“%(title)s” er afvist. Arrangøren kan se begrundelsen.") % {"title": activity.title}
            )
            return redirect("staff:activity_queue")
    return render(request, "staff/activity_review.html", {"activity": activity, "reject_form": form})
