"""Matching's part of pages that belong to lower apps (registered in MatchingConfig.ready)."""

from typing import Any

from django.http import HttpRequest

from ressourcebank.needs.models import Need
from ressourcebank.offers.permissions import own_offer_ids

from .ranking import suggest_offers

SUGGESTIONS = 5
OWN_SPARE = 3


def need_page_part(request: HttpRequest, need: Need, private: bool) -> dict[str, Any]:
    """The need page's suggestions, for the people who act on the need: its owner, their coordinator
    and staff (`private`), and only while it is open."""
    suggestions = []
    if private and need.status == Need.Status.OPEN:
        # A few extra, since the citizen's own offers (and the viewer's) are left out: nobody can
        # ask themselves for help.
        found = suggest_offers(
            need.title, need.description, need.area, category=need.category, limit=SUGGESTIONS + OWN_SPARE
        )
        own = own_offer_ids(
            [need.owner, request.user if request.user.is_authenticated else None], [s.offer for s in found]
        )  # type: ignore[list-item]
        suggestions = [suggestion for suggestion in found if suggestion.offer.pk not in own][:SUGGESTIONS]
    return {"suggestions": suggestions}
