from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """Offers ("tilbud"): what people and organisations put at others' disposal."""

    name = "ressourcebank.offers"
    verbose_name = _("Tilbud")

    def ready(self) -> None:
        # Search and accounts sit below offers: offers hand them their text, their reaction to an
        # organisation's approval and their part of Min side through these hooks.
        from ressourcebank.accounts import hooks as accounts
        from ressourcebank.search.index import register_source

        from . import indexing, personal_data, views

        register_source(indexing.SOURCE)
        accounts.organisation_approval_changed.register(indexing.reindex_organisation_offers)
        accounts.dashboard_parts.register(views.dashboard_part)
        accounts.export_parts.register(personal_data.export_part)
