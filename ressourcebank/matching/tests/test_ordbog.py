"""/staff/ordbog/: a word staff add changes the suggestions for a need at once, and is audited."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AuditEvent
from ressourcebank.matching.models import LexiconEntry
from ressourcebank.matching.ranking import match_need
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

NEED = "Pejsen ryger ind i stuen, når jeg tænder op"


def ranked(need: str) -> list[tuple[str, float]]:
    return [(s.offer.title, s.score) for s in match_need("", need, Area.objects.get(slug="assentoft")).suggestions]


def score_of(title: str, found: list[tuple[str, float]]) -> float:
    return next((score for name, score in found if name == title), 0.0)


@pytest.fixture
def offers(make_offer: Any) -> None:
    make_offer(
        title="Hjælp med skorsten og brændeovn",
        description="Jeg fejer og tjekker aftrækket.",
        category=Category.objects.get(slug="handyman"),
    )
    make_offer(
        title="Hjælp med computeren",
        description="Jeg opdaterer den for dig.",
        category=Category.objects.get(slug="it-hjaelp"),
    )


def test_staff_adds_a_word_to_a_category_and_the_next_match_uses_it(
    client: Any, login: Any, erik: Any, offers: None
) -> None:
    before = ranked(NEED)
    login(client, erik)
    handyman = Category.objects.get(slug="handyman")
    response = client.post(
        reverse("staff:lexicon"), {"phrase": "Pejsen", "target": f"category:{handyman.pk}"}, follow=True
    )
    assert "»pejsen« er tilføjet" in response.content.decode()
    after = ranked(NEED)
    assert after[0][0] == "Hjælp med skorsten og brændeovn"
    assert score_of(after[0][0], after) > score_of(after[0][0], before)
    entry = LexiconEntry.objects.get()
    assert (entry.phrase, entry.category, entry.created_by) == ("pejsen", handyman, erik)
    assert AuditEvent.objects.filter(actor=erik, verb="create", target_type="matching.lexiconentry").exists()


def test_staff_adds_a_phrase_to_a_concept_and_removes_it_again(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    client.post(reverse("staff:lexicon"), {"phrase": "kolde rør", "target": "concept:vvs"})
    entry = LexiconEntry.objects.get(concept="vvs")
    assert "kolde rør" in client.get(reverse("staff:lexicon")).content.decode()
    client.post(reverse("staff:lexicon_remove", args=[entry.pk]))
    assert not LexiconEntry.objects.exists()
    assert AuditEvent.objects.filter(actor=erik, verb="revoke", target_type="matching.lexiconentry").exists()


def test_bad_input_is_answered_with_errors_and_nothing_is_saved(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = client.post(reverse("staff:lexicon"), {"phrase": "123 !!", "target": "concept:findes-ikke"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv mindst ét ord med bogstaver." in html
    assert not LexiconEntry.objects.exists()


def test_citizen_cannot_add_words_and_anonymous_is_sent_to_log_in(client: Any, login: Any, alice: Any) -> None:
    response = client.post(reverse("staff:lexicon"), {"phrase": "pejs", "target": "concept:vvs"})
    assert response.status_code == 302
    login(client, alice)
    assert client.post(reverse("staff:lexicon"), {"phrase": "pejs", "target": "concept:vvs"}).status_code == 403
    assert not LexiconEntry.objects.exists()
