from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who did or read what: changes made by staff and every read of data not meant for the public."""

    name = "ressourcebank.audit"
    verbose_name = _("Log")
