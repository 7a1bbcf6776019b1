from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import Organisation
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def search(client: Any, **params: Any) -> str:
    response = client.get(reverse("offers:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_without_words_the_newest_offers_come_first(client: Any, make_offer: Any) -> None:
    now = timezone.now()
    make_offer(title="Ældre tilbud", published_at=now - timedelta(days=2))
    make_offer(title="Nyeste tilbud", published_at=now)
    html = search(client)
    assert "2 tilbud" in html
    assert html.index("Nyeste tilbud") < html.index("Ældre tilbud")


def test_search_finds_an_inflected_word(client: Any, make_offer: Any) -> None:
    make_offer(title="Besøgsven i Assentoft")
    make_offer(title="Hjælp til skat", category=Category.objects.get(slug="oekonomi-raadgivning"))
    html = search(client, q="besøgsvenner")
    assert "Besøgsven i Assentoft" in html
    assert "Hjælp til skat" not in html
    assert "1 tilbud" in html


def test_category_provider_and_remote_filters(client: Any, make_offer: Any, business: Organisation) -> None:
    make_offer(title="Kaffe og snak")
    make_offer(
        title="Fem gratis timer med regnskab",
        category=Category.objects.get(slug="oekonomi-raadgivning"),
        organisation=business,
        provider="virksomhed",
        is_remote=True,
    )
    html = search(client, category="oekonomi-raadgivning")
    assert "Fem gratis timer" in html and "Kaffe og snak" not in html
    html = search(client, provider="borger")
    assert "Kaffe og snak" in html and "Fem gratis timer" not in html
    html = search(client, remote="on")
    assert "Fem gratis timer" in html and "Kaffe og snak" not in html


def test_near_an_area_includes_nearby_areas_and_the_whole_municipality(client: Any, make_offer: Any) -> None:
    make_offer(title="Tilbud i Assentoft")
    make_offer(title="Tilbud i Haslund", area=Area.objects.get(slug="haslund"))
    make_offer(title="Tilbud i Havndal", area=Area.objects.get(slug="havndal"))
    make_offer(title="Tilbud for alle", area=Area.objects.get(slug="hele-kommunen"))
    html = search(client, area="assentoft", radius="0")
    assert "Tilbud i Assentoft" in html and "Tilbud for alle" in html
    assert "Tilbud i Haslund" not in html
    html = search(client, area="assentoft", radius="5")
    assert "Tilbud i Haslund" in html and "Tilbud i Havndal" not in html


def test_results_come_in_pages_of_twenty(client: Any, make_offer: Any) -> None:
    now = timezone.now()
    for number in range(23):
        make_offer(title=f"Tilbud nummer {number:02d}", published_at=now - timedelta(minutes=number))
    html = search(client)
    assert "23 tilbud" in html
    assert "Tilbud nummer 19" in html and "Tilbud nummer 20" not in html
    assert "Side 1 af 2" in html
    assert "page=2" in html
    html = search(client, page="2")
    assert "Tilbud nummer 22" in html and "Tilbud nummer 00" not in html
    html = search(client, page="99")  # past the end: the last page
    assert "Side 2 af 2" in html


def test_a_capped_count_says_more_than(client: Any, make_offer: Any, settings: Any) -> None:
    settings.SEARCH_MAX_CANDIDATES = 2
    for number in range(4):
        make_offer(title=f"Besøgsven nummer {number}")
    html = search(client, q="besøgsven")
    assert "Mere end 2 tilbud" in html


def test_odd_parameters_are_answered_gracefully(client: Any, make_offer: Any) -> None:
    make_offer()
    html = search(client, page="abc", category="findes-ikke", area="<script>", radius="x", provider="alien")
    assert "1 tilbud" in html
    assert "<script>" not in html
    search(client, q="x" * 5000)
    search(client, q="\"'()*:^-")


def test_empty_result_gives_advice(client: Any) -> None:
    html = search(client, q="faldskærmsudspring")
    assert "0 tilbud" in html
    assert "Prøv et andet eller et kortere ord" in html


def test_hidden_offers_are_never_listed(client: Any, make_offer: Any) -> None:
    make_offer(title="Venter på godkendelse", status="pending")
    make_offer(title="Sat på pause", status="paused")
    unapproved = Organisation.objects.create(name="Ny forening", kind="forening")
    make_offer(title="Fra ny forening", organisation=unapproved, provider="forening")
    html = search(client)
    assert "0 tilbud" in html


def test_result_list_shows_no_personal_data(client: Any, make_offer: Any, alice: Any) -> None:
    make_offer(owner=alice)
    html = search(client)
    assert "Alice" in html
    assert "Andersen" not in html and alice.email not in html


def test_htmx_request_gets_only_the_results(client: Any, make_offer: Any) -> None:
    make_offer()
    response = client.get(reverse("offers:list"), {"q": "besøgsven"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "1 tilbud" in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client: Any, make_offer: Any) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(reverse("offers:list"), {"q": "besøgsven"}, headers=headers)
    assert "<html" in response.content.decode()


def test_results_are_fetched_in_few_queries(client: Any, make_offer: Any, django_assert_max_num_queries: Any) -> None:
    for number in range(10):
        make_offer(title=f"Besøgsven {number}")
    # A fixed number, whatever the rows: the offers' search and, beside it, the activities' search
    # (its own term lookup; on PostgreSQL also the planner's statistics), the page's offers in two
    # queries, the taxonomy, the session and the user.
    with django_assert_max_num_queries(16):
        search(client, q="besøgsven")


def test_everyday_words_find_it_help_without_every_word_matching(client: Any, make_offer: Any) -> None:
    # Issue 8 item 10: /tilbud/?q=min+computer+driller found nothing.
    make_offer(
        title="IT-hjælp til ældre",
        description="Jeg hjælper med computer, mobil og MitID.",
        category=Category.objects.get(slug="it-hjaelp"),
    )
    html = client.get("/tilbud/?q=min+computer+driller").content.decode()
    assert "IT-hjælp til ældre" in html
    assert "1 tilbud" in html
