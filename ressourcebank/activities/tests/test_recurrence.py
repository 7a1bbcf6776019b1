"""A series' dates in local wall-clock time: 19:00 stays 19:00 across daylight-saving changes."""

from datetime import UTC, date, datetime, time

from ressourcebank.activities.recurrence import Recurrence, series_dates, times_of, week_of_month


def test_a_weekly_evening_stays_at_seven_across_the_october_change() -> None:
    # Summer time ends on Sunday 25 October 2026.
    dates = series_dates(Recurrence.WEEKLY, date(2026, 10, 20), None, until=date(2026, 11, 3))

    starts = [times_of(day, time(19), time(21))[0] for day in dates]

    assert dates == [date(2026, 10, 20), date(2026, 10, 27), date(2026, 11, 3)]
    assert [s.hour for s in starts] == [19, 19, 19]
    assert starts[0].astimezone(UTC) == datetime(2026, 10, 20, 17, tzinfo=UTC)
    assert starts[1].astimezone(UTC) == datetime(2026, 10, 27, 18, tzinfo=UTC)


def test_a_weekly_evening_stays_at_seven_across_the_march_change() -> None:
    # Summer time begins on Sunday 28 March 2027.
    dates = series_dates(Recurrence.WEEKLY, date(2027, 3, 23), None, until=date(2027, 4, 1))

    starts = [times_of(day, time(19), time(21))[0].astimezone(UTC) for day in dates]

    assert starts == [datetime(2027, 3, 23, 18, tzinfo=UTC), datetime(2027, 3, 30, 17, tzinfo=UTC)]


def test_every_other_week_skips_a_week() -> None:
    assert series_dates(Recurrence.FORTNIGHTLY, date(2026, 12, 1), None, until=date(2026, 12, 31)) == [
        date(2026, 12, 1),
        date(2026, 12, 15),
        date(2026, 12, 29),
    ]


def test_monthly_is_the_same_weekday_of_the_month() -> None:
    # Tuesday 8 December 2026 is the second Tuesday.
    dates = series_dates(Recurrence.MONTHLY, date(2026, 12, 8), None, until=date(2027, 3, 31))

    assert dates == [date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9)]


def test_monthly_from_the_last_week_stays_the_last_one() -> None:
    # Thursday 26 November 2026 is the last Thursday; January 2027 has five Thursdays.
    assert week_of_month(date(2026, 11, 26)) == -1
    dates = series_dates(Recurrence.MONTHLY, date(2026, 11, 26), None, until=date(2027, 1, 31))

    assert dates == [date(2026, 11, 26), date(2026, 12, 31), date(2027, 1, 28)]


def test_a_series_ends_on_its_last_date() -> None:
    assert series_dates(Recurrence.WEEKLY, date(2026, 12, 1), date(2026, 12, 8), until=date(2027, 6, 1)) == [
        date(2026, 12, 1),
        date(2026, 12, 8),
    ]


def test_an_end_before_the_start_is_the_next_morning() -> None:
    starts, ends = times_of(date(2026, 12, 31), time(22), time(1))

    assert (ends - starts).total_seconds() == 3 * 3600
