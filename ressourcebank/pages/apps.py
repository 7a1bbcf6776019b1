from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The front door and the few pages of text that staff keep up to date."""

    name = "ressourcebank.pages"
    verbose_name = _("Sider")
