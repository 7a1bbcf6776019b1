"""A need nothing fits, in a browser: the citizen reads it plainly, sees where to turn and her
tovholder, the weaker offers under "Måske", and the page has no serious axe-core violations."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category

from .browser import DESKTOP, PHONE, log_in, serious_axe_violations

SCREENSHOTS = Path("var/screenshots/match")

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_need_with_no_good_match_says_so_and_where_to_turn(
    page: Any, make_offer: Any, alice: Any, dorte: Any, password: str
) -> None:
    make_offer(
        title="Skak og kortspil",
        description="Vi spiller om torsdagen.",
        category=Category.objects.get(slug="besoegsven"),
    )
    need = Need.objects.create(
        owner=alice,
        coordinator=dorte,
        description="Min mor sidder alene hele dagen og savner nogen at snakke med.",
        area=Area.objects.get(slug="assentoft"),
    )
    log_in(page, alice.email, password)
    page.goto(reverse("needs:detail", args=[need.pk]))
    page.get_by_role("heading", name="Vi har ikke fundet et godt match endnu").wait_for()
    page.get_by_role("heading", name="Hvor kan jeg henvende mig?").wait_for()
    assert page.get_by_text(f"Din tovholder, {dorte.name}").is_visible()
    page.get_by_role("heading", name="Måske", exact=True).wait_for()
    assert page.get_by_role("link", name="Skak og kortspil", exact=True).is_visible()
    assert serious_axe_violations(page) == [], page.url
    # The contact text's own headings sit below its "Hvor kan jeg henvende mig?" (an h3), so a
    # screen reader's outline of the page stays in order (axe's heading-order rule).
    assert page.locator(".contact-box h2, .contact-box h3 ~ * h3").count() == 0
    assert page.locator(".contact-box h4").count() >= 1
    ordered = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['heading-order']}})")
    assert ordered["violations"] == [], ordered["violations"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"no-good-match-{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
