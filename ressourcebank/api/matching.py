"""POST /api/v1/match: published offers that may help with a need described in free text.

Public and anonymous, so it is rate-limited per client address with Django's cache (a fixed
window per minute): generous for real use, a wall for scraping. The offer objects are the same as
those of /api/v1/offers.
"""

import hashlib
import time
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema
from pydantic import Field

from ressourcebank.accounts.lockout import client_ip
from ressourcebank.matching.ranking import match_need

from .errors import area_from_slug
from .schemas import Description, InSchema, OfferOut, OptionalTitle, Slug

router = Router(tags=["Matchning"])

WINDOW_SECONDS = 60


class MatchIn(InSchema):
    description: Description = Field(description="Behovet med borgerens egne ord.")
    area: Slug = Field(description="Lokalområdets slug, se /api/v1/areas.")
    title: OptionalTitle = ""
    limit: Annotated[int, Field(ge=1, le=50)] = 10


class MatchOut(Schema):
    offer: OfferOut
    score: float = Field(description="Højere er bedre; kun til at sammenligne svar på samme behov.")
    reasons: list[str] = Field(description='Hvorfor, på dansk, fx "Besøgsven og samvær", "Assentoft, 2 km".')
    confidence: Literal["high", "medium", "low"] = Field(
        description="Hvor sikkert forslaget passer: high og medium er gode forslag, low kun et måske."
    )


class MatchPage(Schema):
    has_good_match: bool = Field(description="Om mindst ét forslag passer godt (ellers er alle forslag kun et måske).")
    results: list[MatchOut]


def _client_key(request: HttpRequest) -> str:
    """The client's address as our proxies saw it (the lockout's rule), hashed: no addresses in the cache."""
    address = client_ip(request)
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def rate_limited(request: HttpRequest) -> HttpResponse | None:
    """A 429 with Retry-After once the client has made its allowance of calls this minute."""
    allowance = int(getattr(settings, "MATCH_RATE_PER_MINUTE", 120))
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"api-match-rate:{_client_key(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        calls = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 5)
        calls = 1
    if calls <= allowance:
        return None
    retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
    response = JsonResponse({"detail": "For mange forespørgsler. Prøv igen om lidt."}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@router.post("", response={200: MatchPage}, summary="Forslag til tilbud for et behov")
def match(request: HttpRequest, payload: MatchIn) -> Any:
    """Offentliggjorte tilbud, der måske kan hjælpe, bedste først, hvert med sine begrundelser.
    Højst 120 kald i minuttet pr. klient; derover 429 med `Retry-After`."""
    if limited := rate_limited(request):
        return limited
    area = area_from_slug(payload.area)
    found = match_need(payload.title, payload.description, area, limit=payload.limit)
    return {
        "has_good_match": found.has_good_match,
        "results": [
            {"offer": OfferOut.of(s.offer), "score": s.score, "reasons": s.reasons, "confidence": s.confidence}
            for s in found.suggestions
        ],
    }
