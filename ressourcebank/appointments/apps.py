from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    """Counselling where people live and callbacks booked outside the phone hour. Sits above inbox
    (teams); the pages below show its counselling hours through their hooks, never by importing it."""

    name = "ressourcebank.appointments"
    verbose_name = _("Ring mig op og fremskudt rådgivning")

    def ready(self) -> None:
        from ressourcebank.accounts import hooks as accounts
        from ressourcebank.pages import hooks as pages

        from . import personal_data, views

        accounts.export_parts.register(personal_data.export_part)
        pages.home_sections.register(views.home_section)
        pages.area_sections.register(views.area_section)
