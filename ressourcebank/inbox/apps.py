from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    """Citizens write to the municipality beyond the phone hour; teams answer within a promised number
    of working days. It must not know about callbacks or counselling hours (the appointments app above)."""

    name = "ressourcebank.inbox"
    verbose_name = _("Henvendelser")
