"""Checks the probe set's shape: `python bench/matching_probe/check.py` prints the counts or the problems.

Every key exists, grades are 0–3, every category has 10 offers, every area is a real one, and at least
15 needs have no offer graded 2 or more. The categories and areas are read from the taxonomy's data and
seed migration, so a renamed slug shows up here.
"""

import importlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OFFER_FIELDS = {
    "key",
    "title",
    "description",
    "category",
    "area",
    "provider",
    "capacity_kind",
    "capacity_amount",
    "is_remote",
    "published_days_ago",
}
NEED_FIELDS = {"key", "title", "description", "area", "relevance"}
PROVIDERS = {"borger", "forening", "virksomhed"}
CAPACITY_KINDS = {"one_off", "hours_per_week", "hours_per_month", "places"}
OFFERS_PER_CATEGORY = 10
MIN_WITHOUT_GOOD = 15


def load(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def reference_slugs() -> tuple[set[str], set[str]]:
    categories = json.loads((ROOT / "ressourcebank/taxonomy/data/categories.json").read_text(encoding="utf-8"))
    seed = importlib.import_module("ressourcebank.taxonomy.migrations.0002_seed_reference_taxonomy")
    return {c["slug"] for c in categories["categories"]}, {row[0] for row in seed.AREAS}


def problems(offers: list[dict], needs: list[dict], categories: set[str], areas: set[str]) -> list[str]:
    found: list[str] = []
    keys = [o["key"] for o in offers]
    if len(set(keys)) != len(keys):
        found.append("duplicate offer keys")
    for offer in offers:
        key = offer.get("key")
        if set(offer) != OFFER_FIELDS:
            found.append(f"{key}: fields {sorted(set(offer) ^ OFFER_FIELDS)}")
            continue
        if offer["category"] not in categories:
            found.append(f"{key}: unknown category {offer['category']}")
        if offer["area"] not in areas:
            found.append(f"{key}: unknown area {offer['area']}")
        if offer["provider"] not in PROVIDERS:
            found.append(f"{key}: unknown provider {offer['provider']}")
        if offer["capacity_kind"] not in CAPACITY_KINDS:
            found.append(f"{key}: unknown capacity_kind {offer['capacity_kind']}")
        elif (offer["capacity_kind"] == "one_off") != (offer["capacity_amount"] is None):
            found.append(f"{key}: capacity_amount must be null exactly for one_off")
        if not offer["title"].strip() or not offer["description"].strip():
            found.append(f"{key}: empty title or description")
    per_category = Counter(o.get("category") for o in offers)
    for slug in sorted(categories):
        if per_category[slug] != OFFERS_PER_CATEGORY:
            found.append(f"category {slug}: {per_category[slug]} offers, not {OFFERS_PER_CATEGORY}")
    known = set(keys)
    need_keys = [n.get("key") for n in needs]
    if len(set(need_keys)) != len(need_keys):
        found.append("duplicate need keys")
    for need in needs:
        key = need.get("key")
        if set(need) != NEED_FIELDS:
            found.append(f"{key}: fields {sorted(set(need) ^ NEED_FIELDS)}")
            continue
        if need["area"] not in areas:
            found.append(f"{key}: unknown area {need['area']}")
        if not need["description"].strip():
            found.append(f"{key}: empty description")
        for offer_key, grade in need["relevance"].items():
            if offer_key not in known:
                found.append(f"{key}: unknown offer {offer_key}")
            if not isinstance(grade, int) or isinstance(grade, bool) or not 0 <= grade <= 3:
                found.append(f"{key}: grade {grade!r} for {offer_key} is not 0-3")
    if without_good(needs) < MIN_WITHOUT_GOOD:
        found.append(f"only {without_good(needs)} needs without a good offer, at least {MIN_WITHOUT_GOOD} wanted")
    return found


def without_good(needs: list[dict]) -> int:
    return sum(1 for n in needs if max(n["relevance"].values(), default=0) < 2)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    offers, needs = load("offers.jsonl"), load("needs.jsonl")
    categories, areas = reference_slugs()
    found = problems(offers, needs, categories, areas)
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    share = without_good(needs) / len(needs)
    print(f"{len(offers)} offers, {len(needs)} needs, {without_good(needs)} ({share:.0%}) without a good offer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
