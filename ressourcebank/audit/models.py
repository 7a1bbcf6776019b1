"""The access log. Rows are written by actions (never by views), one per sensitive read or change,
with the verb from `Verb` and, for a change, each field's old and new value."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    READ = "read", _("læst")
    CREATE = "create", _("oprettet")
    UPDATE = "update", _("ændret")
    APPROVE = "approve", _("godkendt")
    REJECT = "reject", _("afvist")
    RECORD_CHILD_CHECK = "record_child_check", _("børneattest registreret")
    RETRY_MAIL = "retry_mail", _("mail sendt igen")
    REVOKE = "revoke", _("tilbagekaldt")
    API_WRITE = "api_write", _("skrevet med API-nøgle")


NOTE_LENGTH = 300


class AuditEvent(models.Model):
    """One row per sensitive read or change. Rows are never edited; the target is named, not copied."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    verb = models.CharField(_("handling"), max_length=50, choices=Verb.choices)
    target_type = models.CharField(_("type"), max_length=50)
    target_id = models.CharField(_("id"), max_length=50)
    note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    # {"field": [old, new]} for a change; empty for a read or a creation.
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.verb} {self.target_type}:{self.target_id}"


Changes = dict[str, tuple[Any, Any]]


def record(actor: Any, verb: Verb, target: models.Model, note: str = "", changes: Changes | None = None) -> AuditEvent:
    """Writes one audit row. `actor` may be None for system work such as imports. Only actions call this."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        note=note[:NOTE_LENGTH],
        changes={name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()},
    )


def changed_fields(before: models.Model | None, after: models.Model) -> Changes:
    """Each concrete field whose value differs between the stored row and the one about to be saved."""
    if before is None:
        return {}
    return {
        field.attname: (getattr(before, field.attname), getattr(after, field.attname))
        for field in after._meta.concrete_fields
        if getattr(before, field.attname) != getattr(after, field.attname)
    }


def save_and_record(obj: models.Model, *, by: Any, note: str = "") -> AuditEvent:
    """Saves a row staff edited and records it: a creation, or an update naming each changed field
    with its old and new value. For actions, inside their transaction."""
    before = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    changes = changed_fields(before, obj)
    obj.save()
    return record(by, Verb.UPDATE if before else Verb.CREATE, obj, note=note, changes=changes)


def _plain(value: Any) -> Any:
    """A value as JSON can hold it: numbers, text, booleans and None as they are, the rest as text."""
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)
