"""Skriv til kommunen, end to end (issue 12): a citizen without an account writes with an attachment,
gets the receipt, staff answer in /staff/henvendelser/, the citizen reads the answer through the
link and replies. On a 375 px phone without JavaScript and on a 1280 px screen with it; every step
axe-clean, no wider than the screen, screenshots under var/screenshots/inbox/."""

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from ressourcebank.accounts.models import User
from ressourcebank.inbox.models import Inquiry, Message, Team, Topic

from .browser import DESKTOP, PHONE, Steps, log_in_with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def team(erik: User, settings: Any, tmp_path: Path) -> Team:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # The live server's tests flush the database: the topics come back the way the migration seeds them.
    importlib.import_module("ressourcebank.inbox.migrations.0002_seed_topics").seed(apps, None)
    team = Team.objects.create(
        name="Borgerservice",
        slug="borgerservice",
        answer_days=3,
        email="bs@randers.test",
        phone="89 15 15 15",
        phone_hours="Mandag til fredag kl. 9–10",
    )
    team.members.add(erik)
    Topic.objects.filter(slug="oekonomi").update(team=team)
    return team


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("javascript", "viewport"), [(False, PHONE), (True, DESKTOP)], ids=["375px-no-js", "1280px-js"]
)
def test_a_citizen_writes_without_an_account_staff_answer_and_the_citizen_reads_the_answer(
    request: pytest.FixtureRequest,
    browser: Any,
    live_server: Any,
    axe_page: Any,
    team: Team,
    erik: User,
    password: str,
    tmp_path: Path,
    javascript: bool,
    viewport: dict[str, int],
) -> None:
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    page.set_viewport_size(viewport)
    walk = f"inbox/borger-skriver-{viewport['width']}"
    steps = Steps(page, walk=walk, axe_page=None if javascript else axe_page)

    page.goto("/")
    page.locator("main").get_by_role("link", name="Skriv til kommunen").first.click()
    page.get_by_role("heading", name="Skriv til kommunen").wait_for()
    assert "89 15 15 15" in page.locator("main").inner_text()
    steps.check("formular")

    page.get_by_role("button", name="Send beskeden").click()
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("fejl")

    page.get_by_label("Hvad handler det om?").select_option(label="Økonomi, ydelser og gæld")
    page.get_by_label("Skriv din besked").fill("Jeg forstår ikke brevet om min boligstøtte. Kan I hjælpe?")
    letter = tmp_path / "brev.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Vedhæft filer").set_input_files(str(letter))
    page.get_by_label("Dit navn").fill("Hanne Hansen")
    page.get_by_label("Din e-mail").fill("hanne@example.dk")
    page.get_by_role("button", name="Send beskeden").click()
    page.get_by_role("heading", name="Tak – vi har fået din besked").wait_for()
    inquiry = Inquiry.objects.get()
    main = page.locator("main").inner_text()
    assert inquiry.reference in main and "89 15 15 15" in main
    steps.check("kvittering")

    page.get_by_role("link", name="Se din besked og vores svar").click()
    status_url = page.url
    steps.check("status")

    staff_context = browser.new_context(
        viewport=viewport, locale="da-DK", base_url=live_server.url, java_script_enabled=javascript
    )
    staff = staff_context.new_page()
    staff_steps = Steps(
        staff, walk=f"inbox/medarbejder-svarer-{viewport['width']}", axe_page=None if javascript else axe_page
    )
    log_in_with_second_factor(staff, erik, password)
    staff.goto("/staff/henvendelser/")
    assert inquiry.reference in staff.locator("main").inner_text()
    staff_steps.check("koe")
    staff.locator(f"a[href='/staff/henvendelser/{inquiry.pk}/']").click()
    staff_steps.check("henvendelse")
    staff.get_by_label("Svar til borgeren").fill("Vi har læst brevet. Du skal ikke gøre noget – pengene kommer fredag.")
    staff.get_by_role("button", name="Send svaret").click()
    staff.get_by_text("Svaret er sendt til borgeren.").wait_for()
    staff_steps.check("svaret")
    staff_context.close()
    assert Message.objects.filter(inquiry=inquiry, kind=Message.Kind.ANSWER).exists()

    page.goto(status_url)
    assert "pengene kommer fredag" in page.locator("main").inner_text()
    steps.check("svar-laest")
    page.get_by_label("Skriv igen").fill("Tak for hjælpen!")
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Tak for hjælpen!").wait_for()
    steps.check("skrevet-igen")
