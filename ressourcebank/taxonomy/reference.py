"""The reference categories from DESIGN.md as data (taxonomy/data/categories.json): what search's
Danish analysis knows as everyday words before any database exists.

Migration 0002 seeded the same categories and stays as it was; a later change to the categories is
a new data migration and an edit of this file (tests/test_reference.py keeps the two in step).
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class ReferenceCategory:
    slug: str
    name: str
    description: str
    keywords: str


@cache
def reference_text() -> str:
    """The file as written (search's lexicon version includes it)."""
    return files("ressourcebank.taxonomy").joinpath("data/categories.json").read_text(encoding="utf-8")


@cache
def reference_categories() -> tuple[ReferenceCategory, ...]:
    return tuple(ReferenceCategory(**row) for row in json.loads(reference_text())["categories"])
