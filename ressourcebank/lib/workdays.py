"""The municipality's working days: Monday to Friday, less the Danish public holidays and the days
its offices close anyway. Answer dates and callback hours count in these days.

Public holidays come from the `holidays` library (it follows the law: Store Bededag is no holiday
from 2024); the extra closing days are a versioned rule table, `lib/data/closed_days.json`.
"""

import json
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import holidays


@cache
def closed_days_version() -> int:
    return int(_closed_days_table()["version"])


@cache
def _closed_days_table() -> dict[str, Any]:
    text = resources.files("ressourcebank.lib").joinpath("data/closed_days.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


@cache
def closed_days(year: int) -> dict[date, str]:
    """Every weekday-independent closed day of `year` with its Danish name: holidays and closing days."""
    days = {day: str(name) for day, name in holidays.country_holidays("DK", years=year, language="da").items()}
    rules: list[dict[str, Any]] = _closed_days_table()["closed_every_year"]
    for rule in rules:
        days.setdefault(date(year, int(rule["month"]), int(rule["day"])), str(rule["name"]))
    return days


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in closed_days(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The date `n` working days after `day` (`day` itself is not counted; negative `n` goes back).

    Something received on a Friday with 2 working days to answer is due on Tuesday; received on a
    Saturday, also Tuesday. `n = 0` gives `day` unchanged.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
