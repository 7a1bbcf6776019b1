"""The versioned JSON API at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Reading public offers and the taxonomy needs no login. Writing needs a personal API token
("Mine API-nøgler" under Min side, or `manage.py create_api_token EMAIL`) sent as
`Authorization: Bearer <token>`; session cookies are never accepted here, so a cross-site form
cannot write through a logged-in browser (no CSRF hole). Every write goes through the same actions
and permissions as the web pages.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ressourcebank.accounts.actions import ReadOnlyToken

from .connections import router as connections_router
from .matching import router as matching_router
from .needs import router as needs_router
from .offers import router as offers_router
from .taxonomy import router as taxonomy_router

api = NinjaAPI(
    title="Ressourcebanken API",
    version="1",
    urls_namespace="api",
    description=(
        "Tilbud og behov i Ressourcebanken, Randers Kommune. Læsning af offentlige tilbud kræver ingen "
        "nøgle. Skrivning kræver en personlig API-nøgle i headeren `Authorization: Bearer <nøgle>`. "
        "Forkerte data giver 422 med fejl pr. felt (`detail[].loc` og `detail[].msg`), et ukendt id 404."
    ),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Det har du ikke adgang til."}, status=403)


@api.exception_handler(ReadOnlyToken)
def read_only_token(request: HttpRequest, exc: ReadOnlyToken) -> HttpResponse:
    detail = "Nøglen må kun læse. Lav en nøgle, der må læse og skrive, under Min side → Mine API-nøgler."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(DjangoValidationError)
def domain_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    # An action refused: a field it names (ValidationError({"field": …})) is that field of the
    # payload; a refused change of state (e.g. pausing an offer that is not published) is "status".
    by_field = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    errors: list[dict[str, Any]] = [
        {"type": "value_error", "loc": ["body", "payload", name] if name else ["body", "status"], "msg": message}
        for name, messages in by_field
        for message in messages
    ]
    return api.create_response(request, {"detail": errors}, status=422)


api.add_router("/", taxonomy_router)
api.add_router("/offers", offers_router)
api.add_router("/needs", needs_router)
api.add_router("/match", matching_router)
api.add_router("/connections", connections_router)
