from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Open activities ("fællesskaber"): one-off or recurring, with sign-up, a waitlist and iCal feeds."""

    name = "ressourcebank.activities"
    verbose_name = _("Fællesskaber")
