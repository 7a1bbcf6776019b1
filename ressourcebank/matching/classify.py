"""Guessing which categories a free text is about ("min mor sidder alene" -> besøgsven).

Pure functions, no database. The text is analysed exactly as search analyses it
(ressourcebank/search/analysis.py: stems, compound parts, synonyms), and its terms are looked up in
one vocabulary per category (ressourcebank/matching/knowledge.py: the category's name and keywords,
the lexicon's everyday words and phrasings, the staff's ordbog). A term shared by several
categories counts for each of them, but less ("læge" is both kørsel and sundhed). A word that search
could not split is tried as a compound against the vocabulary here ("skatteregler" starts with
"skat"). The concepts the text names vote for their categories too.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ressourcebank.search.analysis import STOP_WORDS, split_compound, stem, tokenize, word_terms

from .knowledge import Knowledge, Vocabulary, find_phrases, text_concepts

MIN_PART = 4  # shorter prefixes/suffixes match too much by chance ("bil" in "bilag")

CONCEPT_VOTE = 1.0  # a concept the text names is as telling as a category word


@dataclass(frozen=True)
class CategoryGuess:
    slug: str
    score: float  # 0..1, the share of the text's category evidence that points here


def compound_hits(word: str, vocabulary: Vocabulary) -> list[dict[str, float]]:
    """For a word the vocabulary does not know: its longest known first part and last part
    ("skatteregler" -> skat, "computerproblemer" -> comput), each as a half vote."""
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return []
    hits = []
    for cut in range(len(word) - MIN_PART + 1, MIN_PART - 1, -1):
        head = stem(word[:cut])
        if head in vocabulary and len(head) >= MIN_PART:
            hits.append(vocabulary[head])
            break
    for cut in range(1, len(word) - MIN_PART + 1):
        tail = stem(word[cut:])
        if tail in vocabulary and len(tail) >= MIN_PART and cut >= MIN_PART - 1:
            hits.append(vocabulary[tail])
            break
    return [{slug: weight * 0.5 for slug, weight in hit.items()} for hit in hits]


def category_evidence(terms: Iterable[str], vocabulary: Vocabulary) -> dict[str, float]:
    """Raw votes per category for already analysed terms (each distinct term votes once)."""
    votes: dict[str, float] = {}
    for term in set(terms):
        for slug, weight in vocabulary.get(term, {}).items():
            votes[slug] = votes.get(slug, 0.0) + weight
    return votes


def classify(text: str, knowledge: Knowledge, *, limit: int = 3) -> list[CategoryGuess]:
    """The categories the text most likely belongs to, best first, with scores that sum to at most
    1; empty when no word points anywhere."""
    vocabulary = knowledge.vocabulary
    words = tokenize(text)
    votes: dict[str, float] = {}
    for slug in find_phrases([stem(w) for w in words], knowledge.category_phrases):
        votes[slug] = votes.get(slug, 0.0) + 1.0
    for concept in text_concepts(text, knowledge):
        for slug in knowledge.concept_categories.get(concept, ()):
            votes[slug] = votes.get(slug, 0.0) + CONCEPT_VOTE / max(len(knowledge.concept_categories[concept]), 1)
    seen: set[str] = set()
    generic = knowledge.generic
    for word in words:
        if word in STOP_WORDS:
            continue
        whole = [t for t in word_terms(word) if t not in generic]
        if not whole:
            continue
        parts = {stem(p) for p in split_compound(word)} - {stem(word)}
        known = [t for t in whole if t in vocabulary and t not in parts]
        hits = [vocabulary[t] for t in known if t not in seen]
        seen.update(known)
        if not known:
            # A compound's parts, or its known beginning or end, say less than the whole word.
            known_parts = [p for p in parts if p in vocabulary and p not in seen]
            seen.update(known_parts)
            hits = [{s: w * 0.5 for s, w in vocabulary[p].items()} for p in known_parts]
            hits = hits or compound_hits(word, vocabulary)
        # A word votes once, however many of its terms (stem, parts, synonyms) are known.
        merged: dict[str, float] = {}
        for hit in hits:
            for slug, weight in hit.items():
                merged[slug] = max(merged.get(slug, 0.0), weight)
        for slug, weight in merged.items():
            votes[slug] = votes.get(slug, 0.0) + weight
    total = sum(votes.values())
    if total <= 0:
        return []
    # Smoothing: one weak word must not look like certainty.
    denominator = max(total, 1.5)
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [CategoryGuess(slug, round(weight / denominator, 4)) for slug, weight in ranked]
