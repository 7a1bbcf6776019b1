"""Every public page a citizen meets first has no serious or critical axe-core violations,
on a phone (375 px) and on a desktop (1280 px)."""

from typing import Any

import pytest

from .browser import DESKTOP, PHONE, serious_axe_violations

# The live server flushes the database after each test; serialized rollback brings back the
# reference taxonomy that the migrations seed, which make_offer needs.
pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/tilbud/",
    "/tilbud/?q=bes%C3%B8gsven",
    "/behov/",
    "/hvor-kan-jeg-henvende-mig/",
    "/konto/log-ind/",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(
    page: Any, make_offer: Any, path: str, viewport: dict
) -> None:
    make_offer()
    page.set_viewport_size(viewport)
    page.goto(path)
    assert serious_axe_violations(page) == []
