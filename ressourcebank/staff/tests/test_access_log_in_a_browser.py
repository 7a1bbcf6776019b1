"""The auditor's walk in Chromium: the staff front page with the break-glass count, the access log
with the grant highlighted, a search, and the grant marked reviewed; on a phone without JavaScript
and on a wide screen with it. Screenshots under var/screenshots/accesslog*/."""

from typing import Any

from ressourcebank.audit.actions import has_break_glass, open_break_glass
from ressourcebank.audit.models import Verb, record
from ressourcebank.e2e.browser import DESKTOP, PHONE, Steps, log_in_with_second_factor


def walk(page: Any, steps: Steps, rikke: Any, frida: Any, dorte: Any, alice: Any, password: str) -> None:
    record(dorte, Verb.READ, alice, reason="Opfølgning efter samtale med skolen om familiens situation")
    open_break_glass(frida, alice, reason="Borgeren svarer ikke, og hjemmeplejen er bekymret", minutes=30)
    has_break_glass(frida, alice)
    log_in_with_second_factor(page, rikke, password)
    page.goto("/staff/")
    assert page.get_by_text("1 nødadgang venter på, at du ser på den.").is_visible()
    steps.check("medarbejderside")
    page.get_by_role("link", name="Adgangslog").first.click()
    page.wait_for_load_state()
    assert page.locator("li.access-log-flagged").count() == 3
    steps.check("adgangslog")
    page.get_by_label("Fra dato").fill("32.13.2026")
    page.get_by_role("button", name="Søg").click()
    page.wait_for_load_state()
    assert page.get_by_label("Fra dato").input_value() in ("32.13.2026", "")
    steps.check("forkert-dato")
    page.goto(f"/staff/adgangslog/?person={dorte.pk}")
    assert page.get_by_text("Opfølgning efter samtale med skolen").is_visible()
    steps.check("soegning")
    page.get_by_role("button", name="Markér som gennemset").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nødadgangen er markeret som gennemset.").is_visible()
    steps.check("gennemset")


def test_the_auditor_reviews_break_glass_on_a_phone_without_javascript(
    page_without_js: Any, browser: Any, live_server: Any, rikke: Any, frida: Any, dorte: Any, alice: Any, password: str
) -> None:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    try:
        steps = Steps(page_without_js, walk="accesslog", axe_page=context.new_page())
        walk(page_without_js, steps, rikke, frida, dorte, alice, password)
    finally:
        context.close()


def test_the_auditor_reviews_break_glass_on_a_wide_screen(
    page: Any, rikke: Any, frida: Any, dorte: Any, alice: Any, password: str
) -> None:
    page.set_viewport_size(DESKTOP)
    walk(page, Steps(page, walk="accesslog-wide"), rikke, frida, dorte, alice, password)
