from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The guide ("Sådan hjælper du"): pages staff write on how to help others, with versions kept."""

    name = "ressourcebank.guide"
    verbose_name = _("Sådan hjælper du")
