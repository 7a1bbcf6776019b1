"""Search's candidates for an app that ranks offers its own way (matching), on both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ressourcebank.needs.indexing import index_needs
from ressourcebank.needs.models import Need
from ressourcebank.search import query
from ressourcebank.search.analysis import index_terms, split_compound, stem
from ressourcebank.search.candidates import (
    count_offers,
    newest_offers_in_category,
    newest_offers_with_word,
    offer_words,
)
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def ids(offers):
    return sorted(o.object_id for o in offers)


def test_a_word_finds_the_offers_holding_it_and_not_a_need(make_offer, alice):
    knitting = make_offer(title="Strikkeklub", description="Vi strikker hver torsdag.")
    make_offer(title="Kørsel til lægen", description="Jeg har bil.")
    need = Need.objects.create(
        description="Jeg vil gerne lære at strikke",
        area=Area.objects.get(slug="assentoft"),
        owner=alice,
        visibility=Need.Visibility.PUBLIC,
    )
    index_needs([need.pk])
    assert ids(newest_offers_with_word(index_terms("strikker"), limit=10)) == [knitting.pk]


def test_a_compound_is_found_by_all_its_parts(make_offer):
    homework = make_offer(title="Hjælp med lektier", description="For børn i skolen.")
    make_offer(title="Lektier", description="Kun lektier.")
    parts = [stem(p) for p in split_compound("lektiehjælp")]
    assert len(parts) == 2
    assert ids(newest_offers_with_word([], parts, limit=10)) == [homework.pk]


def test_near_keeps_the_offers_in_the_areas_and_those_given_by_phone(make_offer):
    assentoft, langaa = Area.objects.get(slug="assentoft"), Area.objects.get(slug="langaa")
    here = make_offer(title="Strikkeklub", area=assentoft)
    by_phone = make_offer(title="Strikkeklub", area=langaa, is_remote=True)
    make_offer(title="Strikkeklub", area=langaa)
    word = index_terms("strikkeklub")
    assert ids(newest_offers_with_word(word, near=[assentoft.pk], limit=10)) == sorted([here.pk, by_phone.pk])
    assert len(newest_offers_with_word(word, limit=10)) == 3


def test_the_limit_keeps_the_newest(make_offer):
    now = timezone.now()
    offers = [make_offer(title="Strikkeklub", published_at=now - timedelta(days=3 - i)) for i in range(3)]
    assert ids(newest_offers_with_word(index_terms("strikkeklub"), limit=2)) == [offers[1].pk, offers[2].pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan for a common word")
def test_a_common_word_walks_the_newest_on_postgresql(make_offer):
    now = timezone.now()
    offers = [make_offer(title="Strikkeklub", published_at=now - timedelta(days=3 - i)) for i in range(3)]
    word = index_terms("strikkeklub")
    saved = dict(query._stats)
    query._stats.update(at=float("inf"), freqs=dict.fromkeys(word, 0.9))  # as if ANALYZE found it everywhere
    try:
        assert ids(newest_offers_with_word(word, limit=2)) == [offers[1].pk, offers[2].pk]
    finally:
        query._stats.update(saved)


def test_a_category_gives_its_newest_offers_near_the_need_first(make_offer):
    visiting = Category.objects.get(slug="besoegsven")
    langaa = Area.objects.get(slug="langaa")
    now = timezone.now()
    older = make_offer(category=visiting, published_at=now - timedelta(days=2))
    newer = make_offer(category=visiting, published_at=now - timedelta(days=1))
    far = make_offer(category=visiting, area=langaa, published_at=now)
    make_offer(category=Category.objects.get(slug="transport"))
    near = [Area.objects.get(slug="assentoft").pk]
    found = newest_offers_in_category(visiting.pk, near=near, limit=10)
    assert [o.object_id for o in found] == [newer.pk, older.pk]
    assert [o.object_id for o in newest_offers_in_category(visiting.pk, limit=2)] == [far.pk, newer.pk]


def test_an_indexed_offer_holds_its_own_words_and_no_filter_tokens(make_offer):
    offer = make_offer(title="Strikkeklub", description="Vi mødes hver torsdag.", is_remote=True)
    (found,) = newest_offers_with_word(index_terms("strikkeklub"), limit=10)
    assert found.title_terms == " ".join(index_terms("Strikkeklub"))
    assert found.body_terms == " ".join(index_terms("Vi mødes hver torsdag."))
    assert (found.category_id, found.area_id, found.is_remote) == (offer.category_id, offer.area_id, True)
    assert abs(found.published_at - offer.published_at) < timedelta(seconds=1)
    assert list(offer_words()) == [(offer.category_id, found.title_terms, found.body_terms)]


def test_the_offer_count_stops_at_its_bound(make_offer):
    for _ in range(3):
        make_offer()
    assert count_offers(2) == 2
    assert count_offers(10) == 3
