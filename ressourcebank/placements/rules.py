"""The rules a place and an agreement are checked against, with their numbers in data/.

- The staff ratio ("rimelighedskrav"): how many people a workplace may have in internship, wage
  subsidy or skånejob at a time, from its ordinary employees (data/rules.json).
- Hours per week: a range, at least 1 and at most normal full time (data/rules.json).
- Durations by the citizen's target group (data/durations.json).
- Nobody starts at a place before the municipality has approved it.

Each check returns the broken rules as RuleErrors with a Danish message; an empty list means the
input keeps every rule. The same checks serve the form, the as-you-type endpoint and the API.
"""

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Place, Workplace


@dataclass(frozen=True)
class RuleError:
    rule: str  # a stable name: the API's error type, and what tests look for
    field: str  # the form or API field the message belongs to ("" for the whole place)
    message: str


@dataclass(frozen=True)
class TargetGroup:
    slug: str
    name: str
    weeks: int
    extended_weeks: int


def _data(name: str) -> dict[str, Any]:
    text = resources.files("ressourcebank.placements").joinpath("data", name).read_text(encoding="utf-8")
    return dict(json.loads(text))


@cache
def _ratio() -> dict[str, Any]:
    return dict(_data("rules.json")["ratio"])


@cache
def _hours() -> dict[str, int]:
    return {key: int(value) for key, value in _data("rules.json")["hours_per_week"].items()}


@cache
def _groups() -> dict[str, TargetGroup]:
    groups = {}
    for row in _data("durations.json")["groups"]:
        group = TargetGroup(row["slug"], row["name"], int(row["weeks"]), int(row["extended_weeks"]))
        if not 1 <= group.weeks <= group.extended_weeks:
            raise ValueError(f"durations.json: {group.slug} has weeks outside 1..extended_weeks")
        groups[group.slug] = group
    return groups


def max_hours_per_week() -> int:
    return _hours()["max"]


def min_hours_per_week() -> int:
    return _hours()["min"]


def counted_kinds() -> frozenset[str]:
    """The kinds of place that count under the staff ratio (fleksjob does not)."""
    return frozenset(_ratio()["counted_kinds"])


def max_concurrent(ordinary_employees: int) -> int:
    """How many people a workplace may have in counted places at a time: 1 per 5 ordinary employees
    up to 50 (always at least 1), then 1 more per 10 above 50."""
    ratio = _ratio()
    small = int(ratio["small_up_to_employees"])
    employees = max(0, ordinary_employees)
    allowed = min(employees, small) // int(ratio["employees_per_place_small"])
    allowed += max(0, employees - small) // int(ratio["employees_per_place_above"])
    return max(int(ratio["minimum"]), allowed)


def places_in_use(workplace: Workplace, exclude: Place | int | None = None) -> int:
    """People the workplace's waiting, open and filled places of a counted kind are for."""
    if workplace.pk is None:  # a workplace being registered with its first place has none yet
        return 0
    places = Place.objects.in_use().filter(workplace=workplace, kind__in=counted_kinds())
    if exclude is not None:
        places = places.exclude(pk=exclude.pk if isinstance(exclude, Place) else exclude)
    return int(places.aggregate(total=Sum("places"))["total"] or 0)


def check_hours(hours_per_week_min: int | None, hours_per_week_max: int | None) -> list[RuleError]:
    errors = []
    most, least = max_hours_per_week(), min_hours_per_week()
    for field, hours in (("hours_per_week_min", hours_per_week_min), ("hours_per_week_max", hours_per_week_max)):
        if hours is not None and hours > most:
            errors.append(
                RuleError(
                    "hours_max",
                    field,
                    _("Højst %(max)d timer om ugen. Det er normal fuld tid, og mere må en plads ikke være.")
                    % {"max": most},
                )
            )
        elif hours is not None and hours < least:
            errors.append(RuleError("hours_min", field, _("Skriv mindst %(min)d time om ugen.") % {"min": least}))
    if hours_per_week_min is not None and hours_per_week_max is not None and hours_per_week_min > hours_per_week_max:
        errors.append(
            RuleError(
                "hours_range",
                "hours_per_week_max",
                _("Det højeste antal timer kan ikke være mindre end det laveste (%(min)d).")
                % {"min": hours_per_week_min},
            )
        )
    return errors


def check_ratio(workplace: Workplace, kind: str, places: int, exclude: Place | int | None = None) -> list[RuleError]:
    if kind not in counted_kinds():
        return []
    allowed = max_concurrent(workplace.ordinary_employees)
    used = places_in_use(workplace, exclude=exclude)
    if used + places <= allowed:
        return []
    free = max(0, allowed - used)
    employees = ngettext("%(count)d ordinært ansat", "%(count)d ordinært ansatte", workplace.ordinary_employees) % {
        "count": workplace.ordinary_employees
    }
    message = ngettext(
        "Med %(employees)s må %(workplace)s have %(allowed)d person i praktik, løntilskud eller skånejob ad gangen.",
        "Med %(employees)s må %(workplace)s have %(allowed)d personer i praktik, løntilskud eller skånejob ad gangen.",
        allowed,
    ) % {"employees": employees, "workplace": workplace.name, "allowed": allowed}
    if used:
        message += " " + _("%(used)d er allerede i brug.") % {"used": used}
    message += " " + (
        _("Der er plads til %(free)d mere.") % {"free": free} if free else _("Der er ikke plads til flere lige nu.")
    )
    return [RuleError("ratio", "places", message)]


def check_place(
    *,
    workplace: Workplace | None,
    kind: str,
    hours_per_week_min: int | None,
    hours_per_week_max: int | None,
    places: int | None,
    exclude: Place | int | None = None,
) -> list[RuleError]:
    """Every rule a new or changed place breaks, in the order a person reads the form."""
    errors = check_hours(hours_per_week_min, hours_per_week_max)
    if places is not None and places < 1:
        errors.append(RuleError("places_min", "places", _("Skriv, hvor mange personer der kan være der ad gangen.")))
    elif workplace is not None and places is not None and kind:
        errors += check_ratio(workplace, kind, places, exclude=exclude)
    return errors


def target_groups() -> list[TargetGroup]:
    return list(_groups().values())


def target_group_choices() -> list[tuple[str, str]]:
    return [(group.slug, group.name) for group in target_groups()]


def max_weeks(target_group: str, *, extended: bool = False) -> int:
    """The longest an internship may last for the group; `extended` after a concrete assessment.
    An unknown group raises KeyError: a duration is never guessed."""
    group = _groups()[target_group]
    return group.extended_weeks if extended else group.weeks


def check_duration(target_group: str, starts_on: date, ends_on: date, *, extended: bool = False) -> list[RuleError]:
    if ends_on < starts_on:
        return [RuleError("duration_order", "ends_on", _("Slutdatoen kan ikke ligge før startdatoen."))]
    weeks = max_weeks(target_group, extended=extended)
    # Start and end day both count: 4 weeks from a Monday end on the Sunday 27 days later.
    if (ends_on - starts_on).days + 1 > weeks * 7:
        last = starts_on.toordinal() + weeks * 7 - 1
        return [
            RuleError(
                "duration",
                "ends_on",
                ngettext(
                    "For %(group)s er det højst %(weeks)d uge. Den sidste dag kan være %(last)s.",
                    "For %(group)s er det højst %(weeks)d uger. Den sidste dag kan være %(last)s.",
                    weeks,
                )
                % {
                    "group": _groups()[target_group].name.lower(),
                    "weeks": weeks,
                    "last": _date(date.fromordinal(last)),
                },
            )
        ]
    return []


def check_start(place: Place, starts_on: date) -> list[RuleError]:
    """Nobody starts at a place before the municipality has approved it, nor before the approval day."""
    if place.approved_at is None:
        return [
            RuleError(
                "not_approved", "starts_on", _("Pladsen er ikke godkendt af kommunen endnu. Ingen kan starte før det.")
            )
        ]
    approved_on = timezone.localdate(place.approved_at)
    if starts_on < approved_on:
        return [
            RuleError(
                "start_before_approval",
                "starts_on",
                _("Pladsen blev godkendt %(date)s. Ingen kan starte før den dag.") % {"date": _date(approved_on)},
            )
        ]
    return []


def _date(day: date) -> str:
    return date_format(day, "j. F Y")


def weeks_between(starts_on: date, ends_on: date) -> int:
    """Whole or started weeks from the first to the last day, both counted."""
    return math.ceil(((ends_on - starts_on).days + 1) / 7)
