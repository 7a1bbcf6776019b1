from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, organisations (businesses and associations), memberships, roles and API tokens."""

    name = "ressourcebank.accounts"
    verbose_name = _("Konti")
