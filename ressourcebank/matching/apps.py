from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Suggesting offers for a need: category guesses from everyday words and a bounded ranking."""

    name = "ressourcebank.matching"
    verbose_name = _("Matchning")

    def ready(self) -> None:
        # Needs sits below matching: the need page gets its suggestions through this hook.
        from ressourcebank.needs import hooks as needs

        from . import views

        needs.need_page_parts.register(views.need_page_part)
