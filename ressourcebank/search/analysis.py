"""Danish text to index terms: the one place that decides what a word means to search.

Pure functions, no database. Both databases index and query the terms produced here, so search
behaves the same on SQLite and PostgreSQL by construction.

- Lowercase and NFC-normalise; æ, ø and å are letters of their own and are never folded
  ("får" is not "far", "Langå" is not "langaa").
- Tokens are runs of letters or runs of digits, never a mix: the index reserves mixed tokens such
  as "c12" for filters, so no text can pretend to be a filter.
- Snowball's Danish stemmer, then stop words out.
- Compounds are split against a curated vocabulary of everyday Danish words (parts of at least three
  letters, with the linking "s" or "e"), and the parts are indexed beside the whole word:
  "lektiehjælp" is found by "hjælp" and by "lektier", "besøgsvenner" by "besøgsven".
- A small synonym map (everyday word and professional word) is applied when indexing, so a query
  needs no expansion: an offer about "selvangivelse" is indexed with "skat" too.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ressourcebank.search.lexicon import lexicon
from ressourcebank.taxonomy.reference import reference_categories

_stemmer = snowballstemmer.stemmer("danish")

# Runs of letters, or runs of digits; "e-boks" gives "e" and "boks", "5km" gives "5" and "km".
_TOKEN = re.compile(r"[^\W\d_]+|\d+")

MIN_PART = 3
MAX_WORD = 40  # longer "words" are noise (URLs without punctuation, keyboard mashing)

# The word lists are data (ressourcebank/search/lexicon/, read by ressourcebank/search/lexicon.py).
STOP_WORDS = lexicon().stop_words
VOCABULARY_WORDS = list(lexicon().compound_parts)
SYNONYM_GROUPS = [list(group) for group in lexicon().synonym_groups]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def _taxonomy_words() -> list[str]:
    """The words of the reference categories (names and keywords), from taxonomy's data file."""
    return [w for category in reference_categories() for w in tokenize(f"{category.name} {category.keywords}")]


def _build_vocabulary() -> frozenset[str]:
    words = set(VOCABULARY_WORDS) | set(_taxonomy_words())
    forms = {w for w in words if len(w) >= MIN_PART and w not in STOP_WORDS}
    return frozenset(forms | {stem(w) for w in forms if len(stem(w)) >= MIN_PART})


_SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in SYNONYM_GROUPS:
    _stems = [stem(w) for w in _group]
    for _s in _stems:
        _SYNONYMS[_s] = tuple(dict.fromkeys(o for o in _SYNONYMS.get(_s, ()) + tuple(_stems) if o != _s))


def tokenize(text: str) -> list[str]:
    """Lowercased words and numbers, in order, stop words included."""
    text = unicodedata.normalize("NFC", text).lower()
    return [t for t in _TOKEN.findall(text) if len(t) <= MAX_WORD]


VOCABULARY = _build_vocabulary()


def _is_part(piece: str, *, last: bool) -> bool:
    if len(piece) < MIN_PART:
        return False
    if piece in VOCABULARY:
        return True
    # Only the last part carries the inflection: "besøgs|venner".
    return last and stem(piece) in VOCABULARY and len(stem(piece)) >= MIN_PART


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound, fewest parts first ("lektiehjælp" -> ("lektie", "hjælp")), or ().

    Between parts Danish may put a linking "s" or "e" ("besøg-s-ven", "børn-e-attest").
    """
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return ()
    best = _split(word, 0)
    return best if best is not None and len(best) >= 2 else ()


def _split(word: str, depth: int) -> tuple[str, ...] | None:
    if _is_part(word, last=True) and depth > 0:
        return (word,)
    if depth >= 3:
        return None
    best: tuple[str, ...] | None = None
    # Longest first part first: prefer "lektie|hjælp" to "lek|tie|hjælp".
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[:cut]
        if not _is_part(head, last=False):
            continue
        rest = word[cut:]
        candidates = [rest]
        if rest[0] in "se" and len(rest) > MIN_PART:
            candidates.append(rest[1:])
        for tail in candidates:
            split = _split(tail, depth + 1)
            if split is not None and (best is None or len(split) + 1 < len(best)):
                best = (head, *split)
        if best is not None and len(best) == 2:
            break
    return best


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """What one (lowercase) word is indexed as: its stem, its compound parts' stems, synonyms."""
    if word in STOP_WORDS:
        return ()
    if word.isdigit():
        # A number is its own term: the stemmer only changes suffixes after a vowel, and numbers
        # are neither compounds nor synonyms. Numbers are mostly distinct (house numbers, years,
        # "#1234"), so stemming each one would miss the caches and slow a bulk import down.
        return (word,)
    whole = stem(word)
    # Synonyms of the whole word only: a part's synonyms drift ("havearbejde" is not a "job").
    terms = [whole, *(stem(part) for part in split_compound(word)), *_SYNONYMS.get(whole, ())]
    return tuple(dict.fromkeys(terms))


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed under, repeats kept (they count for ranking)."""
    terms: list[str] = []
    for word in tokenize(text):
        terms.extend(word_terms(word))
    return terms


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query. A document matches when it has the stem, or all the compound parts, or
    (for the last word, which may be half typed) a term that starts with the prefix."""

    word: str
    stem: str
    parts: tuple[str, ...] = ()
    prefix: str | None = None


def query_terms(q: str) -> list[QueryTerm]:
    """The query's words as terms; stop words dropped, repeated words once."""
    words = [w for w in tokenize(q) if w not in STOP_WORDS]
    seen: set[str] = set()
    result = []
    for i, word in enumerate(words):
        whole = stem(word)
        if whole in seen:
            continue
        seen.add(whole)
        parts = tuple(dict.fromkeys(stem(p) for p in split_compound(word)))
        is_last = i == len(words) - 1
        prefix = whole if is_last and len(whole) >= MIN_PART and word.isalpha() else None
        result.append(QueryTerm(word=word, stem=whole, parts=parts, prefix=prefix))
    return result
