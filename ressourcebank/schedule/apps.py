from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    """The periodic jobs — mail retries, digests, overdue hours, need scores — and when they run.

    One `manage.py run_schedule` beside `db_worker` runs them; several may run at once, since each
    run of a job is claimed in the database first. It does no work itself: each job is a command.
    """

    name = "ressourcebank.schedule"
    verbose_name = _("Faste kørsler")
