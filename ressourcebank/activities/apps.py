from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Open activities ("fællesskaber"): one-off or recurring, with sign-up, a waitlist and iCal feeds."""

    name = "ressourcebank.activities"
    verbose_name = _("Fællesskaber")

    def ready(self) -> None:
        # Search, pages, offers and accounts sit below activities: activities hand them their text,
        # the front door's and an area page's section, the activities beside a search's offers and
        # their part of Min side through these hooks.
        from ressourcebank.accounts import hooks as accounts
        from ressourcebank.offers import hooks as offers
        from ressourcebank.pages import hooks as pages
        from ressourcebank.search.index import register_source

        from . import indexing, views

        register_source(indexing.SOURCE)
        pages.home_sections.register(views.home_section)
        pages.area_sections.register(views.area_section)
        accounts.dashboard_parts.register(views.dashboard_part)
        offers.search_sections.register(views.search_section)
