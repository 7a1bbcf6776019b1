"""Proves that nothing in the access log was changed or removed: every row's hash is recomputed in
order, the numbers must run without a gap, the last row must be the one the head names, and every
anchor written outside the database must match the row it names. Used by verify_access_log."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from . import chain
from .models import AuditEvent, AuditHead

_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor_role",
    "actor_organisation",
    "verb",
    "target_type",
    "target_id",
    "note",
    "reason",
    "changes",
    "hash",
)


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str


@dataclass(frozen=True)
class Report:
    entries: int
    anchors: int
    problem: str  # empty when the log is intact; otherwise names the first bad entry, in Danish

    @property
    def is_intact(self) -> bool:
        return not self.problem


class UnreadableAnchors(Exception):
    pass


def read_anchors(path: Path) -> list[Anchor]:
    """The anchors anchor_access_log wrote; none when the file is not there (yet)."""
    if not path.exists():
        return []
    anchors = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                anchors.append(Anchor(seq=int(data["seq"]), hash=str(data["hash"]), at=str(data["at"])))
            except (ValueError, KeyError, TypeError) as error:
                raise UnreadableAnchors(
                    _("Linje %(line)s i ankerfilen %(path)s kan ikke læses.") % {"line": number, "path": path}
                ) from error
    return anchors


def verify(anchor_path: Path) -> Report:
    anchors = read_anchors(anchor_path)
    anchored = {anchor.seq: anchor for anchor in anchors if anchor.seq > 0}
    previous, expected = chain.GENESIS, 1
    # The head first, then the rows up to it in one statement: a writer updates the head in the
    # transaction that adds the row, so every row up to the head's number is there (or was removed),
    # and rows appended meanwhile wait for the next check. No lock is held; writers go on.
    head = AuditHead.objects.filter(pk=AuditHead.ONLY).first()
    for (
        seq,
        at,
        actor_id,
        role,
        organisation,
        verb,
        target_type,
        target_id,
        note,
        reason,
        changes,
        stored,
    ) in _rows(up_to=head.seq if head is not None else None):
        if seq != expected:
            return _fail(
                expected - 1,
                len(anchors),
                _("Post nr. %(missing)s mangler: den er slettet (næste post er nr. %(next)s).")
                % {"missing": expected, "next": seq},
            )
        computed = chain.link(
            previous,
            chain.content(
                seq=seq,
                at=at,
                actor_id=actor_id,
                actor_role=role,
                actor_organisation=organisation,
                verb=verb,
                target_type=target_type,
                target_id=target_id,
                note=note,
                reason=reason,
                changes=changes,
            ),
        )
        if computed != stored:
            return _fail(seq - 1, len(anchors), _("Post nr. %(seq)s er ændret, efter den blev skrevet.") % {"seq": seq})
        anchor = anchored.get(seq)
        if anchor is not None and anchor.hash != stored:
            return _fail(
                seq - 1,
                len(anchors),
                _("Post nr. %(seq)s passer ikke med ankeret fra %(at)s: loggen er skrevet om fra den post eller før.")
                % {"seq": seq, "at": anchor.at},
            )
        previous, expected = stored, expected + 1
    last = expected - 1
    if head is None:
        if last or anchored:
            return _fail(
                last, len(anchors), _("Logens hoved mangler, så det kan ikke ses, om der mangler poster til sidst.")
            )
        return Report(entries=0, anchors=len(anchors), problem="")
    if head.seq > last:
        return _fail(
            last,
            len(anchors),
            _("Post nr. %(first)s og de følgende mangler: hovedet siger, at loggen slutter ved nr. %(head)s.")
            % {"first": last + 1, "head": head.seq},
        )
    if head.hash != previous:
        return _fail(last, len(anchors), _("Logens hoved passer ikke med post nr. %(seq)s.") % {"seq": last})
    if anchored and max(anchored) > last:
        newest = anchored[max(anchored)]
        return _fail(
            last,
            len(anchors),
            _("Post nr. %(first)s og de følgende mangler: ankeret fra %(at)s kender post nr. %(seq)s.")
            % {"first": last + 1, "at": newest.at, "seq": newest.seq},
        )
    return Report(entries=last, anchors=len(anchors), problem="")


# The time as text in the chain's form, made by the database rather than parsed and formatted in
# Python for each of a million rows (that was a third of the check's time). SQLite holds it as UTC
# text, "2026-12-01 13:04:05.123456" (no fraction when it is zero), which `at || ''` returns
# unconverted; PostgreSQL formats it.
_AT_AS_TEXT = {
    "sqlite": "at || ''",
    "postgresql": """to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""",
}


def _rows(up_to: int | None) -> Iterator[tuple[Any, ...]]:
    """The rows in order, as plain values, in chunks (a server-side cursor on PostgreSQL): a
    million model instances, or even Django's value conversions, would cost most of the time."""
    table = AuditEvent._meta.db_table
    at_sql = _AT_AS_TEXT.get(connection.vendor, "at")
    columns = ", ".join(at_sql if column == "at" else column for column in _COLUMNS)
    sql = f"SELECT {columns} FROM {table}"  # noqa: S608 - our own table and column names
    params: list[Any] = []
    if up_to is not None:
        sql += " WHERE seq <= %s"
        params.append(up_to)
    sql += " ORDER BY seq"
    sqlite = connection.vendor == "sqlite"
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            for row in chunk:
                at, changes = row[1], row[10]
                if sqlite:
                    at = f"{at[:10]}T{at[11:]}Z" if len(at) > 19 else f"{at[:10]}T{at[11:]}.000000Z"
                elif not isinstance(at, str):
                    at = chain.at_text(at)
                if isinstance(changes, str):
                    changes = {} if changes == "{}" else json.loads(changes)
                yield (*row[:1], at, *row[2:10], changes, row[11])


def _fail(entries_checked: int, anchors: int, problem: str) -> Report:
    return Report(entries=entries_checked, anchors=anchors, problem=problem)


def anchor_line(head: AuditHead) -> str:
    return json.dumps({"seq": head.seq, "hash": head.hash, "at": timezone.now().isoformat(timespec="seconds")}) + "\n"
