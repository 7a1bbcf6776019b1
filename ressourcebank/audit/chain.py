"""The access log's hash chain, format 1: what each row's hash covers and how it links to the row
before. Pure functions, so that the writer, the migration that chained the older rows and
verify_access_log compute the same bytes. Changing what is hashed needs a new format number."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

FORMAT = 1
# The "previous hash" of the first row.
GENESIS = "0" * 64
# One encoder, not one per row (json.dumps with options builds a new one each call): verification
# encodes a million rows.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def at_text(at: datetime) -> str:
    """The time as the chain holds it: UTC, to the microsecond ("2026-12-01T12:04:05.000000Z").
    A time without a zone is taken to be UTC already (SQLite's raw cursor gives that)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    # isoformat, not strftime: a third of the verification's time at a million rows.
    return at.isoformat(timespec="microseconds") + "Z"


def content(
    *,
    seq: int,
    at: datetime | str,
    actor_id: int | None,
    actor_role: str,
    actor_organisation: str,
    verb: str,
    target_type: str,
    target_id: str,
    note: str,
    reason: str,
    changes: Any,
) -> bytes:
    """The row as canonical JSON: a list in a fixed order, UTC time to the microsecond, no spaces.
    `at` may be given as at_text() already (verification reads it so, which is faster)."""
    return _encode(
        [
            FORMAT,
            seq,
            at if isinstance(at, str) else at_text(at),
            actor_id,
            actor_role,
            actor_organisation,
            verb,
            target_type,
            target_id,
            note,
            reason,
            changes,
        ]
    ).encode()


def link(previous_hash: str, row: bytes) -> str:
    """This row's hash: SHA-256 over the previous row's hash and this row's content."""
    return hashlib.sha256(previous_hash.encode("ascii") + row).hexdigest()
