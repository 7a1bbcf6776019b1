"""The access log. Rows are written by actions (never by views), one per sensitive read or change,
with the verb from `Verb`, why (`reason`), who by role and organisation at the time, and, for a
change, each field's old and new value.

The log is append-only and tamper-evident:

- Each row has a sequence number and a hash over its content and the previous row's hash
  (`chain.py`), so an edited or removed row breaks the chain at that row.
- `AuditHead`, one row, holds the last sequence number and hash. It is updated in the same
  transaction as each append, and writers lock it first, so appends are serialised on SQLite
  (IMMEDIATE transactions take the write lock) and on PostgreSQL (SELECT … FOR UPDATE) alike: no
  two rows get the same number and no row links to a stale head. The head also makes a removed
  tail visible: it still names the last number.
- An attacker with database access can rewrite the head too. The scheduler therefore copies the
  head to a file outside the database every few minutes (`anchor_access_log`, the path in
  `ACCESS_LOG_ANCHOR_PATH`, meant for append-only storage elsewhere); `verify_access_log` checks the
  chain against the head and every anchor, so truncating the tail, or recomputing the chain after an
  edit, is caught back to the last anchor.
- Database triggers (migration 0004, `guards.py`) refuse UPDATE and DELETE of rows and any change
  of the head that is not the next append; the model and its QuerySet refuse them too.

The cost: audit writes in the whole site take turns on one row until their transaction commits.
Actions are short and write their audit row last, so the wait is the length of a short transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.hooks import Hook

from . import chain


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
    BREAK_GLASS_OPEN = "break_glass_open", _("nødadgang åbnet")
    BREAK_GLASS_USE = "break_glass_use", _("læst med nødadgang")
    BREAK_GLASS_REVIEW = "break_glass_review", _("nødadgang gennemset")
    SEARCH_LOG = "search_log", _("adgangsloggen søgt")
    EXPORT = "export", _("dataudtræk")
    ANONYMISE = "anonymise", _("anonymiseret")


# The verbs the audit role is shown first and highlighted: reads outside a person's normal access.
FLAGGED_VERBS = (Verb.BREAK_GLASS_OPEN, Verb.BREAK_GLASS_USE)

NOTE_LENGTH = 300
REASON_LENGTH = 300


class AccessLogIsAppendOnly(Exception):
    """An attempt to change or remove a row of the access log."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AccessLogIsAppendOnly("The access log is append-only: rows are never updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is append-only: rows are never deleted.")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list["AuditEvent"]:  # type: ignore[override]
        raise AccessLogIsAppendOnly("Rows join the chain one at a time, through record().")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AccessLogIsAppendOnly("The access log is append-only: rows are never updated.")

    def flagged(self) -> "AuditEventQuerySet":
        return self.filter(verb__in=FLAGGED_VERBS)


class AuditEvent(models.Model):
    """One row per sensitive read or change. Rows are never edited; the target is named, not copied."""

    seq = models.PositiveBigIntegerField(_("nummer"), unique=True)
    # The actor's id stays when the account is deleted (no database constraint, nothing cascades):
    # the log must not change, and an id is not a name.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    # The actor's role and organisation when they acted, so that a citizen can be told "a tovholder
    # at Randers Kommune" after the employee has moved on, without the employee's name.
    actor_role = models.CharField(_("rolle"), max_length=20, blank=True)
    actor_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    verb = models.CharField(_("handling"), max_length=50, choices=Verb.choices)
    target_type = models.CharField(_("type"), max_length=50)
    target_id = models.CharField(_("id"), max_length=50)
    note = models.CharField(_("note"), max_length=NOTE_LENGTH, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=REASON_LENGTH, blank=True)
    # {"field": [old, new]} for a change; empty for a read or a creation.
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, editable=False, db_index=True)
    hash = models.CharField(_("kontrolsum"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("log")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["actor", "seq"], name="audit_actor_seq"),
            models.Index(fields=["verb", "seq"], name="audit_verb_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.seq} {self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.verb} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AccessLogIsAppendOnly("The access log is append-only: rows are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is append-only: rows are never deleted.")

    @property
    def is_flagged(self) -> bool:
        return self.verb in FLAGGED_VERBS

    def content(self) -> bytes:
        return chain.content(
            seq=self.seq,
            at=self.at,
            actor_id=self.actor_id,
            actor_role=self.actor_role,
            actor_organisation=self.actor_organisation,
            verb=self.verb,
            target_type=self.target_type,
            target_id=self.target_id,
            note=self.note,
            reason=self.reason,
            changes=self.changes,
        )


class AuditHead(models.Model):
    """The one row that names the log's last entry: writers lock it, verify compares the tail with it."""

    ONLY = 1

    seq = models.PositiveBigIntegerField(_("sidste nummer"), default=0)
    hash = models.CharField(_("sidste kontrolsum"), max_length=64, default=chain.GENESIS)

    class Meta:
        verbose_name = _("logens hoved")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="audit_head_is_one_row")]

    def __str__(self) -> str:
        return f"{self.seq} {self.hash}"


class BrokenChain(Exception):
    """The head is gone while entries remain: the log will not start a new chain over an old one."""


def _locked_head() -> AuditHead:
    """The head, locked until the caller's transaction ends; made on the first write ever."""
    head = AuditHead.objects.select_for_update().filter(pk=AuditHead.ONLY).first()
    if head is None:
        if AuditEvent.objects.exists():
            raise BrokenChain("The access log's head row is missing; run manage.py verify_access_log.")
        # Two first writers at once: one inserts, the other's insert does nothing and then waits.
        AuditHead.objects.bulk_create([AuditHead(pk=AuditHead.ONLY)], ignore_conflicts=True)
        head = AuditHead.objects.select_for_update().get(pk=AuditHead.ONLY)
    return head


@dataclass(frozen=True)
class ActorSnapshot:
    role: str
    organisation: str


describe_actor: Hook[Callable[[Any], ActorSnapshot | None]] = Hook(
    """Who the actor is in the log: an app above (say cases, for a team) may name the role and
    organisation. The first answer that is not None wins; without one the log takes the user's
    role and the municipality (ACCESS_LOG_ORGANISATION)."""
)


def snapshot_of(actor: Any) -> ActorSnapshot:
    if actor is None:
        return ActorSnapshot(role="", organisation="")
    for describe in describe_actor:
        if (snapshot := describe(actor)) is not None:
            return snapshot
    return ActorSnapshot(role=str(getattr(actor, "role", "")), organisation=settings.ACCESS_LOG_ORGANISATION)


Changes = dict[str, tuple[Any, Any]]


def record(
    actor: Any,
    verb: Verb,
    target: models.Model | None,
    note: str = "",
    changes: Changes | None = None,
    *,
    reason: str = "",
    actor_role: str | None = None,
    actor_organisation: str | None = None,
) -> AuditEvent:
    """Appends one row to the chain. `actor` may be None for system work such as imports; `target`
    None for something that is not one row (a search of the log). `reason` says why, in the
    actor's words or the action's. Only actions call this, inside their transaction if they have one."""
    actor = actor if getattr(actor, "pk", None) else None
    snapshot = snapshot_of(actor)
    with transaction.atomic():
        head = _locked_head()
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor,
            actor_role=snapshot.role if actor_role is None else actor_role,
            actor_organisation=(snapshot.organisation if actor_organisation is None else actor_organisation)[:200],
            verb=verb,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            note=note[:NOTE_LENGTH],
            reason=reason[:REASON_LENGTH],
            changes={name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()},
        )
        event.hash = chain.link(head.hash, event.content())
        event.save(force_insert=True)
        AuditHead.objects.filter(pk=AuditHead.ONLY).update(seq=event.seq, hash=event.hash)
    return event


def changed_fields(before: models.Model | None, after: models.Model) -> Changes:
    """Each concrete field whose value differs between the stored row and the one about to be saved."""
    if before is None:
        return {}
    return {
        field.attname: (getattr(before, field.attname), getattr(after, field.attname))
        for field in after._meta.concrete_fields
        if getattr(before, field.attname) != getattr(after, field.attname)
    }


def save_and_record(obj: models.Model, *, by: Any, note: str = "", reason: str = "") -> AuditEvent:
    """Saves a row staff edited and records it: a creation, or an update naming each changed field
    with its old and new value. For actions, inside their transaction."""
    before = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    changes = changed_fields(before, obj)
    obj.save()
    return record(by, Verb.UPDATE if before else Verb.CREATE, obj, note=note, changes=changes, reason=reason)


def _plain(value: Any) -> Any:
    """A value as JSON can hold it: numbers, text, booleans and None as they are, the rest as text."""
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


class BreakGlassGrantQuerySet(models.QuerySet["BreakGlassGrant"]):
    def active(self) -> "BreakGlassGrantQuerySet":
        return self.filter(expires_at__gt=timezone.now())

    def unreviewed(self) -> "BreakGlassGrantQuerySet":
        return self.filter(reviewed_at__isnull=True)


class BreakGlassGrant(models.Model):
    """A time-limited permission, asked for with a reason, for one person to read one object they
    normally may not. The grant and every use are in the access log; the audit role marks it reviewed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    target_type = models.CharField(_("type"), max_length=50)
    target_id = models.CharField(_("id"), max_length=50)
    reason = models.CharField(_("begrundelse"), max_length=REASON_LENGTH)
    opened_at = models.DateTimeField(_("åbnet"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"))
    reviewed_at = models.DateTimeField(_("gennemset"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("nødadgang")
        verbose_name_plural = _("nødadgange")
        indexes = [models.Index(fields=["user", "target_type", "target_id", "expires_at"], name="audit_grant_lookup")]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("opened_at")), name="audit_grant_ends"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="audit_grant_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.target_type}:{self.target_id} {self.opened_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": _("Skriv, hvorfor du har brug for adgangen.")})
