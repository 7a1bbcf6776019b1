"""The word lists activities are described with, read from data/: low-threshold labels ("bare mød
op") and what the place offers for access (step-free, hearing loop …), and how far ahead a series'
dates are laid out. Staff change them in the files, never in Python."""

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Term:
    slug: str
    name: str
    description: str


def _read(name: str) -> dict[str, Any]:
    text = resources.files("ressourcebank.activities").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def labels() -> dict[str, Term]:
    """The low-threshold labels, in the file's order, by slug."""
    return {row["slug"]: Term(row["slug"], row["name"], row["description"]) for row in _read("labels.json")["labels"]}


@functools.cache
def accessibility_features() -> dict[str, Term]:
    """What a place can offer for access, in the file's order, by slug."""
    return {
        row["slug"]: Term(row["slug"], row["name"], row["description"])
        for row in _read("accessibility.json")["features"]
    }


@functools.cache
def series_rules() -> dict[str, int]:
    data = _read("series.json")
    return {"horizon_days": int(data["horizon_days"]), "max_occurrences": int(data["max_occurrences"])}
