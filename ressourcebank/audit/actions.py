"""Break-glass access: an administrator who must read something they normally may not (a case in
an emergency) asks for it with a reason, for a limited time. The grant and every use go in the
access log, flagged to the audit role, who marks each grant reviewed. Whether the thing may be read
with a grant is the caller's rule (cases' permissions); these functions only grant, check and log."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import REASON_LENGTH, BreakGlassGrant, Verb, record


def open_break_glass(user: Any, target: models.Model, *, reason: str, minutes: int) -> BreakGlassGrant:
    """Grants `user` access to `target` for `minutes`, with the reason in their own words. Only the
    roles in BREAK_GLASS_ROLES may; a missing reason or a time outside 1–BREAK_GLASS_MAX_MINUTES is
    refused with a Danish message."""
    if not getattr(user, "pk", None) or getattr(user, "role", None) not in settings.BREAK_GLASS_ROLES:
        raise PermissionDenied
    reason = reason.strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Skriv, hvorfor du har brug for adgangen.")
    elif len(reason) > REASON_LENGTH:
        errors["reason"] = _("Skriv begrundelsen med højst %(limit)s tegn.") % {"limit": REASON_LENGTH}
    if not 1 <= minutes <= settings.BREAK_GLASS_MAX_MINUTES:
        errors["minutes"] = _("Vælg en tid mellem 1 og %(limit)s minutter.") % {
            "limit": settings.BREAK_GLASS_MAX_MINUTES
        }
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            user=user,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            reason=reason,
            opened_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        record(
            user, Verb.BREAK_GLASS_OPEN, target, note=_("i %(minutes)s minutter") % {"minutes": minutes}, reason=reason
        )
    return grant


def active_grant(user: Any, target: models.Model) -> BreakGlassGrant | None:
    if not getattr(user, "pk", None):
        return None
    return (
        BreakGlassGrant.objects.active()
        .filter(user_id=user.pk, target_type=target._meta.label_lower, target_id=str(target.pk))
        .order_by("-expires_at")
        .first()
    )


def has_break_glass(user: Any, target: models.Model) -> bool:
    """Whether `user` holds a grant for `target` that has not run out. A True answer is a use of the
    grant and is written to the log with the grant's reason: call it where the read happens, not to
    decide whether to show a link."""
    grant = active_grant(user, target)
    if grant is None:
        return False
    record(user, Verb.BREAK_GLASS_USE, target, reason=grant.reason)
    return True


def review_break_glass(grant: BreakGlassGrant, *, by: Any) -> BreakGlassGrant:
    """The audit role has looked at the grant and its uses; it no longer counts as waiting."""
    with transaction.atomic():
        grant = BreakGlassGrant.objects.select_for_update().get(pk=grant.pk)
        if grant.reviewed_at is None:
            grant.reviewed_at = timezone.now()
            grant.reviewed_by = by
            grant.save(update_fields=["reviewed_at", "reviewed_by"])
            record(by, Verb.BREAK_GLASS_REVIEW, grant)
    return grant


def record_log_search(filters: dict[str, str], *, by: Any) -> None:
    """A search of the access log is itself a read of who did what: it is logged, with the filters
    (ids and dates only, never names)."""
    note = " ".join(f"{name}={value}" for name, value in sorted(filters.items()) if value)
    record(by, Verb.SEARCH_LOG, None, note=note)
