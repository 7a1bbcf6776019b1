"""The held-out probe set for the matcher (bench/matching_probe) keeps its shape: real slugs, known keys, grades 0–3."""

import importlib.util
from pathlib import Path

import pytest

from ressourcebank.taxonomy.models import Area, Category

CHECK = Path(__file__).resolve().parents[2] / "bench" / "matching_probe" / "check.py"


def load_check():
    spec = importlib.util.spec_from_file_location("matching_probe_check", CHECK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_probe_set_uses_the_categories_and_areas_the_site_has():
    check = load_check()
    categories = set(Category.objects.values_list("slug", flat=True))
    areas = set(Area.objects.values_list("slug", flat=True))
    offers, needs = check.load("offers.jsonl"), check.load("needs.jsonl")

    assert check.problems(offers, needs, categories, areas) == []
    assert len(offers) == 200
    assert len(needs) == 100
    assert check.without_good(needs) >= 15


def test_a_grade_for_an_offer_that_does_not_exist_is_reported():
    check = load_check()
    offers, needs = check.load("offers.jsonl"), check.load("needs.jsonl")
    categories, areas = check.reference_slugs()
    needs[0]["relevance"]["p-of-999"] = 4

    found = check.problems(offers, needs, categories, areas)

    assert f"{needs[0]['key']}: unknown offer p-of-999" in found
    assert f"{needs[0]['key']}: grade 4 for p-of-999 is not 0-3" in found
