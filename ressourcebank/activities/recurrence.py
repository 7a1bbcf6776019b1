"""An activity's dates from its series rule, in local wall-clock time.

The rule is kept as the first date, the local start and end time and how often (once, weekly,
every other week, monthly on the same weekday: "2. tirsdag i måneden", or the last one when the
first date is in the month's last week). dateutil's rrule walks naive local datetimes and each is
placed in Europe/Copenhagen afterwards, so a choir at 19:00 stays at 19:00 on both sides of a
daylight-saving change (its UTC time moves instead). Pure functions: no database.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Recurrence(models.TextChoices):
    ONCE = "once", _("Én gang")
    WEEKLY = "weekly", _("Hver uge")
    FORTNIGHTLY = "fortnightly", _("Hver anden uge")
    MONTHLY = "monthly", _("Hver måned (samme ugedag)")


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def week_of_month(day: date) -> int:
    """1-4 for the first to fourth such weekday of the month; -1 when it is in the month's last
    seven days, so "the last Thursday" stays the last one in a month with four."""
    if (day + timedelta(days=7)).month != day.month:
        return -1
    return (day.day - 1) // 7 + 1


def _rule(recurrence: str, first: datetime, until: datetime) -> rrule.rrule:
    if recurrence == Recurrence.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, dtstart=first, until=until)
    if recurrence == Recurrence.FORTNIGHTLY:
        return rrule.rrule(rrule.WEEKLY, interval=2, dtstart=first, until=until)
    if recurrence == Recurrence.MONTHLY:
        weekday = rrule.weekday(first.weekday())(week_of_month(first.date()))
        return rrule.rrule(rrule.MONTHLY, byweekday=weekday, dtstart=first, until=until)
    return rrule.rrule(rrule.DAILY, count=1, dtstart=first)


def local(day: date, moment: time) -> datetime:
    """The aware datetime of a local wall-clock time (a time skipped by the spring change is read
    as the hour after, as zoneinfo does)."""
    return datetime.combine(day, moment, tzinfo=zone())


def series_dates(
    recurrence: str, starts_on: date, ends_on: date | None, *, until: date, limit: int | None = None
) -> list[date]:
    """The dates of the series from starts_on to the earlier of ends_on and until, both included."""
    last = min(ends_on, until) if ends_on else until
    if recurrence == Recurrence.ONCE:
        return [starts_on]
    if last < starts_on:
        return []
    first = datetime.combine(starts_on, time())
    dates = [moment.date() for moment in _rule(recurrence, first, datetime.combine(last, time()))]
    return dates[:limit] if limit is not None else dates


def times_of(day: date, start_time: time, end_time: time) -> tuple[datetime, datetime]:
    """Start and end of one date, aware; an end at or before the start is the next morning."""
    starts_at = local(day, start_time)
    end_day = day + timedelta(days=1) if end_time <= start_time else day
    return starts_at, local(end_day, end_time)
