from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    """Places at businesses: internships and special jobs, checked against the rules, and their agreements."""

    name = "ressourcebank.placements"
    verbose_name = _("Pladser i virksomheder")
