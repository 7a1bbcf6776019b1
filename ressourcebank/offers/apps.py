from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """Offers ("tilbud"): what people and organisations put at others' disposal."""

    name = "ressourcebank.offers"
    verbose_name = _("Tilbud")
