"""Figures for staff: places free now by area and kind, and per quarter the places offered, the
places filled (agreements started) and what the agreements that ended led to. Young people under 30
are counted separately in every figure of people. Counts only: no person is named here."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Agreement, Place

QUARTERS = 4


@dataclass
class FreeRow:
    area: str
    counts: list[int]  # free seats per kind, in the order of Place.Kind
    total: int


def free_places() -> tuple[list[str], list[FreeRow]]:
    """(kinds, rows): per area, how many seats the approved open places have free now, per kind."""
    places = (
        Place.objects.approved_open()
        .annotate(taken=Count("agreements", filter=Q(agreements__status=Agreement.Status.ACTIVE)))
        .values_list("workplace__area__name", "kind", "places", "taken")
    )
    by_area: dict[str, Counter[str]] = {}
    for area, kind, seats, taken in places:
        free = max(0, seats - taken)
        if free:
            by_area.setdefault(area, Counter())[kind] += free
    kinds = [value for value, _label in Place.Kind.choices]
    rows = [
        FreeRow(area=area, counts=[counts.get(kind, 0) for kind in kinds], total=sum(counts.values()))
        for area, counts in sorted(by_area.items())
    ]
    return kinds, rows


@dataclass
class Quarter:
    year: int
    number: int
    starts_on: date
    ends_on: date  # the first day after the quarter
    offered: int = 0
    offered_young: int = 0
    filled: int = 0
    filled_young: int = 0
    ended: int = 0
    # Per outcome, in the order of Agreement.Outcome: all, and of them young people under 30.
    outcomes: list[int] = field(default_factory=list)
    outcomes_young: list[int] = field(default_factory=list)

    @property
    def young_outcomes(self) -> list[tuple[str, int]]:
        """(outcome's name, count) of young people's agreements that ended, the outcomes there were."""
        labels = [label for _value, label in Agreement.Outcome.choices]
        return [(str(label), count) for label, count in zip(labels, self.outcomes_young, strict=True) if count]


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month >= 10 else date(day.year, day.month + 3, 1)


def quarters(today: date | None = None, count: int = QUARTERS) -> list[Quarter]:
    """The last `count` quarters, the current one first, with their figures (three grouped queries
    per quarter, however many places and agreements)."""
    start = _quarter_start(today or timezone.localdate())
    result = []
    for _n in range(count):
        result.append(
            Quarter(year=start.year, number=(start.month - 1) // 3 + 1, starts_on=start, ends_on=_next_quarter(start))
        )
        start = _quarter_start(start - timedelta(days=1))
    outcomes = [value for value, _label in Agreement.Outcome.choices]
    for quarter in result:
        # A place is offered when the municipality approved it: before that nobody sees it.
        offered = Place.objects.filter(
            approved_at__date__gte=quarter.starts_on, approved_at__date__lt=quarter.ends_on
        ).aggregate(all=Sum("places"), young=Sum("places", filter=Q(young=True)))
        quarter.offered, quarter.offered_young = offered["all"] or 0, offered["young"] or 0
        started = Agreement.objects.filter(starts_on__gte=quarter.starts_on, starts_on__lt=quarter.ends_on).aggregate(
            all=Count("id"), young=Count("id", filter=Q(proposal__is_young=True))
        )
        quarter.filled, quarter.filled_young = started["all"], started["young"]
        ended = Counter[str]()
        ended_young = Counter[str]()
        for outcome, is_young in Agreement.objects.filter(
            status=Agreement.Status.ENDED, ended_at__date__gte=quarter.starts_on, ended_at__date__lt=quarter.ends_on
        ).values_list("outcome", "proposal__is_young"):
            ended[outcome] += 1
            if is_young:
                ended_young[outcome] += 1
        quarter.ended = sum(ended.values())
        quarter.outcomes = [ended.get(o, 0) for o in outcomes]
        quarter.outcomes_young = [ended_young.get(o, 0) for o in outcomes]
    return result
