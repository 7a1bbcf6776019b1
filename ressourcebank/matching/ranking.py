"""Suggesting published offers for a need, with reasons a stressed reader understands.

Search (ressourcebank/search) wants every word of a query; a need is a paragraph in everyday words,
so matching asks differently and reads the search index itself (read-only):
1. Candidates, bounded so one match costs the same at 1,000 or 1,000,000 offers: for each of the
   need's most telling words the newest PER_QUERY offers that contain it (and, for a common word,
   also the newest near the need), plus the newest PER_QUERY offers near the need in each category
   the text most likely belongs to (ressourcebank/matching/classify.py) — so "min mor sidder
   alene" finds visiting friends that share no word with it.
2. Each candidate is scored from its indexed terms: how many of the need's words it covers (title
   above description above category words), how well its category fits, how near it is (whole
   municipality and phone/online offers count as near), how fresh it is.
3. The best few are loaded as offers and the capacity left this period is added; an offer whose
   quota is used up goes last whatever its score.
"""

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ressourcebank.matching.classify import Vocabulary, build_vocabulary, classify, related_terms
from ressourcebank.offers.models import CapacityKind, Offer
from ressourcebank.search.analysis import STOP_WORDS, split_compound, stem, tokenize, word_terms
from ressourcebank.taxonomy.models import Area, Category

OFFER_KIND = 1  # SearchEntry.Kind.OFFER
NEED_KIND = 2
PER_QUERY = 40  # candidates per word or category query
MAX_WORDS = 6  # the need's words that fetch candidates
MAX_CATEGORIES = 3
MIN_CATEGORY_SCORE = 0.15
NEAR_KM = 8.0
RELATED = ("category", "area", "organisation", "owner")
RESCORE = 2  # how many times `limit` candidates are loaded as offers for the final ordering

TEXT_WEIGHT = 0.45
CATEGORY_WEIGHT = 0.40
DISTANCE_WEIGHT = 0.08
CAPACITY_WEIGHT = 0.04
FRESHNESS_WEIGHT = 0.03

# Words in almost every need or offer; they fetch nothing and count little.
GENERIC_WORDS = frozenset(
    """
    hjælp hjælpe hjælper brug behov gerne god godt lidt nogen noget person personer tid tak ønske
    ønsker kan vil have gøre få giver give tilbyde tilbud hej kære ting svært svær finde klare
    mangler mangle gang gange kunne lige meget rigtig helt altid aldrig nogle hver komme kommer
    kommet blive bliver blevet går gået tage tager sige siger ved vide aner dag dage år uge uger
    måned måneder ingen andre anden mere mest stadig bare godt ny nye sidste første tror synes
    lave laver gjort ske sker sted by byen kommune kommunen randers
    """.split()  # noqa: SIM905 - a word list reads better as text
)
GENERIC_WEIGHT = 0.15
UNCOUNTED_RARITY = 0.7
RELATED_CLOSENESS = 0.55
MIN_PREFIX = 4  # a need word matches the start of an unsplit offer word ("skat" in "skattehjælp")


@dataclass
class Suggestion:
    offer: Offer
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Word:
    """One word of the need: the terms that count as it (with their strength) and its weight."""

    text: str
    stem: str
    terms: dict[str, float]
    parts: tuple[str, ...]
    weight: float
    # From how many offers contain it (counted while fetching, up to PER_QUERY): rare words tell more.
    rarity: float = UNCOUNTED_RARITY

    def __post_init__(self) -> None:
        # Padded once here, not per candidate: this is the inner loop of a match.
        self.needles = sorted(((f" {t} ", c) for t, c in self.terms.items()), key=lambda n: -n[1])
        self.part_needles = [f" {p} " for p in self.parts]
        self.prefix_needle = f" {self.stem}" if len(self.stem) >= MIN_PREFIX else None


@dataclass
class _Candidate:
    object_id: int
    terms: str
    published_at: datetime
    category_id: int | None
    area_id: int
    is_remote: bool
    text: float = 0.0
    matched: list[str] = field(default_factory=list)
    score: float = 0.0


# --- The need's words ---------------------------------------------------------------------------


def need_words(text: str, unimportant: frozenset[str] = frozenset()) -> list[_Word]:
    """The need's distinct words with what matches them: the stem (1), synonyms (0.8), or all of
    a compound's parts (0.7, checked separately). Generic words and the `unimportant` ones (place
    names: distance is weighed on its own) count little."""
    words: list[_Word] = []
    seen: set[str] = set()
    for word in tokenize(text):
        if word in STOP_WORDS or word.isdigit() or len(word) < 2:
            continue
        whole = stem(word)
        if whole in seen:
            continue
        seen.add(whole)
        terms = dict.fromkeys(related_terms().get(whole, ()), RELATED_CLOSENESS)
        terms.update({t: (1.0 if t == whole else 0.8) for t in word_terms(word)})
        parts = tuple(dict.fromkeys(stem(p) for p in split_compound(word)))
        for part in parts:
            terms.pop(part, None)
        generic = word in GENERIC_WORDS or whole in _GENERIC_STEMS or word in unimportant
        weight = GENERIC_WEIGHT if generic else 1.0
        words.append(_Word(text=word, stem=whole, terms=terms, parts=parts, weight=weight))
    return words


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)


def _query_words(words: list[_Word]) -> list[_Word]:
    """The most telling words fetch candidates: not generic, longest first (a long word is rarer)."""
    telling = [w for w in words if w.weight >= 1.0 and len(w.text) >= 3]
    return sorted(telling, key=lambda w: -len(w.text))[:MAX_WORDS]


# --- Candidates from the search index (read-only) ----------------------------------------------


_COLUMNS = "e.object_id, e.terms, e.published_at, e.category_id, e.area_id, e.is_remote"


def _fts_quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _ts_quote(term: str) -> str:
    return "'" + term.replace("'", "").replace("\\", "") + "'"


def _word_rows(word: _Word, area_ids: Sequence[int] | None, limit: int) -> list[tuple[Any, ...]]:
    """The newest `limit` offers containing the word (near the need when area_ids is given)."""
    if connection.vendor == "postgresql":
        return _word_rows_postgresql(word, area_ids, limit)
    options = [_fts_quote(t) for t in word.terms]
    if word.parts:
        options.append("(" + " AND ".join(_fts_quote(p) for p in word.parts) + ")")
    query = "(" + " OR ".join(options) + ")"
    if area_ids is not None:
        query += " AND (" + " OR ".join(_fts_quote(t) for t in [*(f"a{a}" for a in area_ids), "r1"]) + ")"
    # fts5 walks the doclists newest first and stops at the limit, also for the area tokens.
    query += f' NOT "k{NEED_KIND}"'
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS} FROM search_entry e WHERE e.id IN"  # noqa: S608
            " (SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s)",
            [query, limit],
        )
        return cursor.fetchall()


COMMON_SHARE = 0.005  # a term in more entries than this is found fastest by walking the newest
_common_cache: dict[str, Any] = {}


def _common_terms() -> dict[str, float]:
    """PostgreSQL's own statistics of the most common terms (kept by ANALYZE), re-read every few
    minutes. A term it does not list is rarer than all it lists."""
    if _common_cache.get("until", 0.0) < time.monotonic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'search_entry' AND attname = 'vec'"
            )
            row = cursor.fetchone()
        found = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _common_cache.update(terms=found, until=time.monotonic() + 300)
    common: dict[str, float] = _common_cache["terms"]
    return common


def _word_rows_postgresql(word: _Word, area_ids: Sequence[int] | None, limit: int) -> list[tuple[Any, ...]]:
    """Two plans, chosen here because the planner guesses badly for a term its statistics do not
    list (it walks a million rows newest first looking for a word nobody used): a common word walks
    the newest entries and stops at the limit; a rare one reads its few matches from the GIN index
    first (MATERIALIZED keeps the planner from undoing that)."""
    options = [_ts_quote(t) for t in word.terms]
    if word.parts:
        options.append("(" + " & ".join(_ts_quote(p) for p in word.parts) + ")")
    query = " | ".join(options)
    common = _common_terms()
    share = sum(common.get(t, 0.0) for t in word.terms)
    if word.parts:
        # All the parts together: about as rare as the product of their shares.
        share += math.prod(common.get(p, 0.0) for p in word.parts)
    near = ""
    params: list[Any] = []
    if area_ids is not None:
        near = f" AND (e.area_id IN ({', '.join(['%s'] * len(area_ids))}) OR e.is_remote)"
        params = list(area_ids)
    with connection.cursor() as cursor:
        if share >= COMMON_SHARE:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM search_entry e WHERE e.kind = %s"  # noqa: S608
                f" AND e.vec @@ to_tsquery('simple', %s){near} ORDER BY e.id DESC LIMIT %s",
                [OFFER_KIND, query, *params, limit],
            )
        else:
            cursor.execute(
                "WITH m AS MATERIALIZED (SELECT id FROM search_entry WHERE vec @@ to_tsquery('simple', %s))"  # noqa: S608
                f" SELECT {_COLUMNS} FROM search_entry e JOIN m ON m.id = e.id WHERE e.kind = %s{near}"
                " ORDER BY e.id DESC LIMIT %s",
                [query, OFFER_KIND, *params, limit],
            )
        return cursor.fetchall()


def _category_rows(category_id: int, area_ids: Sequence[int], limit: int) -> list[tuple[Any, ...]]:
    """The newest `limit` offers in the category that are near the need or given remotely."""
    placeholders = ", ".join(["%s"] * len(area_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS} FROM search_entry e WHERE e.kind = %s AND e.category_id = %s"  # noqa: S608
            f" AND (e.area_id IN ({placeholders}) OR e.is_remote = %s) ORDER BY e.published_at DESC LIMIT %s",
            [OFFER_KIND, category_id, *area_ids, True, limit],
        )
        return cursor.fetchall()


def _candidates(words: list[_Word], category_ids: Iterable[int], near_ids: Sequence[int]) -> list[_Candidate]:
    rows: dict[int, tuple[Any, ...]] = {}
    for word in _query_words(words):
        found = _word_rows(word, None, PER_QUERY)
        word.rarity = 0.4 + 0.6 * math.log(1 + PER_QUERY / max(len(found), 1)) / math.log(1 + PER_QUERY)
        if len(found) >= PER_QUERY:
            # A common word: the newest anywhere may all be far away; the near ones matter more.
            found += _word_rows(word, near_ids, PER_QUERY)
        for row in found:
            rows.setdefault(row[0], row)
    for category_id in category_ids:
        for row in _category_rows(category_id, near_ids, PER_QUERY):
            rows.setdefault(row[0], row)
    result = []
    for object_id, terms, published_at, category_id, area_id, is_remote in rows.values():
        if isinstance(published_at, str):  # SQLite through a raw cursor
            published_at = datetime.fromisoformat(published_at)
        if timezone.is_naive(published_at):
            published_at = timezone.make_aware(published_at, UTC)
        result.append(_Candidate(object_id, terms, published_at, category_id, area_id, bool(is_remote)))
    return result


# --- Scoring --------------------------------------------------------------------------------------


def _sections(terms: str) -> list[tuple[str, float]]:
    """The title, description and category words of an entry, each padded with spaces (so that
    " term " finds a whole term and " term" a term's beginning), with what a match there is worth:
    title 1, description 0.7, only the category's words 0.25."""
    parts = terms.split(" | ")
    if len(parts) < 4:
        return []
    return [(f" {parts[1]} ", 1.0), (f" {parts[2]} ", 0.7), (f" {parts[3]} ", 0.25)]


def _word_match(word: _Word, sections: list[tuple[str, float]]) -> float:
    """How strongly a candidate contains the word, by where (see _sections) times how close the
    matching term is (stem 1, synonym 0.8, all compound parts 0.7, the start of a longer word 0.6,
    a related word 0.55)."""
    best = 0.0
    for i, (text, strength) in enumerate(sections):
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
        # Compounds the analysis could not split: "skat" in "skattehjælp" (not in category words).
        if 0.6 * strength > best and i < 2 and word.prefix_needle and word.prefix_needle in text:
            best = strength * 0.6
    return best


def text_relevance(words: list[_Word], terms: str) -> tuple[float, list[str]]:
    """0..1: saturating in the weighted number of the need's words the offer contains."""
    sections = _sections(terms)
    total = 0.0
    matched = []
    for word in words:
        strength = _word_match(word, sections)
        if strength > 0:
            total += word.weight * word.rarity * strength
            if word.weight >= 1.0 and strength >= 0.7:
                matched.append(word.text)
    return 1.0 - math.exp(-total / 1.5), matched


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


def _words_reason(matched: list[str]) -> str | None:
    if not matched:
        return None
    return _("Nævner %(words)s") % {"words": ", ".join(f"»{w}«" for w in matched[:3])}


# --- The interface --------------------------------------------------------------------------------


def category_vocabulary() -> tuple[Vocabulary, dict[str, Category]]:
    categories = {c.slug: c for c in Category.objects.filter(is_active=True)}
    vocabulary = _vocabulary_for(tuple((c.slug, c.name, c.keywords) for c in categories.values()))
    return vocabulary, categories


_VOCABULARY_CACHE: dict[tuple[tuple[str, str, str], ...], Vocabulary] = {}


def _vocabulary_for(key: tuple[tuple[str, str, str], ...]) -> Vocabulary:
    """Built once per set of category words (staff may edit keywords; a change makes a new one)."""
    vocabulary = _VOCABULARY_CACHE.get(key)
    if vocabulary is None:
        if len(_VOCABULARY_CACHE) > 8:
            _VOCABULARY_CACHE.clear()
        vocabulary = _VOCABULARY_CACHE[key] = build_vocabulary(key)
    return vocabulary


def category_fit(text: str, chosen: Category | None, vocabulary: Vocabulary) -> dict[str, float]:
    """slug -> 0..1: the chosen category counts fully, the guessed ones by their score."""
    fit = {guess.slug: guess.score for guess in classify(text, vocabulary, limit=MAX_CATEGORIES)}
    if chosen is not None:
        fit = {slug: score * 0.5 for slug, score in fit.items()}
        fit[chosen.slug] = 1.0
    return fit


def suggest_offers(
    title: str,
    description: str,
    area: Area,
    *,
    category: Category | str | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """Published offers that may help with the need described, best first, each with its reasons."""
    if limit <= 0:
        return []
    text = f"{title or ''} {description or ''}".strip()
    vocabulary, categories = category_vocabulary()
    chosen = categories.get(category) if isinstance(category, str) else category
    fit = category_fit(text, chosen, vocabulary)
    slug_of = {c.pk: slug for slug, c in categories.items()}
    areas = {a.pk: a for a in Area.objects.all()}
    words = need_words(text, frozenset(w for a in areas.values() for w in tokenize(a.name)))
    near_ids = sorted(
        pk
        for pk, a in areas.items()
        if a.is_whole_municipality or pk == area.pk or (area.distance_km(a) or 0.0) <= NEAR_KM
    )
    fetch_categories = [categories[slug].pk for slug, score in fit.items() if score >= MIN_CATEGORY_SCORE]
    candidates = _candidates(words, fetch_categories, near_ids)
    if not candidates:
        return []
    now = timezone.now()
    km_of: dict[int, float | None] = {pk: area.distance_km(a) for pk, a in areas.items()}
    for candidate in candidates:
        candidate.text, candidate.matched = text_relevance(words, candidate.terms)
        km = None if candidate.is_remote else km_of.get(candidate.area_id)
        candidate.score = (
            TEXT_WEIGHT * candidate.text
            + CATEGORY_WEIGHT * fit.get(slug_of.get(candidate.category_id or 0, ""), 0.0)
            + DISTANCE_WEIGHT * distance_score(km)
            + FRESHNESS_WEIGHT * freshness_score(candidate.published_at, now)
        )
    best = sorted(candidates, key=lambda c: (-c.score, -c.object_id))[: limit * RESCORE]
    # By primary key, then checked one by one: published()'s OR over the organisation join makes
    # SQLite walk the status index past a million rows instead of reading forty by id.
    offers = Offer.objects.filter(pk__in=[c.object_id for c in best]).select_related(*RELATED)
    if hasattr(offers, "with_hours_used"):  # the hours ledger: capacity without a query per offer
        offers = offers.with_hours_used()
    by_id = {offer.pk: offer for offer in offers if offer.is_public}
    suggestions: list[tuple[bool, Suggestion]] = []
    for candidate in best:
        offer = by_id.get(candidate.object_id)
        if offer is None:  # unpublished since it was indexed
            continue
        left, used_up = capacity_left(offer)
        capacity = 1.0 if left is None else min(left / max(offer.capacity_amount or 1, 1), 1.0)
        score = candidate.score + CAPACITY_WEIGHT * capacity
        km = None if offer.is_remote else km_of.get(offer.area_id)
        reasons = [offer.category.name, _place_reason(offer, area, km), _capacity_reason(offer, left)]
        if words_reason := _words_reason(candidate.matched):
            reasons.append(words_reason)
        suggestions.append((used_up, Suggestion(offer=offer, score=round(score, 4), reasons=reasons)))
    suggestions.sort(key=lambda pair: (pair[0], -pair[1].score, -pair[1].offer.pk))
    return [suggestion for _used_up, suggestion in suggestions[:limit]]
