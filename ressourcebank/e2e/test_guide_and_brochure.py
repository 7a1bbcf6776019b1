"""The guide and the brochure in Chromium, on a phone (375 px) without JavaScript: a reader opens
"Sådan hjælper du" from the front door; a staff member writes a new version, reads it before it is
public, publishes it, and downloads the area's brochure from /staff/pjece/. Every page axe-clean.
Screenshots under var/screenshots/guide/."""

import importlib
from pathlib import Path
from typing import Any

import pytest

from ressourcebank.e2e.browser import PHONE, Steps, log_in_with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def guide_pages(reference_taxonomy: None) -> None:
    """The live server's flush takes the pages the data migration wrote; write them again the same way."""
    from django.apps import apps

    importlib.import_module("ressourcebank.guide.migrations.0002_first_guide_pages").add_first_pages(apps, None)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_a_reader_finds_the_guide_from_the_front_door_without_javascript(
    page_without_js: Any, axe_page: Any, guide_pages: None
) -> None:
    page = page_without_js
    steps = Steps(page, walk="guide", axe_page=axe_page)
    page.goto("/")
    page.get_by_role("link", name="Sådan hjælper du – gode råd, når du vil hjælpe andre.").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Sådan hjælper du").is_visible()
    steps.check("guide")
    page.get_by_role("link", name="Når du er bekymret for en anden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Hvis du er bekymret for et barn eller en ung under 18 år").is_visible()
    assert page.get_by_role("link", name="89 15 15 15").first.get_attribute("href") == "tel:+4589151515"
    steps.check("bekymret")


def test_staff_write_preview_and_publish_a_guide_page_then_print_the_brochure(
    page_without_js: Any, axe_page: Any, guide_pages: None, erik: Any, password: str, make_offer: Any, tmp_path: Path
) -> None:
    make_offer(title="Strikkecafé i Assentoft")
    page = page_without_js
    steps = Steps(page, walk="guide-staff", axe_page=axe_page)
    log_in_with_second_factor(page, erik, password)
    page.goto("/staff/guide/")
    steps.check("guide-sider")
    page.get_by_role("link", name="Sådan er du en god besøgsven").click()
    page.wait_for_load_state()
    page.get_by_label("Tekst").fill("Kom til tiden.\n\n## Sådan starter I\n- Drik en kop kaffe\n- Lyt")
    page.get_by_role("button", name="Gem og læs den").click()
    page.wait_for_load_state()
    assert page.get_by_text("Prøvevisning af version 2. Den er ikke offentlig.").is_visible()
    steps.check("proevevisning")
    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_load_state()
    assert page.get_by_text("Version 2 er offentlig nu.").is_visible()
    assert page.get_by_role("listitem").filter(has_text="Drik en kop kaffe").is_visible()
    steps.check("offentlig")

    page.goto("/staff/pjece/")
    steps.check("pjece")
    page.get_by_label("Lokalområde").select_option("assentoft")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent pjecen som PDF").click()
    assert download.value.suggested_filename == "pjece-assentoft.pdf"
    saved = tmp_path / "pjece.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
