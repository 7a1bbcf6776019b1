"""The periodic jobs run when they are due, once, and a failing one does not stop the rest."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from ressourcebank.schedule import runner
from ressourcebank.schedule.jobs import JOBS, Job
from ressourcebank.schedule.models import JobRun

CPH = ZoneInfo("Europe/Copenhagen")
DAILY = Job("send_daily_digests", every=timedelta(days=1), at=time(7, 0))
WEEKLY = Job("send_weekly_need_digests", every=timedelta(days=7), at=time(8, 0), weekday=0)
OFTEN = Job("deliver_due_mail", every=timedelta(minutes=2))


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=CPH)


def test_a_daily_job_is_due_once_after_its_time_of_day():
    assert DAILY.is_due(None, at(2026, 11, 30, 6, 0))
    assert not DAILY.is_due(at(2026, 11, 29, 7, 0), at(2026, 11, 30, 6, 59))
    assert DAILY.is_due(at(2026, 11, 29, 7, 0), at(2026, 11, 30, 7, 0))
    assert not DAILY.is_due(at(2026, 11, 30, 7, 0), at(2026, 11, 30, 23, 0))


def test_a_weekly_job_runs_on_monday_morning_and_a_missed_week_runs_once():
    monday = at(2026, 11, 30, 8, 0)
    assert not WEEKLY.is_due(at(2026, 11, 23, 8, 0), at(2026, 11, 30, 7, 59))
    assert WEEKLY.is_due(at(2026, 11, 23, 8, 0), monday)
    assert not WEEKLY.is_due(monday, at(2026, 12, 6, 23, 0))
    assert WEEKLY.is_due(at(2026, 11, 2, 8, 0), at(2026, 11, 30, 9, 0))


def test_a_frequent_job_is_due_every_interval():
    assert not OFTEN.is_due(at(2026, 11, 30, 10, 0, 30), at(2026, 11, 30, 10, 1, 59))
    assert OFTEN.is_due(at(2026, 11, 30, 10, 0, 30), at(2026, 11, 30, 10, 2, 0))


@pytest.mark.django_db
def test_running_the_schedule_twice_runs_each_job_once():
    now = at(2026, 11, 30, 9, 0)
    first = runner.run_due_jobs(now)
    second = runner.run_due_jobs(now + timedelta(seconds=30))

    assert sorted(first) == sorted(job.command for job in JOBS)
    assert second == []
    assert JobRun.objects.filter(last_error="").count() == len(JOBS)


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(monkeypatch):
    real = runner.call_command

    def failing(name, **kwargs):
        if name == "confirm_overdue_hours":
            raise RuntimeError("databasen var væk")
        return real(name, **kwargs)

    monkeypatch.setattr(runner, "call_command", failing)
    ran = runner.run_due_jobs(at(2026, 11, 30, 9, 0))

    assert "send_daily_digests" in ran
    assert "databasen var væk" in JobRun.objects.get(name="confirm_overdue_hours").last_error


@pytest.mark.django_db
def test_run_schedule_once_from_the_command_line():
    call_command("run_schedule", "--once")
    assert JobRun.objects.filter(last_started_at__isnull=False).count() == len(JOBS)
