"""The period an hours quota counts in: the calendar month or the week (Monday to Sunday), in local time."""

from datetime import date, timedelta

from ressourcebank.offers.models import CapacityKind


def period_of(capacity_kind: str, day: date) -> tuple[date, date] | None:
    """First and last day of the quota period that holds `day`; None when the offer has no hours quota."""
    if capacity_kind == CapacityKind.HOURS_PER_WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if capacity_kind == CapacityKind.HOURS_PER_MONTH:
        start = day.replace(day=1)
        next_month = (start + timedelta(days=32)).replace(day=1)
        return start, next_month - timedelta(days=1)
    return None


def month_start(day: date) -> date:
    return day.replace(day=1)
