from datetime import date

from ressourcebank.lib.workdays import add_working_days, is_working_day, next_working_day, working_days_between


def test_a_friday_plus_two_working_days_is_the_tuesday_after_the_weekend() -> None:
    assert add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)


def test_a_saturday_plus_one_working_day_is_the_monday() -> None:
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)


def test_easter_is_skipped_from_maundy_thursday_to_easter_monday() -> None:
    # Wednesday 1 April 2026; Thursday 2 (Skærtorsdag) to Monday 6 April (2. påskedag) are closed.
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)


def test_store_bededag_was_a_holiday_in_2023_but_is_a_working_day_from_2024() -> None:
    assert not is_working_day(date(2023, 5, 5))
    assert is_working_day(date(2024, 4, 26))
    assert is_working_day(date(2026, 5, 1))  # would have been Store Bededag; 1 May is no municipal closing day


def test_christmas_and_new_year_close_the_offices_from_christmas_eve_to_new_years_day() -> None:
    # Wednesday 23 December 2026 + 1 working day: 24, 25 (Fri), weekend, 28 ... is the 28th.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 4)


def test_grundlovsdag_is_a_closing_day() -> None:
    assert not is_working_day(date(2026, 6, 5))


def test_negative_days_count_back_and_zero_days_keep_the_date() -> None:
    assert add_working_days(date(2026, 12, 1), -2) == date(2026, 11, 27)
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_working_days_between_counts_the_days_after_the_start_up_to_the_end() -> None:
    assert working_days_between(date(2026, 11, 27), date(2026, 12, 1)) == 2
    assert working_days_between(date(2026, 12, 1), date(2026, 12, 1)) == 0
    assert working_days_between(date(2026, 12, 2), date(2026, 12, 1)) == 0


def test_next_working_day_rolls_a_holiday_forward() -> None:
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert next_working_day(date(2026, 12, 1)) == date(2026, 12, 1)
