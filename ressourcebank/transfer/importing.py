"""Importing offers and needs from a trusted source, all or nothing.

Every row is checked before anything is written; one bad row and nothing is imported. Rows are
matched on `key`, the source's own id: a known key updates, a new key creates.

Decisions (also in `manage.py import_resources --help`):
- An import is a staff action: new offers are published, with the row's provider and no owner.
- An offer with child_contact=true is imported but NOT published: it waits, like any offer, until
  someone records that a børneattest was obtained (staff, under /staff/). Recording a check on the
  import date would be a false record, and refusing the row would lose the offer.
- New needs are public and anonymous (area and text only), as a citizen's public need.
- An update changes only what the file holds: text, category, area, provider, child contact and
  hours per month. Status, visibility, owner and organisation stay; an offer whose capacity the
  format cannot express (per week, places) keeps it when hours_per_month is empty.
- Keys `rb-offer-<id>` and `rb-need-<id>` are what an export writes for rows without a key; they
  name that row, and are refused for anything else.
"""

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import batched
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ressourcebank.lib.limits import max_length
from ressourcebank.matching.offer_model import train as train_offer_model
from ressourcebank.needs.indexing import index_needs
from ressourcebank.needs.models import Need
from ressourcebank.offers.indexing import index_offers
from ressourcebank.offers.models import (
    CapacityKind,
    Offer,
    ProviderKind,
    is_held_back,
    kept_child_check,
    settled_status,
)
from ressourcebank.taxonomy.models import Area, Category

from .formats import FileFormatError, LineError, read_rows

Progress = Callable[[str], None]

RESERVED_KEY = re.compile(r"^rb-(offer|need)-(\d+)$")
TRUE_WORDS = frozenset({"true", "1", "ja", "yes"})
FALSE_WORDS = frozenset({"false", "0", "nej", "no"})
MAX_HOURS_PER_MONTH = 744  # 31 days of 24 hours: anything above is a typo
PROGRESS_EVERY = 10_000
PROVIDERS = frozenset(ProviderKind.values)
QUERY_CHUNK = 900  # below SQLite's limit on query parameters
WRITE_CHUNK = 2_000

OFFER_FIELDS = [
    "title",
    "description",
    "category_id",
    "area_id",
    "provider",
    "has_child_contact",
    "child_check_obtained_on",
    "capacity_kind",
    "capacity_amount",
    "status",
    "published_at",
]
NEED_FIELDS = ["title", "description", "category_id", "area_id", "requester", "has_child_contact", "hours_per_month"]


@dataclass(slots=True)
class ImportRow:
    line: int
    key: str
    kind: str
    title: str
    description: str
    category_id: int | None
    area_id: int
    provider: str
    has_child_contact: bool
    hours_per_month: int | None


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    # Offers with child contact that wait for a børneattest before they are published.
    waiting_for_child_check: int = 0


@dataclass
class ImportFailed(Exception):
    """Nothing was imported. Each error reads `line N: reason`, in line order."""

    errors: list[str] = field(default_factory=list)


def import_resources(path: Path, *, progress: Progress | None = None) -> ImportReport:
    say = progress or (lambda message: None)
    errors: dict[int, list[str]] = {}
    try:
        rows = _check_rows(path, errors, say)
    except FileFormatError as error:
        raise ImportFailed([str(error)]) from None
    offers, needs = _match_existing(rows, errors)
    if errors:
        raise ImportFailed([f"line {line}: {'; '.join(reasons)}" for line, reasons in sorted(errors.items())])
    report = ImportReport()
    with transaction.atomic():
        new_offers, changed_offers = _save_offers([r for r in rows if r.kind == "offer"], offers, report, say)
        new_needs, changed_needs = _save_needs([r for r in rows if r.kind == "need"], needs, report, say)
        # The rows are searchable when the transaction commits. Rows created just now have no
        # entries to replace (new=True); changed rows replace theirs.
        offer_progress = _indexing_progress(len(new_offers) + len(changed_offers), "offers", say)
        index_offers(new_offers, progress=offer_progress, new=True)
        index_offers(changed_offers, progress=lambda done: offer_progress(len(new_offers) + done))
        need_progress = _indexing_progress(len(new_needs) + len(changed_needs), "needs", say)
        index_needs(new_needs, progress=need_progress, new=True)
        index_needs(changed_needs, progress=lambda done: need_progress(len(new_needs) + done))
    if new_offers or changed_offers:
        # Matching's category model learns the imported offers' words now, not tonight.
        say("training the matching model")
        train_offer_model()
    return report


# --- Checking ---------------------------------------------------------------------------------


def _check_rows(path: Path, errors: dict[int, list[str]], say: Progress) -> list[ImportRow]:
    categories = dict(Category.objects.values_list("slug", "id"))
    areas = dict(Area.objects.values_list("slug", "id"))
    first_line_of_key: dict[str, int] = {}
    rows = []
    count = 0
    for line, fields in read_rows(path):
        count += 1
        if count % PROGRESS_EVERY == 0:
            say(f"checked {count} rows")
        if isinstance(fields, LineError):
            errors[line] = [str(fields)]
            continue
        reasons: list[str] = []
        row = _check_row(line, fields, categories, areas, reasons)
        if row is not None:
            first = first_line_of_key.setdefault(row.key, line)
            if first != line:
                reasons.append(f'duplicate key "{_shorten(row.key)}" (also on line {first})')
        if reasons:
            errors[line] = reasons
        elif row is not None:
            rows.append(row)
    return rows


def _check_row(
    line: int, fields: dict[str, Any], categories: dict[str, int], areas: dict[str, int], reasons: list[str]
) -> ImportRow | None:
    # A value of the wrong type is reported once and left as None, so no second reason follows.
    text: dict[str, str | None] = {}
    for name in ("key", "kind", "title", "description", "category", "area", "provider"):
        value = fields.get(name)
        if isinstance(value, str) and "\x00" in value:
            # PostgreSQL text cannot hold NUL; caught here, it is a bad row rather than a crash.
            text[name] = None
            reasons.append(f"{name} contains a null character")
        elif value is None or isinstance(value, str):
            text[name] = (value or "").strip()
            if name in ("kind", "category", "area", "provider"):
                text[name] = text[name].lower()  # type: ignore[union-attr]
        else:
            text[name] = None
            reasons.append(f"{name} must be text")
    key, kind, title, description = text["key"], text["kind"], text["title"], text["description"]
    category, area, provider = text["category"], text["area"], text["provider"]

    model = Need if kind == "need" else Offer  # the limits are the model's
    if key is None:
        pass
    elif not key:
        reasons.append("missing key")
    elif len(key) > (limit := max_length(model, "key")):
        reasons.append(f"key is longer than {limit} characters")
    if kind is None:
        pass
    elif not kind:
        reasons.append("missing kind")
    elif kind not in ("offer", "need"):
        reasons.append(f'unknown kind "{_shorten(kind)}" (expected offer or need)')
    if title is None:
        pass
    elif not title and kind == "offer":
        reasons.append("missing title")
    elif len(title) > (limit := max_length(model, "title")):
        reasons.append(f"title is longer than {limit} characters")
    if description is None:
        pass
    elif not description:
        reasons.append("missing description")
    elif len(description) > (limit := max_length(model, "description")):
        reasons.append(f"description is longer than {limit} characters")
    if category is None:
        pass
    elif not category:
        if kind == "offer":
            reasons.append("missing category")
    elif category not in categories:
        reasons.append(f'unknown category "{_shorten(category)}"')
    if area is None:
        pass
    elif not area:
        reasons.append("missing area")
    elif area not in areas:
        reasons.append(f'unknown area "{_shorten(area)}"')
    if provider is None:
        pass
    elif not provider:
        reasons.append("missing provider")
    elif provider not in PROVIDERS:
        reasons.append(f'unknown provider "{_shorten(provider)}" (expected borger, virksomhed or forening)')
    child_contact = _boolean(fields.get("child_contact"), reasons)
    hours = _hours(fields.get("hours_per_month"), reasons)
    if reasons:
        return None
    assert key and kind and description is not None and title is not None and area and provider  # noqa: S101
    return ImportRow(
        line=line,
        key=key,
        kind=kind,
        title=title,
        description=description,
        category_id=categories[category] if category else None,
        area_id=areas[area],
        provider=provider,
        has_child_contact=bool(child_contact),
        hours_per_month=hours,
    )


def _boolean(value: Any, reasons: list[str]) -> bool | None:
    # Required, not defaulted: whether an offer brings regular contact with children must be said.
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, str | int) else value
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    if word is None or word == "":
        reasons.append("missing child_contact (true or false)")
    else:
        reasons.append(f'child_contact must be true or false, not "{_shorten(str(value))}"')
    return None


def _hours(value: Any, reasons: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    hours: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        hours = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        hours = int(value.strip())
    if hours is None or not 1 <= hours <= MAX_HOURS_PER_MONTH:
        reasons.append(
            f'hours_per_month must be a whole number from 1 to {MAX_HOURS_PER_MONTH}, not "{_shorten(str(value))}"'
        )
        return None
    return hours


def _shorten(value: str, length: int = 40) -> str:
    return value if len(value) <= length else value[: length - 1] + "…"


# The columns an import reads or writes, as plain values: model instances cost more than the
# database work at 100k rows.
OFFER_STATE = ["id", "key", "organisation_id", "requires_moderation", *OFFER_FIELDS]
NEED_STATE = ["id", "key", *NEED_FIELDS]

Existing = dict[str, dict[str, Any]]


def _match_existing(rows: list[ImportRow], errors: dict[int, list[str]]) -> tuple[Existing, Existing]:
    """The offers and needs the rows' keys name, by key. Refuses keys that name the wrong thing."""
    plain_keys = [row.key for row in rows if not RESERVED_KEY.match(row.key)]
    reserved: dict[str, list[int]] = {"offer": [], "need": []}
    for row in rows:
        if match := RESERVED_KEY.match(row.key):
            reserved[match[1]].append(int(match[2]))

    offers: Existing = {}
    needs: Existing = {}
    for chunk in _keybatched(plain_keys):
        offers.update((o["key"], o) for o in Offer.objects.filter(key__in=chunk).values(*OFFER_STATE))
        needs.update((n["key"], n) for n in Need.objects.filter(key__in=chunk).values(*NEED_STATE))
    # An exported row without a key of its own is named by its id; only rows still without a key.
    for id_chunk in batched(reserved["offer"], QUERY_CHUNK):
        offers.update(
            (f"rb-offer-{o['id']}", o) for o in Offer.objects.filter(pk__in=id_chunk, key=None).values(*OFFER_STATE)
        )
    for id_chunk in batched(reserved["need"], QUERY_CHUNK):
        needs.update(
            (f"rb-need-{n['id']}", n) for n in Need.objects.filter(pk__in=id_chunk, key=None).values(*NEED_STATE)
        )

    for row in rows:
        reason = None
        match = RESERVED_KEY.match(row.key)
        if match and match[1] != row.kind:
            reason = f'key "{row.key}" names a {match[1]}, but kind is {row.kind}'
        elif match and row.key not in (offers if row.kind == "offer" else needs):
            reason = (
                f'key "{row.key}" names no {row.kind} here '
                "(keys rb-offer-<id> and rb-need-<id> are reserved for exports from Ressourcebanken)"
            )
        elif row.kind == "offer" and row.key in needs:
            reason = f'key "{_shorten(row.key)}" belongs to an existing need, not an offer'
        elif row.kind == "need" and row.key in offers:
            reason = f'key "{_shorten(row.key)}" belongs to an existing offer, not a need'
        elif row.kind == "offer" and row.provider == ProviderKind.CITIZEN and _has_organisation(offers.get(row.key)):
            reason = "provider cannot be borger for an offer that belongs to an organisation"
        if reason:
            errors.setdefault(row.line, []).append(reason)
    return offers, needs


def _keybatched(keys: list[str]) -> Iterator[Any]:
    """The keys in pieces for `key__in`. PostgreSQL: one array parameter per 50,000 keys, as Django
    quotes every placeholder in Python (900 keys per query took 3 s for 100k keys, this 0.2 s)."""
    if connection.vendor == "postgresql":
        for chunk in batched(keys, 50_000):
            yield RawSQL("SELECT unnest(%s::text[])", (list(chunk),))  # noqa: S611 - a fixed query, keys as parameter
    else:
        yield from batched(keys, QUERY_CHUNK)


def _has_organisation(offer: dict[str, Any] | None) -> bool:
    return offer is not None and offer["organisation_id"] is not None


# --- Saving -----------------------------------------------------------------------------------


def _save_offers(
    rows: list[ImportRow], existing: Existing, report: ImportReport, say: Progress
) -> tuple[list[int], list[int]]:
    """Creates and updates the offers; returns the ids created and the ids changed."""
    now = timezone.now()
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        current = existing.get(row.key)
        if current is None:
            values = _offer_values(row, {"status": Offer.Status.PENDING, "published_at": None}, now)
            new.append({**values, "key": row.key, "created_at": now, "updated_at": now, "requires_moderation": False})
            continue
        values = _offer_values(row, current, now)
        if any(values[name] != current[name] for name in OFFER_FIELDS):
            changed.append({**values, "id": current["id"], "updated_at": now})
    report.imported += len(new)
    report.updated += len(rows) - len(new)
    report.waiting_for_child_check += sum(
        1 for v in new + changed if v["has_child_contact"] and v["child_check_obtained_on"] is None
    )
    new_ids = _insert(Offer, new, "offers", say)
    _update(Offer, changed, [*OFFER_FIELDS, "updated_at"], "offers", say)
    return new_ids, [v["id"] for v in changed]


def _offer_values(row: ImportRow, current: dict[str, Any], now: Any) -> dict[str, Any]:
    """The offer's columns after the row is applied to its current state (see the module docstring)."""
    capacity: tuple[str, int | None]
    if row.hours_per_month is not None:
        capacity = (CapacityKind.HOURS_PER_MONTH, row.hours_per_month)
    elif current.get("capacity_kind", CapacityKind.ONE_OFF) in (CapacityKind.ONE_OFF, CapacityKind.HOURS_PER_MONTH):
        capacity = (CapacityKind.ONE_OFF, None)
    else:
        capacity = (current["capacity_kind"], current["capacity_amount"])
    child_check_obtained_on = kept_child_check(
        had_child_contact=current.get("has_child_contact") is True,
        has_child_contact=row.has_child_contact,
        obtained_on=current.get("child_check_obtained_on"),
    )
    held_back = is_held_back(
        requires_moderation=bool(current.get("requires_moderation")),
        has_child_contact=row.has_child_contact,
        child_check_obtained_on=child_check_obtained_on,
    )
    status, published_at = settled_status(current["status"], current["published_at"], held_back=held_back, now=now)
    return {
        "title": row.title,
        "description": row.description,
        "category_id": row.category_id,
        "area_id": row.area_id,
        "provider": row.provider,
        "has_child_contact": row.has_child_contact,
        "child_check_obtained_on": child_check_obtained_on,
        "capacity_kind": capacity[0],
        "capacity_amount": capacity[1],
        "status": status,
        "published_at": published_at,
    }


def _save_needs(
    rows: list[ImportRow], existing: Existing, report: ImportReport, say: Progress
) -> tuple[list[int], list[int]]:
    """Creates and updates the needs; returns the ids created and the ids changed."""
    now = timezone.now()
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        values = {
            "title": row.title,
            "description": row.description,
            "category_id": row.category_id,
            "area_id": row.area_id,
            "requester": row.provider,
            "has_child_contact": row.has_child_contact,
            "hours_per_month": row.hours_per_month,
        }
        current = existing.get(row.key)
        if current is None:
            new.append(
                {
                    **values,
                    "key": row.key,
                    "visibility": Need.Visibility.PUBLIC,
                    "status": Need.Status.OPEN,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        elif any(values[name] != current[name] for name in NEED_FIELDS):
            changed.append({**values, "id": current["id"], "updated_at": now})
    report.imported += len(new)
    report.updated += len(rows) - len(new)
    new_ids = _insert(Need, new, "needs", say)
    _update(Need, changed, [*NEED_FIELDS, "updated_at"], "needs", say)
    return new_ids, [v["id"] for v in changed]


def _prepare(model: Any, names: list[str]) -> tuple[list[Any], list[tuple[int, Any]]]:
    """The fields for names, and those whose values the database adapter must convert (dates)."""
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    converted = [(i, f) for i, f in enumerate(fields) if f.get_internal_type() in ("DateField", "DateTimeField")]
    return fields, converted


def _insert(model: Any, rows: list[dict[str, Any]], label: str, say: Progress) -> list[int]:
    """INSERTs rows, many per statement, then reads their ids back by key.

    Deliberately below the ORM: bulk_create prepares every field of every instance in Python and
    cannot reach 5,000 rows/s on SQLite. Columns the rows leave out get the model field's default;
    the database's constraints still check every row.
    """
    if not rows:
        return []
    names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    fields, converted = _prepare(model, names)
    defaults = [None if f.null and not f.has_default() else f.get_default() for f in fields]
    quote = connection.ops.quote_name
    # Only names from the model's own metadata go into the SQL; values go as parameters.
    columns = ", ".join(quote(f.column) for f in fields)
    if connection.vendor == "postgresql":
        return _copy(model, rows, columns, (names, defaults, converted), label, say)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Many rows per statement: one round trip per batch matters on PostgreSQL. The batch stays
    # below SQLite's limit of 32,766 parameters per statement.
    batch = max(1, 20_000 // len(fields))
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    done = 0
    with connection.cursor() as cursor:
        for chunk in batched(rows, batch):
            params = [value for row in chunk for value in _row_values(row, names, defaults, converted)]
            cursor.execute(insert + ", ".join([one_row] * len(chunk)), params)
            before, done = done, done + len(chunk)
            if before // PROGRESS_EVERY != done // PROGRESS_EVERY or done == len(rows):
                _report_progress(
                    done // PROGRESS_EVERY * PROGRESS_EVERY if done < len(rows) else done,
                    len(rows),
                    f"created {{}} of {len(rows)} {label}",
                    say,
                )
    ids: dict[str, int] = {}
    for key_chunk in batched([row["key"] for row in rows], QUERY_CHUNK):
        ids.update(model.objects.filter(key__in=key_chunk).values_list("key", "id"))
    return [ids[row["key"]] for row in rows]


def _copy(
    model: Any,
    rows: list[dict[str, Any]],
    columns: str,
    how: tuple[list[str], list[Any], list[tuple[int, Any]]],
    label: str,
    say: Progress,
) -> list[int]:
    """PostgreSQL: the ids from the table's sequence first, then the rows with COPY. Multi-row
    INSERTs spend most of their time quoting parameters into the SQL in Python (Django binds on the
    client); COPY sends the rows as a stream, and knowing the ids spares reading them back by key."""
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, len(rows)]
        )
        ids = sorted(id_ for (id_,) in cursor.fetchall())
        copy_sql = f"COPY {quote(table)} ({quote(pk)}, {columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for done, (id_, row) in enumerate(zip(ids, rows, strict=True), start=1):
                copy.write_row((id_, *_row_values(row, *how)))
                if done % PROGRESS_EVERY == 0 or done == len(rows):
                    _report_progress(done, len(rows), f"created {{}} of {len(rows)} {label}", say)
    return ids


def _update(model: Any, rows: list[dict[str, Any]], names: list[str], label: str, say: Progress) -> None:
    """UPDATEs rows by id with executemany (bulk_update's CASE expressions are slow at this size)."""
    if not rows:
        return
    fields, converted = _prepare(model, names)
    quote = connection.ops.quote_name
    assignments = ", ".join(quote(f.column) + " = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    defaults = [None] * len(names)
    with connection.cursor() as cursor:
        for done, chunk in enumerate(batched(rows, WRITE_CHUNK), start=1):
            cursor.executemany(sql, [(*_row_values(row, names, defaults, converted), row["id"]) for row in chunk])
            _report_progress(done * WRITE_CHUNK, len(rows), f"updated {{}} of {len(rows)} {label}", say)


def _row_values(
    row: dict[str, Any], names: list[str], defaults: list[Any], converted: list[tuple[int, Any]]
) -> tuple[Any, ...]:
    values = [row.get(name, default) for name, default in zip(names, defaults, strict=True)]
    for i, model_field in converted:
        if values[i] is not None:
            values[i] = _database_value(model_field, values[i])
    return tuple(values)


@functools.lru_cache(maxsize=4096)
def _database_value(model_field: Any, value: Any) -> Any:
    # Most rows share a handful of dates and times (the import's "now"): convert each once.
    return model_field.get_db_prep_save(value, connection)


def _indexing_progress(total: int, label: str, say: Progress) -> Callable[[int], None]:
    return lambda done: _report_progress(done, total, f"indexed {{}} of {total} {label}", say)


def _report_progress(done: int, total: int, template: str, say: Progress) -> None:
    done = min(done, total)
    if total >= PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
        say(template.format(done))
