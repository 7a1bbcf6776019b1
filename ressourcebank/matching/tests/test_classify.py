import importlib

import pytest

from ressourcebank.matching.classify import classify
from ressourcebank.matching.knowledge import Knowledge, build_knowledge

SEED = importlib.import_module("ressourcebank.taxonomy.migrations.0002_seed_reference_taxonomy")


@pytest.fixture(scope="module")
def vocabulary() -> Knowledge:
    return build_knowledge([(slug, name, keywords) for slug, name, _d, keywords in SEED.CATEGORIES])


def top(text: str, vocabulary: Knowledge) -> str | None:
    guesses = classify(text, vocabulary)
    return guesses[0].slug if guesses else None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("min mor sidder alene og savner nogen at snakke med", "besoegsven"),
        ("Regningerne hober sig op, og jeg forstår ikke min årsopgørelse", "oekonomi-raadgivning"),
        ("Jeg kan ikke komme ind på e-boks og min computer driller", "it-hjaelp"),
        ("Hvordan virker MitID på telefonen?", "it-hjaelp"),
        ("Mit barnebarn har svært ved matematik i 7. klasse", "lektiehjaelp"),
        ("Vandhanen drypper og en stikkontakt sidder løst", "handyman"),
        ("Jeg skal til øjenlægen på sygehuset og har ingen bil", "transport"),
        ("Jeg vil gerne lære at strikke sokker", "haandarbejde"),
        ("Vi har ikke råd til mad sidst på måneden", "foedevarer"),
        ("Min udlejer vil opsige min lejekontrakt", "bolig"),
    ],
)
def test_everyday_text_is_guessed_into_its_category(text: str, slug: str, vocabulary: Knowledge) -> None:
    assert top(text, vocabulary) == slug


def test_inflections_and_compounds_count(vocabulary: Knowledge) -> None:
    assert top("skatteregler og fradrag", vocabulary) == "oekonomi-raadgivning"
    assert top("besøgsvennerne", vocabulary) == "besoegsven"


def test_scores_are_best_first_and_at_most_one(vocabulary: Knowledge) -> None:
    guesses = classify("ensom og alene, savner selskab og kaffe", vocabulary)
    assert guesses[0].slug == "besoegsven"
    assert [g.score for g in guesses] == sorted((g.score for g in guesses), reverse=True)
    assert 0 < sum(g.score for g in guesses) <= 1


def test_text_without_telling_words_guesses_nothing(vocabulary: Knowledge) -> None:
    assert classify("jeg har brug for hjælp", vocabulary) == []
    assert classify("", vocabulary) == []


def test_everyday_phrasings_count_where_their_words_alone_would_not(vocabulary: Knowledge) -> None:
    assert top("Kan ikke selv komme ned og købe ind", vocabulary) == "praktisk-hjaelp"
    assert top("Jeg er lige flyttet hertil og kender ingen", vocabulary) == "faellesskab"


def test_parts_of_a_compound_do_not_outvote_its_meaning(vocabulary: Knowledge) -> None:
    # "dagpenge" is about unemployment money, not about days.
    assert "dag" not in {t for t, owners in vocabulary.vocabulary.items() if "jobsoegning" in owners}
