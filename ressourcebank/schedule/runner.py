"""Runs the jobs that are due, each claimed in the database so that it runs once however many
schedulers are running."""

import logging
from datetime import datetime
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .jobs import JOBS, Job
from .models import JobRun

logger = logging.getLogger(__name__)


def claim(job: Job, now: datetime) -> bool:
    """Marks the job started if it is due; False when it is not due or another scheduler won."""
    with transaction.atomic():
        run, _created = JobRun.objects.select_for_update().get_or_create(name=job.command)
        if not job.is_due(run.last_started_at, now):
            return False
        run.last_started_at = now
        run.save(update_fields=["last_started_at"])
        return True


def run_due_jobs(now: datetime | None = None) -> list[str]:
    """Runs every due job once; a failing job is logged and does not stop the others."""
    now = now or timezone.now()
    ran = []
    for job in JOBS:
        if not claim(job, now):
            continue
        error = ""
        try:
            call_command(job.command, *job.args, stdout=StringIO())
        except Exception as failure:  # noqa: BLE001 - one failing job must not stop the rest
            error = repr(failure)[:1000]
            logger.exception("Fast kørsel %s fejlede", job.command)
        JobRun.objects.filter(name=job.command).update(last_finished_at=timezone.now(), last_error=error)
        ran.append(job.command)
    return ran
