"""What the system holds on one person, as the person is given it (GDPR art. 15 and 20): a readable
page they can print and a JSON download, both made from the same parts.

Accounts sits low, so it cannot see offers, needs, connections, messages or cases: each app above
registers a function with `hooks.export_parts` that returns its part. A part is plain data (a key,
a heading, items of labelled fields), so the page and the JSON never differ and no app renders
HTML for another. The function is told who asks (`ExportRequest.by`, the person or a staff member
on their request) so an app can log a read of its sensitive rows with the reason.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class ExportField:
    key: str  # stable, English: the JSON key
    label: str  # Danish: the page's label
    value: Any

    @property
    def shown(self) -> str:
        """The value as the page shows it: dates and times as people write them, local time."""
        if isinstance(self.value, datetime):
            return date_format(timezone.localtime(self.value), "j. F Y, H.i")
        if isinstance(self.value, date):
            return date_format(self.value, "j. F Y")
        return str(self.value)


@dataclass
class ExportItem:
    heading: str
    fields: list[ExportField] = field(default_factory=list)
    children: list["ExportItem"] = field(default_factory=list)

    def add(self, key: str, label: str, value: Any) -> "ExportItem":
        """One labelled value; an empty value is left out of the page and the JSON alike."""
        if value not in (None, "", [], {}):
            self.fields.append(ExportField(key, str(label), value))
        return self


@dataclass
class ExportPart:
    key: str
    title: str
    items: list[ExportItem]
    intro: str = ""
    position: int = 100  # the order on the page: the account first, the access log last


@dataclass(frozen=True)
class ExportRequest:
    """Who asked for the export and why (a staff member's reason; empty when it is the person)."""

    by: Any
    reason: str = ""

    def is_own(self, subject: Any) -> bool:
        return bool(getattr(self.by, "pk", None)) and self.by.pk == subject.pk


def plain(value: Any) -> Any:
    """A value as JSON holds it: datetimes and dates in ISO 8601, decimals as text."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _item_as_json(item: ExportItem) -> dict[str, Any]:
    data: dict[str, Any] = {"heading": item.heading}
    data.update({f.key: plain(f.value) for f in item.fields})
    if item.children:
        data["items"] = [_item_as_json(child) for child in item.children]
    return data


def as_json(parts: Sequence[ExportPart], *, made_at: datetime) -> dict[str, Any]:
    return {
        "made_at": plain(made_at),
        "parts": {part.key: {"title": part.title, "items": [_item_as_json(i) for i in part.items]} for part in parts},
    }
