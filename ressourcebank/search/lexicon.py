"""The Danish word knowledge search and matching use, read from the files in `lexicon/`.

The files are data, not code (their format is described in lexicon/README.md); they are read once
per process. `LEXICON_VERSION` is a digest of their contents: the search index records the version
that built it (ressourcebank/search/index.py), so a changed file makes the index rebuild itself.
Pure functions, no database: the entries staff add at /staff/ordbog/ live in the matching app and
are merged there.
"""

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ressourcebank.taxonomy.reference import reference_text

FILES = (
    "stop_words.txt",
    "generic_words.txt",
    "compound_parts.txt",
    "synonyms.tsv",
    "category_words.tsv",
    "phrases.tsv",
    "concepts.tsv",
)


@dataclass(frozen=True)
class Concept:
    name: str
    categories: tuple[str, ...]
    entries: tuple[str, ...]  # words or phrases, as written


@dataclass(frozen=True)
class Lexicon:
    version: str
    stop_words: frozenset[str]
    generic_words: frozenset[str]
    compound_parts: tuple[str, ...]
    synonym_groups: tuple[tuple[str, ...], ...]
    category_words: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[str, ...]]
    concepts: tuple[Concept, ...]


def _read(name: str) -> str:
    return resources.files("ressourcebank.search").joinpath("lexicon", name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    """The lines that are not empty and not comments."""
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _words(text: str) -> list[str]:
    return [w for line in _lines(text) for w in line.split()]


def _columns(text: str, count: int, name: str) -> list[list[str]]:
    rows = []
    for number, line in enumerate(_lines(text), start=1):
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) != count:
            msg = f"{name}: line {number} has {len(columns)} tab-separated columns, expected {count}"
            raise ValueError(msg)
        rows.append(columns)
    return rows


def parse(texts: dict[str, str]) -> Lexicon:
    """The lexicon from the files' texts (name -> text); a malformed line raises ValueError."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    # The reference categories' names and keywords are compound parts too (search/analysis.py), so
    # their file (taxonomy/data/categories.json) is part of the version.
    digest.update(reference_text().encode())
    category_words: dict[str, list[str]] = {}
    for slug, words in _columns(texts["category_words.tsv"], 2, "category_words.tsv"):
        category_words.setdefault(slug, []).extend(words.split())
    phrases: dict[str, list[str]] = {}
    for slug, phrase in _columns(texts["phrases.tsv"], 2, "phrases.tsv"):
        phrases.setdefault(slug, []).append(phrase)
    concepts = []
    for name, slug_list, entry_list in _columns(texts["concepts.tsv"], 3, "concepts.tsv"):
        slugs = tuple(s.strip() for s in slug_list.split(",") if s.strip() and s.strip() != "-")
        entries = tuple(e.strip().lower() for e in entry_list.split(",") if e.strip())
        concepts.append(Concept(name=name, categories=slugs, entries=entries))
    return Lexicon(
        version=digest.hexdigest()[:16],
        stop_words=frozenset(_words(texts["stop_words.txt"])),
        generic_words=frozenset(_words(texts["generic_words.txt"])),
        compound_parts=tuple(_words(texts["compound_parts.txt"])),
        synonym_groups=tuple(tuple(line.split()) for line in _lines(texts["synonyms.tsv"])),
        category_words={slug: tuple(words) for slug, words in category_words.items()},
        phrases={slug: tuple(p) for slug, p in phrases.items()},
        concepts=tuple(concepts),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of this process, read from the package's files once."""
    return parse({name: _read(name) for name in FILES})


LEXICON_VERSION = lexicon().version
