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

from .activities import router as activities_router
from .appointments import router as appointments_router
from .cases import router as cases_router
from .connections import router as connections_router
from .inquiries import router as inquiries_router
from .matching import router as matching_router
from .needs import router as needs_router
from .offers import router as offers_router
from .placements import router as placements_router
from .taxonomy import router as taxonomy_router

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "title": "ValidationErrors",
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                },
                "required": ["loc", "msg"],
            },
        }
    },
    "required": ["detail"],
}


def _error(description: str, schema: str = "Error") -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


class RessourcebankAPI(NinjaAPI):
    """Ninja describes only the answers an endpoint declares; this adds the error answers every
    client meets, so that a client generated from the description handles them (issue 7, #13)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("Error", ERROR_SCHEMA)
        components.setdefault("ValidationErrors", VALIDATION_ERROR_SCHEMA)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                has_body = "requestBody" in operation
                has_params = bool(operation.get("parameters")) or has_body
                has_path_params = any(p["in"] == "path" for p in operation.get("parameters", []))
                needs_token = bool(operation.get("security"))
                extra = {
                    400: _error("Kroppen er ikke gyldig JSON.") if has_body else None,
                    401: _error("Ingen gyldig API-nøgle (`Authorization: Bearer <nøgle>`).") if needs_token else None,
                    403: _error("Nøglen må ikke det (kun læse, udløbet) eller personen har ikke adgang.")
                    if needs_token
                    else None,
                    404: _error("Findes ikke, eller er ikke dit.") if has_path_params else None,
                    405: {"description": "Metoden findes ikke for denne adresse."},
                    422: _error(
                        "Forkerte data: én fejl pr. felt i `detail[].loc` og `detail[].msg`.", "ValidationErrors"
                    )
                    if has_params
                    else None,
                }
                for status, answer in extra.items():
                    if answer is not None and status not in responses:
                        responses[status] = answer
        return schema


api = RessourcebankAPI(
    title="Ressourcebanken API",
    version="1",
    urls_namespace="api",
    description=(
        "Tilbud og behov i Ressourcebanken, Randers Kommune. Læsning af offentlige tilbud og at skrive til "
        "kommunen (/api/v1/inquiries) kræver ingen nøgle. Anden skrivning kræver en personlig API-nøgle "
        "i headeren `Authorization: Bearer <nøgle>`. "
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
api.add_router("/inquiries", inquiries_router)
api.add_router("/", appointments_router)
api.add_router("/cases", cases_router)
api.add_router("/activities", activities_router)
api.add_router("/placements", placements_router)
