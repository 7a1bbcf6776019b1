from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ressourcebank.notifications"
    verbose_name = _("Beskeder og mail")

    def ready(self) -> None:
        # Accounts sits below notifications: its mail reaches the outbox through this hook.
        from ressourcebank.accounts import mail as account_mail

        from . import checks  # noqa: F401 — registers the deploy check of SMS_BACKEND
        from .actions import queue_account_mail

        account_mail.register_queue(queue_account_mail)
