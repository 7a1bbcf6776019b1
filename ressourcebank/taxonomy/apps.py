from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """The categories of help and the local areas of Randers Kommune, seeded from DESIGN.md."""

    name = "ressourcebank.taxonomy"
    verbose_name = _("Kategorier og lokalområder")
