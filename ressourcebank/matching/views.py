"""Matching's part of pages that belong to lower apps (registered in MatchingConfig.ready)."""

from typing import Any

from django.http import HttpRequest

from ressourcebank.needs.models import Need
from ressourcebank.offers.permissions import own_offer_ids

from .ranking import match_need

SUGGESTIONS = 5
OWN_SPARE = 3


def need_page_part(request: HttpRequest, need: Need, private: bool) -> dict[str, Any]:
    """The need page's suggestions, for the people who act on the need: its owner, their coordinator
    and staff (`private`), and only while it is open. Good ones apart from the weaker ones
    ("Måske"); when none is good the page says so and where to turn."""
    suggestions = []
    if private and need.status == Need.Status.OPEN:
        # A few extra, since the citizen's own offers (and the viewer's) are left out: nobody can
        # ask themselves for help.
        found = match_need(
            need.title, need.description, need.area, category=need.category, limit=SUGGESTIONS + OWN_SPARE
        ).suggestions
        own = own_offer_ids(
            [need.owner, request.user if request.user.is_authenticated else None], [s.offer for s in found]
        )  # type: ignore[list-item]
        suggestions = [suggestion for suggestion in found if suggestion.offer.pk not in own][:SUGGESTIONS]
    return {
        "suggestions": [s for s in suggestions if s.confidence != "low"],
        "maybe": [s for s in suggestions if s.confidence == "low"],
        "has_good_match": any(s.confidence != "low" for s in suggestions),
    }
