from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    """Citizens write to the municipality beyond the phone hour; teams answer within a promised number
    of working days. It must not know about callbacks or counselling hours (the appointments app above)."""

    name = "ressourcebank.inbox"
    verbose_name = _("Henvendelser")

    def ready(self) -> None:
        # Accounts sits below inbox: the citizen's messages join their data export through its hook.
        from ressourcebank.accounts import hooks as accounts

        from . import personal_data

        accounts.export_parts.register(personal_data.export_part)
