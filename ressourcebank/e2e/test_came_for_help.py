"""An anonymous visitor presses "Jeg har brug for hjælp" (issue 8, item 8): the login page says
why they are there and offers sign-up; after sign-up the confirmation notice is shown once and
speaks to someone who came for help; the link in the mail ends on the form they came from."""

import re
from typing import Any

import pytest

from ressourcebank.accounts import mail
from ressourcebank.accounts.models import User

from .browser import DESKTOP, PHONE, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_newcomer_who_came_for_help_signs_up_and_ends_on_the_need_form(page: Any, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto("/")
    page.get_by_role("link", name="Jeg har brug for hjælp").click()
    page.get_by_role("heading", name="Log ind").wait_for()
    page.get_by_text("fortælle, hvad du har brug for hjælp til").first.wait_for()
    assert serious_axe_violations(page) == []

    page.get_by_role("link", name="Opret en konto").first.click()
    page.get_by_label("Dit navn").fill("Grethe Nielsen")
    page.get_by_label("Din e-mail").fill("grethe@example.dk")
    page.get_by_label("Vælg en adgangskode").fill("solsikke-havelåge-77")
    page.get_by_role("button", name="Opret konto").click()
    page.get_by_role("heading", name="Bekræft din e-mail").first.wait_for()
    text = page.locator("main").inner_text()
    assert text.count("Vi har sendt en mail") == 1, text
    assert "tilbud" not in text, text
    assert "brug for hjælp" in text
    assert serious_axe_violations(page) == []

    user = User.objects.get(email="grethe@example.dk")
    sent = mail.render_at_delivery(mail.CONFIRM_EMAIL, user)
    assert sent is not None
    link = re.search(r"https?://\S+", sent.text)
    assert link is not None
    path = re.sub(r"^https?://[^/]+", "", link.group(0))
    page.goto(path)
    page.get_by_role("heading", name="Jeg har brug for hjælp").wait_for()
    assert page.url.endswith("/behov/nyt/")
    assert page.get_by_text("Tak! Din e-mail er bekræftet.").count() == 1
    assert page.get_by_text("Bekræft din e-mail").count() == 0
