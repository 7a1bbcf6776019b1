"""What runs when. Times are Danish local time; a job that was missed (the machine was off)
runs once as soon as the scheduler is back, never once per missed period."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta
    at: time | None = None  # for daily and weekly jobs: the local time of day
    weekday: int | None = None  # for weekly jobs: 0 is Monday
    args: tuple[str, ...] = ()  # passed to the command

    def last_slot(self, now: datetime) -> datetime:
        """The most recent moment the job should have started at, at or before now."""
        local = timezone.localtime(now)
        if self.at is None:
            step = self.every.total_seconds()
            return datetime.fromtimestamp(now.timestamp() // step * step, tz=now.tzinfo)
        slot = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if self.weekday is not None:
            slot -= timedelta(days=(local.weekday() - self.weekday) % 7)
        if slot > local:
            slot -= timedelta(days=7 if self.weekday is not None else 1)
        return slot

    def is_due(self, last_started_at: datetime | None, now: datetime) -> bool:
        return last_started_at is None or last_started_at < self.last_slot(now)


JOBS = [
    # Retries whose pause is over, and mails a killed worker left half-sent.
    Job("deliver_due_mail", every=timedelta(minutes=2)),
    # Hours the receiver did not confirm within 14 days confirm themselves.
    Job("confirm_overdue_hours", every=timedelta(hours=1)),
    Job("send_daily_digests", every=timedelta(days=1), at=time(7, 0)),
    Job("send_weekly_need_digests", every=timedelta(days=7), at=time(8, 0), weekday=0),
    # The staff list of unmet needs, fresh each morning.
    Job("refresh_need_scores", every=timedelta(days=1), at=time(3, 0)),
    # A deploy that changed the lexicon (ressourcebank/search/lexicon/) rebuilds the index it shaped.
    Job("rebuild_search_index", every=timedelta(hours=1), args=("--if-lexicon-changed",)),
    # The SMS the day before a booked callback or counselling time (each booking is reminded once).
    Job("send_booking_reminders", every=timedelta(hours=1)),
    # Bookable counselling times stay laid out four weeks ahead.
    Job("make_counselling_slots", every=timedelta(days=1), at=time(1, 30)),
    # Recurring activities keep their dates laid out half a year ahead.
    Job("extend_activity_series", every=timedelta(days=1), at=time(1, 45)),
    # Matching's category model learns the words the published offers use, and from accepted help.
    Job("train_offer_model", every=timedelta(days=1), at=time(2, 30)),
    # Both contacts of an agreement on a place are mailed a week before each follow-up.
    Job("send_follow_up_reminders", every=timedelta(days=1), at=time(7, 30)),
    # The access log's head, copied outside the database, so that a removed tail shows.
    Job("anchor_access_log", every=timedelta(minutes=10)),
    # Proof that nothing in the access log was changed or removed; a failure is in the job's last_error.
    Job("verify_access_log", every=timedelta(days=1), at=time(4, 0)),
    # Cases closed longer ago than CASE_RETENTION_DAYS lose names, contact data and free text.
    Job("anonymise_expired_cases", every=timedelta(days=1), at=time(3, 30)),
]
