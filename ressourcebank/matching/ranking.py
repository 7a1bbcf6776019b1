"""Suggesting published offers for a need, with reasons a stressed reader understands, and
knowing when nothing fits.

Search (ressourcebank/search) wants every word of a query; a need is a paragraph in everyday words,
so matching asks the index differently, through search's candidates (search/candidates.py):
1. Candidates, bounded so one match costs the same at 1,000 or 1,000,000 offers: for each of the
   need's most telling words the newest PER_QUERY offers that contain it (and, for a common word,
   also the newest near the need), plus the newest PER_QUERY offers near the need in each category
   the text most likely belongs to — so "min mor sidder alene" finds visiting friends that share
   no word with it.
2. Each candidate gets signals (see `Signals`): the need's own words in the offer's own text
   (stems, compound parts, synonyms, weighed by how rare the word is among the offers — evidence
   the category guess cannot silence), the concepts both name (ressourcebank/search/lexicon/
   concepts.tsv), the category's probability from the lexicon and from the model trained on the
   offers' own words (offer_model.py), distance, capacity left and freshness. They are combined
   with weights fitted on the training half of the development set (data/weights.json, fitted by
   `python -m bench.matching --fit`).
3. The best few are loaded as offers; an offer whose quota is used up goes last whatever its score.
   Each gets a calibrated chance of fitting (a logistic model of its signals, fitted on the same
   training half) and from it a confidence ("high", "medium", "low"); a need has a good match when
   one of its suggestions is not "low". `coverage` and `key_coverage` (how much of what the need
   says, and of its rarest words, the offer takes up) are what tells "nothing fits" from a fit.
"""

import itertools
import json
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ressourcebank.matching.classify import classify
from ressourcebank.matching.knowledge import Knowledge, current_knowledge, phrase_concepts, text_concepts
from ressourcebank.matching.offer_model import CategoryModel, current_model
from ressourcebank.offers.models import CapacityKind, Offer
from ressourcebank.search.analysis import STOP_WORDS, split_compound, stem, tokenize, word_terms
from ressourcebank.search.candidates import IndexedOffer, newest_offers_in_category, newest_offers_with_word
from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.models import Area, Category

PER_QUERY = 40  # candidates per word or category query
MAX_WORDS = 6  # the need's words that fetch candidates
MAX_CATEGORIES = 3
MIN_CATEGORY_SCORE = 0.15
NEAR_KM = 8.0
RELATED = ("category", "area", "organisation", "owner")
RESCORE = 2  # how many times `limit` candidates are loaded as offers for the final ordering

SIGNALS = (
    "lexical",
    "concept",
    "coverage",
    "key_coverage",
    "category_lexicon",
    "category_model",
    "distance",
    "capacity",
    "freshness",
)
Confidence = str  # "high" | "medium" | "low"


@lru_cache(maxsize=1)
def weights() -> dict[str, Any]:
    """The fitted weights and confidence thresholds (data/weights.json)."""
    text = resources.files("ressourcebank.matching").joinpath("data", "weights.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


GENERIC_WEIGHT = 0.15
REASON_RARITY = 0.5  # a shared word this common, and in no concept, is no reason ("sidder", "næsten")
MIN_PREFIX = 4  # a need word matches the start of an unsplit offer word ("skat" in "skattehjælp")
MIN_SUFFIX = 5  # and the end of one ("regning" in "varmeregning"); shorter ends match by chance


@dataclass
class Suggestion:
    offer: Offer
    score: float
    reasons: list[str] = field(default_factory=list)
    confidence: Confidence = "low"
    probability: float = 0.0  # the calibrated chance that this offer fits the need (confidence_model)


@dataclass
class Match:
    """The suggestions for a need, best first, and whether any of them is a good match."""

    suggestions: list[Suggestion] = field(default_factory=list)
    has_good_match: bool = False

    @property
    def good(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.confidence != "low"]

    @property
    def maybe(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.confidence == "low"]


@dataclass
class _Word:
    """One word of the need: the terms that count as it (with their strength) and its weight."""

    text: str
    stem: str
    terms: dict[str, float]
    parts: tuple[str, ...]
    weight: float
    # How rare the word is among the offers (the category model's document frequencies).
    rarity: float = 1.0
    has_concept: bool = False  # the lexicon knows what it is about

    def __post_init__(self) -> None:
        # Padded once here, not per candidate: this is the inner loop of a match.
        self.needles = sorted(((f" {t} ", c) for t, c in self.terms.items()), key=lambda n: -n[1])
        self.part_needles = [f" {p} " for p in self.parts]
        self.prefix_needle = f" {self.stem}" if len(self.stem) >= MIN_PREFIX else None
        # The end of an offer's compound the analysis could not split: "regning" in "varmeregning".
        self.suffix_needle = f"{self.stem} " if len(self.stem) >= MIN_SUFFIX else None


@dataclass
class _Candidate:
    offer: IndexedOffer
    matched: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def object_id(self) -> int:
        return self.offer.object_id


# --- The need's words ---------------------------------------------------------------------------


def need_words(
    text: str, generic: frozenset[str] = frozenset(), unimportant: frozenset[str] = frozenset()
) -> list[_Word]:
    """The need's distinct words with what matches them: the stem (1), synonyms (0.8), or all of
    a compound's parts (0.7, checked separately). Generic words (the lexicon's generic_words.txt)
    and the `unimportant` ones (place names: distance is weighed on its own) count little."""
    words: list[_Word] = []
    seen: set[str] = set()
    for word in tokenize(text):
        if word in STOP_WORDS or word.isdigit() or len(word) < 2:
            continue
        whole = stem(word)
        if whole in seen:
            continue
        seen.add(whole)
        terms = {t: (1.0 if t == whole else 0.8) for t in word_terms(word)}
        if len(whole) >= 4 and whole[-1] in "esr":
            # Snowball stems singular and plural apart now and then ("danse" -> "dans", "dans" -> "dan").
            terms.setdefault(whole[:-1], 0.8)
        parts = tuple(dict.fromkeys(stem(p) for p in split_compound(word)))
        for part in parts:
            terms.pop(part, None)
        is_generic = whole in generic or word in unimportant
        weight = GENERIC_WEIGHT if is_generic else 1.0
        words.append(_Word(text=word, stem=whole, terms=terms, parts=parts, weight=weight))
    return words


JOINED = 0.9  # "varme regning" written apart is "varmeregning" when the offers use that word


def join_split_compounds(tokens: list[str], words: list[_Word], known: Collection[str]) -> None:
    """Two neighbouring words that the offers write as one ("varme regning", "lager arbejde"):
    people writing Danish as a second language, and in a hurry, often split compounds. The joined
    word counts for both of them, when the offers use it (`known`: their terms)."""
    by_text = {w.text: w for w in words}
    for first, second in itertools.pairwise(tokens):
        a, b = by_text.get(first), by_text.get(second)
        if a is None or b is None or a is b or not (first.isalpha() and second.isalpha()):
            continue
        for joint in ("", "s", "e"):
            joined = stem(f"{first}{joint}{second}")
            if joined in known:
                for word in (a, b):
                    word.terms.setdefault(joined, JOINED)
                    word.__post_init__()
                break


def _query_words(words: list[_Word]) -> list[_Word]:
    """The most telling words fetch candidates: not generic, rarest first (then longest)."""
    telling = [w for w in words if w.weight >= 1.0 and len(w.text) >= 3]
    return sorted(telling, key=lambda w: (-w.rarity, -len(w.text)))[:MAX_WORDS]


# --- Candidates from the search index (read-only) ----------------------------------------------


def _word_offers(word: _Word, near_ids: Sequence[int] | None) -> list[IndexedOffer]:
    return newest_offers_with_word(word.terms, word.parts, near=near_ids, limit=PER_QUERY)


def _candidates(words: list[_Word], category_ids: Iterable[int], near_ids: Sequence[int]) -> list[_Candidate]:
    found: dict[int, IndexedOffer] = {}
    for word in _query_words(words):
        offers = _word_offers(word, None)
        if len(offers) >= PER_QUERY:
            # A common word: the newest anywhere may all be far away; the near ones matter more.
            offers += _word_offers(word, near_ids)
        for offer in offers:
            found.setdefault(offer.object_id, offer)
    for rank, category_id in enumerate(category_ids):
        for offer in newest_offers_in_category(category_id, near=near_ids, limit=PER_QUERY):
            found.setdefault(offer.object_id, offer)
        if rank < 2:  # the likeliest categories also anywhere: the best fit may be a little further away
            for offer in newest_offers_in_category(category_id, limit=PER_QUERY):
                found.setdefault(offer.object_id, offer)
    return [_Candidate(offer) for offer in found.values()]


# --- Signals --------------------------------------------------------------------------------------


def _sections(title_terms: str, body_terms: str) -> list[tuple[str, float]]:
    """The title and description of an offer, each padded with spaces (so that " term " finds a
    whole term and " term" a term's beginning), with what a match there is worth: title 1,
    description 0.7. The category's words are not the offer's own words and do not count here."""
    return [(f" {title_terms} ", 1.0), (f" {body_terms} ", 0.7)]


def _word_match(word: _Word, sections: list[tuple[str, float]]) -> float:
    """How strongly a candidate contains the word, by where (see _sections) times how close the
    matching term is (stem 1, synonym 0.8, all compound parts 0.7, the start of a longer word 0.6)."""
    best = 0.0
    for text, strength in sections:
        if strength <= best:
            break
        for needle, closeness in word.needles:
            if closeness * strength <= best:
                break
            if needle in text:
                best = strength * closeness
                break
        if word.part_needles and 0.7 * strength > best and all(n in text for n in word.part_needles):
            best = strength * 0.7
        # Compounds the analysis could not split: "skat" in "skattehjælp".
        if 0.6 * strength > best and word.prefix_needle and word.prefix_needle in text:
            best = strength * 0.6
        if 0.6 * strength > best and word.suffix_needle and ends_a_term(text, word.suffix_needle):
            best = strength * 0.6
    return best


def ends_a_term(text: str, ending: str) -> bool:
    """Whether `ending` ("regning ", padded on the right) ends a longer term of the space-separated
    `text`: "varmeregning" ends with "regning", "regning" alone does not count here."""
    at = text.find(ending)
    while at > 0:
        if text[at - 1] != " ":
            return True
        at = text.find(ending, at + 1)
    return False


def text_relevance(words: list[_Word], title_terms: str, body_terms: str) -> tuple[float, list[str]]:
    """0..1: saturating in the weighted number of the need's words the offer's own text (its
    title and description terms) contains, a rare word counting more; and the meaningful words it
    shares (for the reasons)."""
    relevance, matched, _strengths = text_evidence(words, title_terms, body_terms)
    return relevance, matched


def text_evidence(words: list[_Word], title_terms: str, body_terms: str) -> tuple[float, list[str], dict[str, float]]:
    """`text_relevance`, and how strongly the offer contains each of the need's words (for
    `coverage`)."""
    sections = _sections(title_terms, body_terms)
    total = 0.0
    matched = []
    strengths: dict[str, float] = {}
    for word in words:
        strength = _word_match(word, sections)
        if strength > 0:
            strengths[word.text] = strength
            total += word.weight * word.rarity * strength
            if word.weight >= 1.0 and strength >= 0.7 and (word.rarity >= REASON_RARITY or word.has_concept):
                matched.append(word.text)
    return 1.0 - math.exp(-total / 1.2), matched, strengths


CONCEPT_COVERS = 0.8  # a need word naming a concept the offer shares covers it almost as its own word


def coverage(words: list[_Word], strengths: dict[str, float], concept_words: Iterable[str]) -> float:
    """0..1: the share of what the need says (its telling words, a rare word counting more) that
    the offer's text or concepts take up. An offer that shares only "datter" with a need about a
    wedding and a daughter covers little of it; this is what tells "nothing fits" from a fit."""
    named = set(concept_words)
    possible = 0.0
    covered = 0.0
    for word in words:
        if word.weight < 1.0:
            continue
        possible += word.rarity
        strength = strengths.get(word.text, 0.0)
        if word.text in named:
            strength = max(strength, CONCEPT_COVERS)
        covered += word.rarity * min(strength, 1.0)
    return covered / possible if possible > 0 else 0.0


KEY_WORDS = 2


def key_words(words: list[_Word]) -> list[_Word]:
    """The need's rarest telling words (KEY_WORDS of them)."""
    return sorted((w for w in words if w.weight >= 1.0), key=lambda w: -w.rarity)[:KEY_WORDS]


def key_coverage(words: list[_Word], strengths: dict[str, float], concept_words: Iterable[str]) -> float:
    """0..1: how much of the need's rarest telling words the offer takes up: "helikopter" in "lære
    at flyve en helikopter" decides, "lære" does not. `words` are the need's words, or already
    its `key_words` (once per need, not per candidate)."""
    return coverage(key_words(words), strengths, concept_words)


def concept_overlap(need_concepts: dict[str, str], offer_concepts: set[str]) -> tuple[float, list[str]]:
    """0..1 from the concepts both the need and the offer name; and the need's words naming them."""
    shared = [c for c in need_concepts if c in offer_concepts]
    words = list(dict.fromkeys(need_concepts[c] for c in shared if need_concepts[c]))
    return 1.0 - math.exp(-len(shared) / 1.0), words


def distance_score(km: float | None) -> float:
    """1 when near (same area, whole municipality, remote), falling with the distance."""
    if km is None:
        return 1.0
    return 1.0 / (1.0 + km / 6.0)


def freshness_score(published_at: datetime, now: datetime) -> float:
    days = max((now - published_at).total_seconds() / 86400, 0.0)
    return 1.0 / (1.0 + days / 180.0)


def capacity_left(offer: Offer) -> tuple[int | None, bool]:
    """(hours left this period or None when not a quota, whether the quota is used up)."""
    if offer.capacity_kind not in (CapacityKind.HOURS_PER_MONTH, CapacityKind.HOURS_PER_WEEK):
        return None, False
    left = max((offer.capacity_amount or 0) - offer.hours_used_in_period(), 0)
    return left, left <= 0


def combine(signals: dict[str, float], fitted: dict[str, Any]) -> float:
    """The score: the signals weighed as fitted."""
    return sum(fitted["weights"].get(name, 0.0) * value for name, value in signals.items())


def probability(signals: dict[str, float], score: float, fitted: dict[str, Any]) -> float:
    """0..1: the calibrated chance that the offer fits the need (graded "helps" or "fits"), from
    its signals and score through the logistic model fitted on the training half of the
    development set (weights.json "confidence" "model", `python -m bench.matching --fit`)."""
    model = fitted["confidence"]["model"]
    features = {**signals, "score": score}
    z = model["intercept"] + sum(c * features.get(name, 0.0) for name, c in model["coefficients"].items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def confidence_of(chance: float, fitted: dict[str, Any]) -> Confidence:
    """ "high", "medium" or "low" from the calibrated chance (thresholds fitted with the model:
    "medium" is where a need counts as having a good match)."""
    thresholds = fitted["confidence"]
    if chance >= thresholds["high"]:
        return "high"
    if chance >= thresholds["medium"]:
        return "medium"
    return "low"


# --- Reasons ------------------------------------------------------------------------------------


def _place_reason(offer: Offer, need_area: Area, km: float | None) -> str:
    if offer.is_remote:
        return _("Kan gives over telefon eller online")
    if offer.area.is_whole_municipality:
        return _("Hele kommunen")
    if offer.area_id == need_area.pk:
        return _("%(area)s, samme område") % {"area": offer.area.name}
    if km is None:
        return offer.area.name
    return _("%(area)s, %(km)s km") % {"area": offer.area.name, "km": max(1, round(km))}


def _capacity_reason(offer: Offer, left: int | None) -> str:
    if left is not None:
        if offer.capacity_kind == CapacityKind.HOURS_PER_MONTH:
            if left <= 0:
                return _("Ingen timer tilbage i denne måned")
            return ngettext("%(left)s time tilbage i denne måned", "%(left)s timer tilbage i denne måned", left) % {
                "left": left
            }
        if left <= 0:
            return _("Ingen timer tilbage denne uge")
        return ngettext("%(left)s time tilbage denne uge", "%(left)s timer tilbage denne uge", left) % {"left": left}
    if offer.capacity_kind == CapacityKind.PLACES:
        amount = offer.capacity_amount or 0
        return ngettext("%(amount)s plads", "%(amount)s pladser", amount) % {"amount": amount}
    return _("En enkelt gang")


def _quoted(words: list[str]) -> str:
    quoted = [f"»{w}«" for w in words[:3]]
    if len(quoted) == 1:
        return quoted[0]
    return _("%(first)s og %(last)s") % {"first": ", ".join(quoted[:-1]), "last": quoted[-1]}


def words_reason(matched: list[str], concept_words: list[str], category: Category | None) -> str | None:
    """In plain Danish, what the need and the offer share: the need's own meaningful words that the
    offer also uses, else the words that name what the offer is about. Never a stop word or a
    generic word (they never reach `matched`)."""
    if matched:
        return _("Tilbuddet nævner %(words)s, som du skrev") % {"words": _quoted(matched)}
    if concept_words:
        if category is not None:
            return _("Du skrev %(words)s – det er det, %(category)s handler om") % {
                "words": _quoted(concept_words),
                "category": category.name.lower(),
            }
        return _("Du skrev %(words)s – det handler tilbuddet også om") % {"words": _quoted(concept_words)}
    return None


# --- The interface --------------------------------------------------------------------------------


@dataclass
class _Need:
    """A need analysed once: its words, concepts and category probabilities."""

    words: list[_Word]
    concepts: dict[str, str]
    fit_lexicon: dict[int, float]
    fit_model: dict[int, float]
    knowledge: Knowledge
    categories: dict[str, Category]


def everyday_rarity(word: str) -> float:
    """0.2..1: how rare the word is in everyday Danish (wordfreq's Zipf frequency, 7 for the most
    common words, 0 for unknown ones). Measured on the training half: a need is short, so a common
    word the offers happen to share ("næsten", "sidder", "mand") otherwise outweighs the one word
    that says what is wanted."""
    from wordfreq import zipf_frequency  # noqa: PLC0415 - loads its Danish list on first use

    return max(0.2, min(1.0, (7.0 - zipf_frequency(word, "da")) / 4.0))


def _analyse(
    text: str,
    chosen: Category | None,
    areas: dict[int, Area],
    knowledge: Knowledge | None = None,
    categories: dict[str, Category] | None = None,
) -> _Need:
    if knowledge is None or categories is None:
        knowledge, categories = current_knowledge()
    fitted = weights()
    model: CategoryModel | None = current_model()
    by_slug = {slug: c.pk for slug, c in categories.items()}
    guesses = classify(text, knowledge, limit=MAX_CATEGORIES)
    fit_lexicon = {by_slug[g.slug]: g.score for g in guesses if g.slug in by_slug}
    words = need_words(text, knowledge.generic, frozenset(w for a in areas.values() for w in tokenize(a.name)))
    fit_model: dict[int, float] = {}
    use_wordfreq = fitted.get("use_wordfreq", False)
    for word in words:
        rarity = 1.0
        if model is not None:
            rarity = max(model.idf(word.stem), 0.15)
            if not word.parts and (head := model.compound_head(word.text)):
                # A compound the lexicon cannot split, split against the offers' own words:
                # "kontorfunktioner" starts with "kontor".
                word.parts = ()
                word.terms.setdefault(head, 0.6)
                word.__post_init__()
        if use_wordfreq:
            rarity *= everyday_rarity(word.text)
        word.rarity = rarity
        word.has_concept = word.stem in knowledge.concept_terms
    if model is not None:
        join_split_compounds(tokenize(text), words, model.terms)
        terms = [t for w in words if w.weight >= 1.0 for t in (*w.terms, *w.parts)]
        fit_model = model.category_probabilities(terms, fitted.get("model_temperature", 1.0))
    if chosen is not None:
        fit_lexicon = {pk: score * 0.5 for pk, score in fit_lexicon.items()}
        fit_lexicon[chosen.pk] = 1.0
        fit_model = {pk: score * 0.5 for pk, score in fit_model.items()}
        fit_model[chosen.pk] = 1.0
    return _Need(words, text_concepts(text, knowledge), fit_lexicon, fit_model, knowledge, categories)


def _score_candidates(need: _Need, area: Area, areas: dict[int, Area]) -> list[_Candidate]:
    """The candidates for the analysed need, each with its signals (capacity not yet: that needs the
    offer loaded) and its score."""
    near_ids = sorted(
        pk
        for pk, a in areas.items()
        if a.is_whole_municipality or pk == area.pk or (area.distance_km(a) or 0.0) <= NEAR_KM
    )
    fit = {
        pk: max(need.fit_lexicon.get(pk, 0.0), need.fit_model.get(pk, 0.0))
        for pk in {*need.fit_lexicon, *need.fit_model}
    }
    fetch = [
        pk for pk, score in sorted(fit.items(), key=lambda kv: -kv[1])[:MAX_CATEGORIES] if score >= MIN_CATEGORY_SCORE
    ]
    candidates = _candidates(need.words, fetch, near_ids)
    now = timezone.now()
    km_of: dict[int, float | None] = {pk: area.distance_km(a) for pk, a in areas.items()}
    fitted = weights()
    # Only the need's own concepts can be shared, so only the terms naming one of them are looked
    # for in each candidate (the same result as all the offer's concepts, at a fraction of the work:
    # this loop runs for a hundred or more candidates per match).
    wanted = frozenset(need.concepts)
    naming = {t: cs & wanted for t, cs in need.knowledge.concept_terms.items() if not cs.isdisjoint(wanted)}
    # The phrases an offer writes count as its concepts too ("læser højt"), again only the need's.
    phrases = [(p, c) for p, c in need.knowledge.concept_term_phrases if c in wanted]
    keys = key_words(need.words)
    for candidate in candidates:
        offer = candidate.offer
        lexical, candidate.matched, strengths = text_evidence(need.words, offer.title_terms, offer.body_terms)
        offer_concepts: set[str] = set()
        if naming or phrases:
            own_terms = f"{offer.title_terms} {offer.body_terms}".split()
            for term in own_terms:
                if term in naming:
                    offer_concepts |= naming[term]
            if phrases:
                offer_concepts |= phrase_concepts(own_terms, phrases, offer_concepts)
        concept, candidate.concepts = concept_overlap(need.concepts, offer_concepts)
        km = None if offer.is_remote else km_of.get(offer.area_id)
        category_id = offer.category_id or 0
        candidate.signals = {
            "lexical": lexical,
            "concept": concept,
            "coverage": coverage(need.words, strengths, candidate.concepts),
            "key_coverage": key_coverage(keys, strengths, candidate.concepts),
            "category_lexicon": need.fit_lexicon.get(category_id, 0.0),
            "category_model": need.fit_model.get(category_id, 0.0),
            "distance": distance_score(km),
            "capacity": 1.0,
            "freshness": freshness_score(offer.published_at, now),
        }
        candidate.score = combine(candidate.signals, fitted)
    return candidates


def match_need(
    title: str,
    description: str,
    area: Area,
    *,
    category: Category | str | None = None,
    limit: int = 10,
) -> Match:
    """Published offers that may help with the need described, best first, each with its reasons
    and a confidence; and whether any of them is a good match."""
    if limit <= 0:
        return Match()
    text = f"{title or ''} {description or ''}".strip()
    # The areas as held per process (taxonomy.cache), and the knowledge asked for once: each is a
    # query and a few milliseconds of ORM work, at 1M offers a fifth of a match.
    areas = {a.pk: a for a in taxonomy().areas}
    knowledge, categories = current_knowledge()
    chosen = categories.get(category) if isinstance(category, str) else category
    need = _analyse(text, chosen, areas, knowledge=knowledge, categories=categories)
    candidates = _score_candidates(need, area, areas)
    if not candidates:
        return Match()
    fitted = weights()
    km_of: dict[int, float | None] = {pk: area.distance_km(a) for pk, a in areas.items()}
    best = sorted(candidates, key=lambda c: (-c.score, -c.object_id))[: limit * RESCORE]
    # By primary key, then checked one by one: published()'s OR over the organisation join makes
    # SQLite walk the status index past a million rows instead of reading forty by id.
    offers = Offer.objects.filter(pk__in=[c.object_id for c in best]).select_related(*RELATED)
    offers = offers.with_hours_used()  # the hours ledger: capacity without a query per offer
    by_id = {offer.pk: offer for offer in offers if offer.is_public}
    suggestions: list[tuple[bool, Suggestion]] = []
    for candidate in best:
        offer = by_id.get(candidate.object_id)
        if offer is None:  # unpublished since it was indexed
            continue
        left, used_up = capacity_left(offer)
        capacity = 1.0 if left is None else min(left / max(offer.capacity_amount or 1, 1), 1.0)
        signals = {**candidate.signals, "capacity": capacity}
        score = combine(signals, fitted)
        km = None if offer.is_remote else km_of.get(offer.area_id)
        reasons = [offer.category.name, _place_reason(offer, area, km), _capacity_reason(offer, left)]
        if reason := words_reason(candidate.matched, candidate.concepts, offer.category):
            reasons.append(reason)
        chance = probability(signals, score, fitted)
        confidence = "low" if used_up else confidence_of(chance, fitted)
        suggestion = Suggestion(
            offer=offer, score=round(score, 4), reasons=reasons, confidence=confidence, probability=round(chance, 4)
        )
        suggestions.append((used_up, suggestion))
    suggestions.sort(key=lambda pair: (pair[0], -pair[1].score, -pair[1].offer.pk))
    result = [suggestion for _used_up, suggestion in suggestions[:limit]]
    return Match(suggestions=result, has_good_match=any(s.confidence != "low" for s in result))


def suggest_offers(
    title: str,
    description: str,
    area: Area,
    *,
    category: Category | str | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """The suggestions of `match_need`, for callers that only list them."""
    return match_need(title, description, area, category=category, limit=limit).suggestions
