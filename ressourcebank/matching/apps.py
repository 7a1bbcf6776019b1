from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Suggesting offers for a need: category guesses from everyday words and a bounded ranking."""

    name = "ressourcebank.matching"
    verbose_name = _("Matchning")
