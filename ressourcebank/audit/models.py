from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One row per sensitive read or change. Rows are never edited; the target is named, not copied."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    verb = models.CharField(_("handling"), max_length=50)
    target_type = models.CharField(_("type"), max_length=50)
    target_id = models.CharField(_("id"), max_length=50)
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.verb} {self.target_type}:{self.target_id}"


def record(actor: Any, verb: str, target: models.Model, note: str = "") -> AuditEvent:
    """Writes one audit row. `actor` may be None for system work such as imports."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        note=note[:300],
    )
