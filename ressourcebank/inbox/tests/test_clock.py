"""The answer clock: working days, Danish public holidays, pause (only with a reason) and resume."""

from collections.abc import Callable
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ressourcebank.accounts.models import User
from ressourcebank.inbox.actions import answer_inquiry, pause_clock, resume_clock
from ressourcebank.inbox.figures import week_figures
from ressourcebank.inbox.models import ClockPause, Inquiry, Team

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-31 09:00 +02:00", tick=False)
def test_easter_does_not_count_in_the_promised_answer_date(write: Callable[..., Inquiry]) -> None:
    # Tuesday 31 March 2026, 3 working days: Wednesday 1 April, then Tuesday 7 and Wednesday 8
    # (Skærtorsdag, Langfredag, the weekend and 2. påskedag are closed).
    assert write().due_on == date(2026, 4, 8)


def test_store_bededag_no_longer_pauses_the_clock(write: Callable[..., Inquiry]) -> None:
    # Thursday 30 April 2026; 1 May would have been Store Bededag.
    with time_machine.travel("2026-04-30 09:00 +02:00", tick=False):
        assert write().due_on == date(2026, 5, 5)


def test_a_pause_moves_the_promised_day_on_by_the_working_days_it_lasted(
    write: Callable[..., Inquiry], erik: User
) -> None:
    with time_machine.travel("2026-11-30 09:00 +01:00", tick=False):  # Monday
        inquiry = write()
        assert inquiry.due_on == date(2026, 12, 3)
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        pause_clock(inquiry, "Vi venter på kontoudtog fra borgeren", by=erik)
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.WAITING
    with time_machine.travel("2026-12-04 10:00 +01:00", tick=False):  # Friday: 3 working days later
        assert not inquiry.is_overdue()
        resume_clock(inquiry, by=erik)

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.OPEN
    assert inquiry.due_on == date(2026, 12, 8)
    assert ClockPause.objects.get().working_days == 3


def test_the_clock_can_only_be_paused_with_a_reason(write: Callable[..., Inquiry], erik: User) -> None:
    inquiry = write()
    with pytest.raises(ValidationError):
        pause_clock(inquiry, "   ", by=erik)
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW and not ClockPause.objects.exists()


def test_a_clock_that_is_not_paused_cannot_be_resumed(write: Callable[..., Inquiry], erik: User) -> None:
    with pytest.raises(ValidationError):
        resume_clock(write(), by=erik)


def test_an_inquiry_past_its_day_without_an_answer_is_overdue_and_an_answered_one_is_not(
    write: Callable[..., Inquiry], erik: User
) -> None:
    with time_machine.travel("2026-11-30 09:00 +01:00", tick=False):
        late, answered = write(), write()
        answer_inquiry(answered, "Svar", by=erik)
    assert late.is_overdue(date(2026, 12, 4))
    assert not late.is_overdue(date(2026, 12, 3))
    answered.refresh_from_db()
    assert not answered.is_overdue(date(2026, 12, 4))
    assert list(Inquiry.objects.overdue(date(2026, 12, 4))) == [late]


def test_the_weeks_figures_count_received_answered_in_time_and_the_median_in_working_days(
    write: Callable[..., Inquiry], erik: User, team: Team
) -> None:
    with time_machine.travel("2026-11-30 09:00 +01:00", tick=False):  # Monday of week 49
        quick, slow, paused, unanswered = write(), write(), write(), write()
        answer_inquiry(quick, "Svar", by=erik)
        pause_clock(paused, "Venter på borgeren", by=erik)
    with time_machine.travel("2026-12-02 09:00 +01:00", tick=False):
        resume_clock(paused, by=erik)  # 2 working days paused: due on the 7th
    with time_machine.travel("2026-12-07 09:00 +01:00", tick=False):  # 5 working days later, past 3 December
        answer_inquiry(slow, "Svar", by=erik)
        answer_inquiry(paused, "Svar", by=erik)
        rows = week_figures([team], today=date(2026, 12, 7))

    (week49,) = [row for row in rows if row.week == 49]
    assert (week49.received, week49.answered, week49.answered_in_time) == (4, 3, 2)
    # Working days to the first answer, pauses left out: 0, 5 and 5 - 2 = 3.
    assert week49.median_working_days == 3
    assert unanswered.first_answered_at is None
