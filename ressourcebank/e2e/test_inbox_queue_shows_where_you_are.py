"""Found walking /staff/henvendelser/ on a phone: the queue links (team, Ikke fordelt, Mine) and the
status links (Åbne, Besvarede, Afsluttede) looked the same whichever was chosen, so staff could not
see which list they were reading. The chosen one must stand out, not only to a screen reader."""

from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.inbox.models import Team

from .browser import log_in_with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_see_which_queue_and_status_they_are_reading(page_without_js: Any, erik: User, password: str) -> None:
    team = Team.objects.create(
        name="Borgerservice", slug="borgerservice", answer_days=3, phone="89 15 15 15", phone_hours="Kl. 9–10"
    )
    team.members.add(erik)
    page = page_without_js
    log_in_with_second_factor(page, erik, password)

    page.goto("/staff/henvendelser/")

    def weight(name: str) -> str:
        link = page.get_by_role("link", name=name, exact=True)
        return str(link.evaluate("a => getComputedStyle(a).fontWeight"))

    assert weight("Borgerservice") != weight("Mine")
    assert weight("Åbne") != weight("Besvarede")
