from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.connections.models import Connection, HoursEntry
from ressourcebank.matching.ranking import suggest_offers
from ressourcebank.offers.indexing import index_offers
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

LONELY = "Min mor sidder alene hele dagen og savner nogen at snakke med."


def area(slug: str) -> Area:
    return Area.objects.get(slug=slug)


def cat(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def titles(suggestions: list) -> list[str]:
    return [s.offer.title for s in suggestions]


def test_lonely_mother_gets_a_visiting_friend_first_without_shared_words(make_offer: Any) -> None:
    make_offer(title="Hjælp til MitID", description="Jeg hjælper med mobil og computer.", category=cat("it-hjaelp"))
    make_offer(title="Kaffe og en god snak", description="Jeg kommer forbi en gang om ugen.")
    make_offer(title="Lektiehjælp i dansk", description="For elever i udskolingen.", category=cat("lektiehjaelp"))
    suggestions = suggest_offers("", LONELY, area("assentoft"))
    assert titles(suggestions)[0] == "Kaffe og en god snak"


def test_words_of_the_need_rank_the_right_offer_within_a_category(make_offer: Any) -> None:
    economy = cat("oekonomi-raadgivning")
    make_offer(title="Budget for unge", description="Vi lægger et budget sammen.", category=economy)
    make_offer(title="Hjælp med årsopgørelsen", description="Jeg kigger på din skat med dig.", category=economy)
    suggestions = suggest_offers("", "Jeg forstår ikke min selvangivelse", area("assentoft"))
    assert titles(suggestions)[0] == "Hjælp med årsopgørelsen"


def test_near_offer_comes_before_far_one_and_whole_municipality_counts_as_near(make_offer: Any) -> None:
    make_offer(title="Besøgsven langt væk", area=area("havndal"))
    make_offer(title="Besøgsven i hele kommunen", area=area("hele-kommunen"))
    suggestions = suggest_offers("", LONELY, area("assentoft"))
    assert titles(suggestions) == ["Besøgsven i hele kommunen", "Besøgsven langt væk"]
    far = suggestions[1]
    assert any(reason.startswith("Havndal, ") and reason.endswith(" km") for reason in far.reasons)


def test_reasons_say_category_place_and_hours_left_in_plain_danish(make_offer: Any) -> None:
    make_offer(title="Kaffe og snak", capacity_kind="hours_per_month", capacity_amount=3)
    (suggestion,) = suggest_offers("", LONELY, area("assentoft"))
    assert suggestion.reasons[:3] == ["Besøgsven og samvær", "Assentoft, samme område", "3 timer tilbage i denne måned"]
    assert suggestion.score > 0


def test_remote_offer_says_so(make_offer: Any) -> None:
    make_offer(title="Telefonven", area=area("havndal"), is_remote=True)
    (suggestion,) = suggest_offers("", LONELY, area("assentoft"))
    assert "Kan gives over telefon eller online" in suggestion.reasons


def test_used_up_quota_ranks_last(make_offer: Any, alice: Any) -> None:
    used_up = make_offer(title="Besøgsven med mange timer", capacity_kind="hours_per_month", capacity_amount=2)
    make_offer(title="Besøgsven en enkelt gang", area=area("havndal"))
    # Both of this month's hours given, in the hours ledger.
    connection = Connection.objects.create(offer=used_up, requester=alice, state=Connection.State.ACCEPTED)
    HoursEntry.objects.create(connection=connection, given_on=timezone.localdate(), hours=2)
    suggestions = suggest_offers("Besøgsven", LONELY, area("assentoft"))
    assert titles(suggestions) == ["Besøgsven en enkelt gang", "Besøgsven med mange timer"]
    assert "Ingen timer tilbage i denne måned" in suggestions[-1].reasons


def test_only_published_offers_are_suggested(make_offer: Any) -> None:
    hidden = make_offer(title="Besøgsven på pause")
    Offer.objects.filter(pk=hidden.pk).update(status=Offer.Status.PAUSED)
    index_offers([hidden.pk])
    make_offer(title="Besøgsven", status=Offer.Status.PENDING)
    assert suggest_offers("", LONELY, area("assentoft")) == []


def test_chosen_category_weighs_in_and_limit_is_kept(make_offer: Any) -> None:
    for i in range(5):
        make_offer(title=f"Gåtur nummer {i}", description="Vi går en tur sammen.", category=cat("motion"))
    make_offer(title="Kaffe og snak")
    suggestions = suggest_offers("", "Jeg vil gerne ud at gå", area("assentoft"), category="motion", limit=3)
    assert len(suggestions) == 3
    assert all(s.offer.category.slug == "motion" for s in suggestions)


def test_need_with_no_telling_words_gets_nothing(make_offer: Any) -> None:
    make_offer(title="Kaffe og snak")
    assert suggest_offers("", "hjælp", area("assentoft")) == []
    assert suggest_offers("", LONELY, area("assentoft"), limit=0) == []


def test_related_everyday_words_find_an_offer_that_uses_another_word(make_offer: Any) -> None:
    health = cat("sundhed-trivsel")
    make_offer(title="Sorggruppe", description="Vi mødes og taler om sorg.", category=health)
    make_offer(title="Rygestop sammen", description="Jeg støtter dig i at stoppe.", category=health)
    suggestions = suggest_offers("", "Jeg har mistet min mand og har det svært", area("assentoft"))
    assert titles(suggestions)[0] == "Sorggruppe"


def test_place_names_in_the_text_do_not_decide(make_offer: Any) -> None:
    make_offer(title="Tur til Randers", description="Jeg kører til Randers om tirsdagen.", category=cat("transport"))
    make_offer(title="Hjælp med årsopgørelsen", description="Skat og fradrag.", category=cat("oekonomi-raadgivning"))
    suggestions = suggest_offers("", "Jeg forstår ikke min skat her i Randers", area("randers-c"))
    assert titles(suggestions)[0] == "Hjælp med årsopgørelsen"


def test_a_phrase_the_offer_writes_is_the_concept_the_need_names(make_offer: Any) -> None:
    make_offer(title="Avisen om lørdagen", description="Jeg læser højt for dig af avisen.", category=cat("besoegsven"))
    make_offer(title="Kaffe om lørdagen", description="Jeg kommer forbi med wienerbrød.", category=cat("besoegsven"))
    suggestions = suggest_offers("", "Min far er næsten blind nu og keder sig.", area("assentoft"))
    assert titles(suggestions)[0] == "Avisen om lørdagen"
    assert any("»blind«" in reason for reason in suggestions[0].reasons)
