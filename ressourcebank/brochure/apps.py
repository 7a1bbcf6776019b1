from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrochureConfig(AppConfig):
    """The brochure ("pjecen"): an A5 booklet per area or theme, printed from the live data."""

    name = "ressourcebank.brochure"
    verbose_name = _("Pjecen")
