"""A coordinator who registers a need for a citizen finds it again on Min side, finds the list of
unmet needs, and the need page speaks to them as the citizen's coordinator (issue 8, item 5)."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db

UNMET = 'href="/staff/udaekkede-behov/"'


def test_a_coordinator_finds_the_need_she_registered_on_min_side(client: Any, login: Any, dorte: Any) -> None:
    login(client, dorte)
    data = {
        "citizen_name": "Gunnar Jensen",
        "description": "Gunnar vil gerne have hjælp til at handle ind om torsdagen.",
        "area": Area.objects.get(slug="assentoft").pk,
        "title": "",
        "category": "",
        "urgency": "low",
        "visibility": "staff",
    }
    response = client.post(reverse("needs:register_for_citizen"), data, follow=True)
    assert "Du kan finde det igen på Min side" in response.content.decode()
    need = Need.objects.get()

    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{need.get_absolute_url()}"' in html and "Gunnar Jensen" in html


def test_coordinators_and_staff_find_the_unmet_needs_from_min_side(
    client: Any, login: Any, alice: Any, dorte: Any, erik: Any
) -> None:
    for user, shown in ((dorte, True), (erik, True), (alice, False)):
        login(client, user)
        assert (UNMET in client.get(reverse("accounts:dashboard")).content.decode()) is shown, user


def test_the_need_page_speaks_to_the_coordinator_as_the_coordinator(client: Any, login: Any, dorte: Any) -> None:
    need = Need.objects.create(
        coordinator=dorte,
        citizen_name="Gunnar Jensen",
        description="Gunnar vil gerne have hjælp til at handle ind.",
        area=Area.objects.get(slug="assentoft"),
    )
    login(client, dorte)
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Luk – borgeren har ikke brug for hjælp mere" in html
    assert "jeg har ikke brug for hjælp" not in html and "min tovholder" not in html

    form = client.get(reverse("needs:edit", args=[need.pk])).content.decode()
    assert "Hvad har borgeren brug for hjælp til?" in form
    assert "Ret dit ønske" not in form and "min tovholder" not in form and "Hvor bor du?" not in form


def test_the_need_page_still_speaks_to_the_citizen_as_the_citizen(client: Any, login: Any, alice: Any) -> None:
    need = Need.objects.create(
        owner=alice, description="Hjælp til at handle ind.", area=Area.objects.get(slug="assentoft")
    )
    login(client, alice)
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Luk – jeg har ikke brug for hjælp mere" in html
