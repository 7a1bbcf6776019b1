"""The pure functions of matching, with everyday phrasings the lexicon does not list word for word
(inflected, compounded, misspelt as people write)."""

import importlib

import pytest

from ressourcebank.matching.classify import classify
from ressourcebank.matching.knowledge import Knowledge, build_knowledge, terms_concepts, text_concepts
from ressourcebank.matching.ranking import (
    concept_overlap,
    coverage,
    ends_a_term,
    everyday_rarity,
    join_split_compounds,
    key_coverage,
    need_words,
    probability,
    text_evidence,
    text_relevance,
    weights,
    words_reason,
)
from ressourcebank.search.analysis import STOP_WORDS, index_terms, tokenize

SEED = importlib.import_module("ressourcebank.taxonomy.migrations.0002_seed_reference_taxonomy")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return build_knowledge([(slug, name, keywords) for slug, name, _d, keywords in SEED.CATEGORIES])


def offer_terms(title: str, description: str) -> tuple[str, str]:
    """The offer's title and description terms, as the index holds them."""
    return " ".join(index_terms(title)), " ".join(index_terms(description))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Radiatorerne i soveværelset bliver ikke varme", "vvs"),
        ("Køkkenvandhanen drypper hele natten", "vvs"),
        ("jeg forstår ikke mine lønsedler", "løn"),
        ("hun skal have hjælp til en tale til begravelsen", "skrivehjælp"),
        ("vil gerne lære at spille på klaveret", "musik"),
        ("Min mor har fået konstateret sukkersyge", "diabetes"),
    ],
)
def test_concepts_are_found_in_inflected_and_compound_words(text: str, concept: str, knowledge: Knowledge) -> None:
    assert concept in text_concepts(text, knowledge)


def test_a_named_concept_votes_for_its_category(knowledge: Knowledge) -> None:
    guesses = classify("radiatorerne i soveværelset er helt kolde", knowledge)
    assert guesses[0].slug == "handyman"


def test_the_offers_own_words_count_whatever_the_category(knowledge: Knowledge) -> None:
    words = need_words("Jeg har købt et garderobeskab i IKEA, der skal samles", knowledge.generic)
    furniture, shared = text_relevance(words, *offer_terms("Vi samler dine nye møbler", "Skabe og reoler fra IKEA."))
    lift, _none = text_relevance(words, *offer_terms("Kørsel til lægen", "Jeg kører dig til lægen."))
    assert furniture > 0.3 > lift
    assert "ikea" in shared


def test_concept_overlap_names_the_needs_words(knowledge: Knowledge) -> None:
    need = text_concepts("fyret går ud og radiatorerne er kolde", knowledge)
    offer = {"vvs"}
    score, words = concept_overlap(need, offer)
    assert score > 0
    assert words and set(words) <= {"fyret", "radiatorerne"}


def test_reasons_never_name_a_stop_word(knowledge: Knowledge) -> None:
    words = need_words("så kom jeg hjem og så var der ingen hjemme til at hjælpe", knowledge.generic)
    _score, shared = text_relevance(words, *offer_terms("Hjælp hjemme", "Så kommer jeg hjem til dig og hjælper."))
    assert not set(shared) & STOP_WORDS
    assert "så" not in shared and "hjælpe" not in shared


def test_reasons_are_plain_danish() -> None:
    assert words_reason(["alene", "snakke"], [], None) == "Tilbuddet nævner »alene« og »snakke«, som du skrev"
    assert words_reason([], [], None) is None


def test_an_offer_sharing_only_a_word_of_many_contexts_covers_little_of_the_need(knowledge: Knowledge) -> None:
    words = need_words("min datter skal giftes og jeg mangler en til at passe hendes lille søn", knowledge.generic)
    _l, _m, homework = text_evidence(words, *offer_terms("Lektiehjælp", "Hjælp til din datter med matematik."))
    _l, _m, sitter = text_evidence(
        words, *offer_terms("Barnepige til familiefester", "Jeg passer din søn til brylluppet.")
    )
    assert coverage(words, sitter, []) > coverage(words, homework, [])


def test_the_rarest_word_decides_the_key_coverage(knowledge: Knowledge) -> None:
    words = need_words("jeg vil gerne lære at flyve en helikopter", knowledge.generic)
    for word in words:  # as a match weighs them: an everyday word counts less
        word.rarity = everyday_rarity(word.text)
    _l, _m, sewing = text_evidence(words, *offer_terms("Lær at sy", "Du lærer at sy på symaskine."))
    _l, _m, flying = text_evidence(words, *offer_terms("Helikopterflyvning", "Prøv at flyve en helikopter."))
    assert key_coverage(words, sewing, []) < 0.5 < key_coverage(words, flying, [])


def test_the_chance_of_a_fit_grows_with_what_the_offer_shares_with_the_need() -> None:
    weak = {"lexical": 0.1, "coverage": 0.1, "key_coverage": 0.0, "category_model": 0.2}
    strong = {"lexical": 0.8, "coverage": 0.7, "key_coverage": 1.0, "category_model": 0.9}
    assert 0.0 < probability(weak, 0.2, weights()) < probability(strong, 0.8, weights()) < 1.0


def test_a_phrase_the_offer_writes_counts_as_its_concept(knowledge: Knowledge) -> None:
    title, body = offer_terms("Avisen for dig", "Jeg læser højt af avisen for dig hver lørdag.")
    assert "syn" in terms_concepts(f"{title} {body}".split(), knowledge)


def test_words_of_a_phrase_far_apart_are_not_the_phrase(knowledge: Knowledge) -> None:
    title, body = offer_terms("Lektier", "Jeg læser lektier med børn i alle aldre, og vi har det sjovt og højt humør.")
    assert "syn" not in terms_concepts(f"{title} {body}".split(), knowledge)


def test_a_compound_written_as_two_words_counts_as_the_offers_one_word(knowledge: Knowledge) -> None:
    text = "el regning er blevet alt for høj"
    words = need_words(text, knowledge.generic)
    title, body = offer_terms("Råd om elregningen", "Jeg kigger på din elregning med dig.")
    join_split_compounds(tokenize(text), words, set(f"{title} {body}".split()))
    _l, shared, strengths = text_evidence(words, title, body)
    assert strengths.get("regning", 0) >= 0.9 * 0.7
    assert "regning" in shared


def test_words_apart_are_not_joined_when_no_offer_uses_the_joined_word(knowledge: Knowledge) -> None:
    text = "min hund regning"
    words = need_words(text, knowledge.generic)
    join_split_compounds(tokenize(text), words, {"elregning"})
    assert all("hundregning" not in w.terms for w in words)


def test_a_need_word_at_the_end_of_an_offers_compound_counts_a_little(knowledge: Knowledge) -> None:
    words = need_words("hvem kan komme og gøre rent, en rengøring en gang om ugen", knowledge.generic)
    _l, _m, compound = text_evidence(words, *offer_terms("Hjemmeservice", "Vi klarer hovedrengøringen for dig."))
    _l, _m, whole = text_evidence(words, *offer_terms("Rengøring", "Vi gør rent for dig."))
    assert 0 < compound["rengøring"] < whole["rengøring"]
    _l, _m, none = text_evidence(words, *offer_terms("Hjemmeservice", "Vi vasker vinduer."))
    assert "rengøring" not in none


def test_an_ending_counts_only_inside_a_longer_word() -> None:
    assert ends_a_term(" varmeregning betal ", "regning ")
    assert not ends_a_term(" regning betal ", "regning ")
    assert not ends_a_term(" regningen ", "regning ")
