"""The word knowledge matching uses: the lexicon files (ressourcebank/search/lexicon/) with the
words staff added at /staff/ordbog/ (LexiconEntry) merged in.

Built once per process and again only when the categories or the staff's entries change, which one
small query per match notices, so a word staff add counts for the very next match.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from ressourcebank.search.analysis import STOP_WORDS, split_compound, stem, tokenize, word_terms
from ressourcebank.search.lexicon import lexicon
from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.models import Category

from .models import LexiconEntry

Vocabulary = dict[str, dict[str, float]]  # term -> {category slug: weight}
Phrase = tuple[tuple[str, ...], str]  # (the stems in order, what it points to)


@dataclass(frozen=True)
class Knowledge:
    vocabulary: Vocabulary
    category_phrases: tuple[Phrase, ...]
    concept_terms: dict[str, frozenset[str]]  # stem -> the concepts it belongs to
    concept_phrases: tuple[Phrase, ...]
    # The same phrases as an offer's index terms hold them: stop words out ("lyset virker ikke" ->
    # lys, virk), only those of two or more words left (one word alone is not the phrase).
    concept_term_phrases: tuple[Phrase, ...]
    concept_categories: dict[str, tuple[str, ...]]
    generic: frozenset[str]  # stems of words that never count as evidence


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in tokenize(phrase))


def _vocabulary_terms(text: str, generic: frozenset[str]) -> set[str]:
    """A vocabulary text's words as whole-word terms (stem and synonyms, not compound parts: the
    parts of "dagpenge" are not about days)."""
    terms: set[str] = set()
    for word in tokenize(text):
        if word in STOP_WORDS:
            continue
        parts = {stem(p) for p in split_compound(word)} - {stem(word)}
        terms.update(t for t in word_terms(word) if t not in parts)
    return terms - generic


def build_knowledge(
    categories: Iterable[tuple[str, str, str]], entries: Iterable[tuple[str, str, str | None]] = ()
) -> Knowledge:
    """From (slug, name, keywords) of the active categories and the staff's (phrase, concept,
    category slug) entries. A term in n categories weighs 1/n in each: shared words decide less."""
    lex = lexicon()
    generic = frozenset(t for w in lex.generic_words for t in word_terms(w)) | frozenset(
        stem(w) for w in lex.generic_words
    )
    category_text = {
        slug: f"{name} {keywords} {' '.join(lex.category_words.get(slug, ()))}" for slug, name, keywords in categories
    }
    category_phrases: list[Phrase] = [
        (phrase_stems(p), slug) for slug, phrases in lex.phrases.items() if slug in category_text for p in phrases
    ]
    concept_entries: dict[str, list[str]] = {c.name: list(c.entries) for c in lex.concepts}
    concept_categories = {c.name: tuple(s for s in c.categories if s in category_text) for c in lex.concepts}
    for phrase, concept, slug in entries:
        if concept and concept in concept_entries:
            concept_entries[concept].append(phrase.lower())
        if slug and slug in category_text:
            if len(tokenize(phrase)) > 1:
                category_phrases.append((phrase_stems(phrase), slug))
            else:
                category_text[slug] += f" {phrase}"
    owners: dict[str, set[str]] = {}
    for slug, text in category_text.items():
        for term in _vocabulary_terms(text, generic):
            owners.setdefault(term, set()).add(slug)
    vocabulary = {term: {slug: 1.0 / len(slugs) for slug in slugs} for term, slugs in owners.items()}
    concept_terms: dict[str, set[str]] = {}
    concept_phrases: list[Phrase] = []
    concept_term_phrases: list[Phrase] = []
    for concept, words in concept_entries.items():
        for entry in words:
            stems = phrase_stems(entry)
            if len(stems) == 1:
                concept_terms.setdefault(stems[0], set()).add(concept)
            elif stems:
                concept_phrases.append((stems, concept))
                content = tuple(stem(w) for w in tokenize(entry) if w not in STOP_WORDS)
                if len(content) >= 2:
                    concept_term_phrases.append((content, concept))
    return Knowledge(
        vocabulary=vocabulary,
        category_phrases=tuple(p for p in category_phrases if p[0]),
        concept_terms={t: frozenset(c) for t, c in concept_terms.items() if t not in generic},
        concept_phrases=tuple(concept_phrases),
        concept_term_phrases=tuple(concept_term_phrases),
        concept_categories=concept_categories,
        generic=generic,
    )


_CACHE: dict[object, Knowledge] = {}


def current_knowledge() -> tuple[Knowledge, dict[str, Category]]:
    """The knowledge for the active categories and the staff's entries as they are now."""
    # The active categories as held per process (taxonomy.cache, read again when staff change one).
    categories = {c.slug: c for c in taxonomy().active_categories}
    # Asked on every match (a word staff add counts at once), so as plain SQL: the ORM's aggregate
    # cost ten times the query itself.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id), count(*) FROM {LexiconEntry._meta.db_table}")  # noqa: S608
        last, count = cursor.fetchone()
    key = (tuple((c.slug, c.name, c.keywords) for c in categories.values()), last, count)
    knowledge = _CACHE.get(key)
    if knowledge is None:
        entries = LexiconEntry.objects.values_list("phrase", "concept", "category__slug")
        _CACHE.clear()
        knowledge = _CACHE[key] = build_knowledge(key[0], list(entries))
    return knowledge, categories


def find_phrases(stems: list[str], phrases: Iterable[Phrase]) -> list[str]:
    """What each phrase found in the stems (in order) points to, once per phrase."""
    found = []
    for phrase, target in phrases:
        n = len(phrase)
        if any(tuple(stems[i : i + n]) == phrase for i in range(len(stems) - n + 1)):
            found.append(target)
    return found


def text_concepts(text: str, knowledge: Knowledge) -> dict[str, str]:
    """concept -> the word of the text that names it (for the reasons), from its words, their
    compound parts, and the phrases."""
    words = tokenize(text)
    stems = [stem(w) for w in words]
    found: dict[str, str] = {}
    for word, whole in zip(words, stems, strict=True):
        if word in STOP_WORDS:
            continue
        for term in (whole, *(stem(p) for p in split_compound(word))):
            for concept in knowledge.concept_terms.get(term, ()):
                found.setdefault(concept, word)
    for concept in find_phrases(stems, knowledge.concept_phrases):
        found.setdefault(concept, "")
    return found


PHRASE_GAP = 3  # index terms allowed between two words of a phrase: a compound's parts, synonyms


def terms_concepts(terms: Sequence[str], knowledge: Knowledge) -> set[str]:
    """The concepts of already analysed terms in order (an indexed offer's): its words, and the
    phrases it writes (`phrase_concepts`)."""
    found: set[str] = set()
    for term in terms:
        found.update(knowledge.concept_terms.get(term, ()))
    return found | phrase_concepts(terms, knowledge.concept_term_phrases, found)


def phrase_concepts(terms: Sequence[str], phrases: Iterable[Phrase], known: set[str] | frozenset[str]) -> set[str]:
    """The concepts, other than those `known` already, of the phrases the terms (in order) write
    ("læse højt" in "jeg læser højt af avisen"), matched on their words other than stop words, in
    order, with at most PHRASE_GAP terms between (a compound's parts, synonyms)."""
    found: set[str] = set()
    positions: dict[str, list[int]] = {}
    for phrase, concept in phrases:
        if concept in known or concept in found:
            continue
        if not positions:
            for i, term in enumerate(terms):
                positions.setdefault(term, []).append(i)
        if phrase[0] not in positions or not all(t in positions for t in phrase[1:]):
            continue
        for start in positions[phrase[0]]:
            at = start
            for term in phrase[1:]:
                at = next((p for p in positions[term] if at < p <= at + PHRASE_GAP + 1), -1)
                if at < 0:
                    break
            if at >= 0:
                found.add(concept)
                break
    return found
