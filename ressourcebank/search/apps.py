from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Danish full-text search over offers and needs, the same on SQLite (FTS5) and PostgreSQL."""

    name = "ressourcebank.search"
    verbose_name = _("Søgning")
