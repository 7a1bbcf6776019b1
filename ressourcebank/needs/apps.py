from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    """Needs ("behov"): what a citizen needs help with, in their own words."""

    name = "ressourcebank.needs"
    verbose_name = _("Behov")

    def ready(self) -> None:
        # Search and accounts sit below needs: needs hand them their text and their part of Min side.
        from ressourcebank.accounts import hooks as accounts
        from ressourcebank.search.index import register_source

        from . import indexing, personal_data, views

        register_source(indexing.SOURCE)
        accounts.dashboard_parts.register(views.dashboard_part)
        accounts.export_parts.register(personal_data.export_part)
