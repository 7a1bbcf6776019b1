"""Figures per team and ISO week: messages received, first answers given in time, and the median
answer time in working days (pauses left out). Read from what the first answer recorded."""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Inquiry, Team


@dataclass
class WeekFigures:
    team: str
    year: int
    week: int
    received: int = 0
    answered: int = 0
    answered_in_time: int = 0
    median_working_days: float | None = None

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)


def week_figures(teams: list[Team], weeks: int = 8, today: date | None = None) -> list[WeekFigures]:
    """The last `weeks` weeks for `teams`, newest week first, team by team (by the week received)."""
    today = today or timezone.localdate()
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    since = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    rows = (
        Inquiry.objects.filter(Q(team__in=teams), received_at__gte=since)
        .values_list("team__name", "received_at", "first_answered_at", "answered_in_time", "answer_working_days")
        .order_by()
    )
    buckets: dict[tuple[str, int, int], WeekFigures] = {}
    days: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for team, received_at, answered_at, in_time, working_days in rows.iterator(chunk_size=2000):
        year, week, _day = timezone.localtime(received_at).isocalendar()
        key = (team, year, week)
        figures = buckets.setdefault(key, WeekFigures(team=team, year=year, week=week))
        figures.received += 1
        if answered_at is not None:
            figures.answered += 1
            figures.answered_in_time += 1 if in_time else 0
            if working_days is not None:
                days[key].append(working_days)
    for key, values in days.items():
        buckets[key].median_working_days = statistics.median(values)
    return sorted(buckets.values(), key=lambda f: (-f.year, -f.week, f.team))
