from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectionsConfig(AppConfig):
    """A need meets an offer: the request, the answer, the messages, the hours given and the thanks."""

    name = "ressourcebank.connections"
    verbose_name = _("Forbindelser")

    def ready(self) -> None:
        from ressourcebank.accounts import hooks as accounts

        from . import personal_data, views

        accounts.dashboard_parts.register(views.dashboard_part)
        accounts.export_parts.register(personal_data.export_part)
