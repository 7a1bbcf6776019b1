from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_categories_and_areas_are_listed_by_slug() -> None:
    client = Client()

    categories = client.get("/api/v1/categories").json()
    areas = client.get("/api/v1/areas").json()

    assert {"slug": "besoegsven", "name": "Besøgsven og samvær"}.items() <= categories[0].items()
    assert "assentoft" in [area["slug"] for area in areas]


def test_the_openapi_description_lists_the_endpoints_and_the_bearer_scheme() -> None:
    schema = Client().get("/api/v1/openapi.json").json()

    assert {"/api/v1/offers", "/api/v1/offers/{offer_id}", "/api/v1/needs", "/api/v1/categories"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_its_scripts_from_our_own_static_files(settings: Any) -> None:
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [(method, path, operation) for path, ops in schema["paths"].items() for method, operation in ops.items()]


def _error_schema(operation: dict[str, Any], status: str) -> str:
    return operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]


def test_the_openapi_description_names_the_error_answers_of_every_operation(db: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"Error", "ValidationErrors"} <= set(schema["components"]["schemas"])
    for method, path, operation in _operations():
        responses = set(operation["responses"])
        where = f"{method.upper()} {path}"
        assert "405" in responses, where
        if "requestBody" in operation:
            assert {"400", "422"} <= responses, where
            assert _error_schema(operation, "422") == "#/components/schemas/ValidationErrors", where
        if operation.get("security"):
            assert {"401", "403"} <= responses, where
            assert _error_schema(operation, "401") == "#/components/schemas/Error", where
        if "{" in path:
            assert {"404", "422"} <= responses, where


def test_the_described_answers_are_the_ones_the_api_gives(api_as: Any, alice: Any) -> None:
    client = Client()
    assert client.post("/api/v1/offers", "{", content_type="application/json").status_code == 401
    assert (
        api_as(alice)
        .client.post("/api/v1/needs", "{", content_type="application/json", headers=api_as(alice).headers)
        .status_code
        == 400
    )
    assert client.get("/api/v1/offers/0").status_code == 422
    assert client.get("/api/v1/offers/999999").status_code == 404
    assert client.delete("/api/v1/offers/1").status_code == 405
