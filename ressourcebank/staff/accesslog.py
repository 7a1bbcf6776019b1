"""/staff/adgangslog/: the audit role searches the access log (who, when, what, why) and reviews
break-glass grants. Only the roles in ACCESS_LOG_READER_ROLES get in; each search is itself logged."""

from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import require_access_log_reader
from ressourcebank.audit.actions import record_log_search, review_break_glass
from ressourcebank.audit.models import AuditEvent, AuditEventQuerySet, BreakGlassGrant
from ressourcebank.lib.paging import page_number

from .forms import AccessLogSearchForm

PER_PAGE = 50
# Deep pages over a million rows cost an OFFSET each; past this, narrow the search instead.
LAST_PAGE = 200


def _filtered(events: AuditEventQuerySet, filters: dict[str, str]) -> AuditEventQuerySet:
    if filters["person"]:
        events = events.filter(actor_id=int(filters["person"]))
    if filters["verb"]:
        events = events.filter(verb=filters["verb"])
    if filters["target_type"]:
        events = events.filter(target_type=filters["target_type"])
    if filters["target_id"]:
        events = events.filter(target_id=filters["target_id"])
    if filters["since"]:
        since = datetime.fromisoformat(filters["since"]).date()
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(since, time.min)))
    if filters["until"]:
        until = datetime.fromisoformat(filters["until"]).date() + timedelta(days=1)
        events = events.filter(at__lt=timezone.make_aware(datetime.combine(until, time.min)))
    if filters["flagged"]:
        events = events.flagged()
    return events


def _page_link(request: AuthenticatedHttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()


@require_access_log_reader
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AccessLogSearchForm(request.GET or None)
    events = AuditEvent.objects.all()
    filters: dict[str, str] = {}
    if form.is_bound:
        if form.is_valid():
            filters = form.filters()
            events = _filtered(events, filters)
        else:
            events = events.none()
    # No count of all matches (a million rows): one row more than the page says whether there is a next.
    page = min(page_number(request), LAST_PAGE)
    rows = list(events.order_by("-seq")[(page - 1) * PER_PAGE : page * PER_PAGE + 1])
    has_next = len(rows) > PER_PAGE and page < LAST_PAGE
    rows = rows[:PER_PAGE]
    names = dict(User.objects.filter(pk__in={row.actor_id for row in rows if row.actor_id}).values_list("pk", "name"))
    record_log_search({**filters, "page": str(page) if page > 1 else ""}, by=request.user)
    return render(
        request,
        "staff/access_log.html",
        {
            "form": form,
            "events": [_row(event, names) for event in rows],
            "grants": BreakGlassGrant.objects.unreviewed().select_related("user").order_by("-opened_at")[:50],
            "page": page,
            "previous_url": _page_link(request, page - 1) if page > 1 else "",
            "next_url": _page_link(request, page + 1) if has_next else "",
        },
    )


def _kind(target_type: str) -> str:
    """A target's kind by its Danish name ("Behov"), or as the log wrote it if the model is gone."""
    try:
        return capfirst(apps.get_model(target_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return target_type


def _row(event: AuditEvent, names: dict[int, str]) -> dict[str, Any]:
    role = User.Role(event.actor_role).label if event.actor_role in User.Role.values else event.actor_role
    return {
        "event": event,
        "kind": _kind(event.target_type) if event.target_type else "",
        "name": names.get(event.actor_id, "") if event.actor_id else "",
        "role": role,
    }


@require_POST
@require_access_log_reader
def break_glass_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(BreakGlassGrant, pk=pk)
    review_break_glass(grant, by=request.user)
    messages.success(request, _("Nødadgangen er markeret som gennemset."))
    return redirect("staff:access_log")
