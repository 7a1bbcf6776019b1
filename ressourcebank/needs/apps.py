from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    """Needs ("behov"): what a citizen needs help with, in their own words."""

    name = "ressourcebank.needs"
    verbose_name = _("Behov")
