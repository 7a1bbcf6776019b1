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
