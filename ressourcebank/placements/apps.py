"""Places at businesses: internships and special jobs, checked against the rules, and their agreements."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    """Places at businesses: internships and special jobs, checked against the rules, and their agreements."""

    name = "ressourcebank.placements"
    verbose_name = _("Pladser i virksomheder")

    def ready(self) -> None:
        # Min side (accounts, below) leads a tovholder to the open places and a business to its page;
        # the front door's "Virksomhed eller forening" offers "Vi har en plads".
        from ressourcebank.accounts import hooks as accounts

        accounts.dashboard_parts.register(_dashboard_part)
        accounts.organisation_doors.register(_doors)


def _dashboard_part(user: Any, organisations: list[Any]) -> dict[str, Any]:
    return {
        "may_propose_places": user.is_coordinator,
        "business_pages": [o for o in organisations if o.kind == "virksomhed"],
    }


def _doors(user: Any) -> list[dict[str, str]]:
    from django.urls import reverse
    from django.utils.translation import gettext

    return [
        {
            "url": reverse("placements:place_create"),
            "title": gettext("Vi har en plads"),
            "text": gettext("Tilbyd en praktikplads, løntilskud, fleksjob eller skånejob. Det tager få minutter."),
        }
    ]
