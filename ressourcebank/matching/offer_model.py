"""A category model learned from the bank's own data, so the words a municipality's offers really
use count from day one ("radiator" is handyman because the VVS offers say so), with no hand list.

- Trained on the published offers' own indexed terms (title and description; their category is
  known), as a naive Bayes model over which terms a text of each category contains.
- Learned from use: the words of a need that led to accepted help count for the offer's category,
  but a word counts only once at least MIN_PEOPLE different people's needs used it, and needs only
  staff may see are left out. Only the counts are kept, so nothing learned reveals a need.
- Trained by the scheduler (`train_offer_model`) and after an import, stored in the database (the
  newest OfferModel row) and read by each process again when a newer one appears. Small databases
  (tests, a fresh install) train on first use.
"""

import json
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from ressourcebank.search.analysis import stem, tokenize, word_terms
from ressourcebank.search.candidates import count_offers, offer_words
from ressourcebank.search.lexicon import lexicon

from .models import OfferModel

MIN_PEOPLE = 3
LEARNED_WEIGHT = 0.5  # one person's accepted need counts half an offer
MAX_TERMS = 60_000  # the terms kept (by document frequency): the model's memory stays a few MB
LAZY_TRAIN_LIMIT = 2_000  # up to this many offers the model trains itself on use
ALPHA = 0.5


@dataclass
class CategoryModel:
    documents: int
    per_category: dict[int, float]  # category id -> documents
    # term -> (document frequency, {category id: documents with the term})
    terms: dict[str, tuple[float, dict[int, float]]]
    totals: dict[int, float]  # category id -> sum of term counts

    def idf(self, term: str) -> float:
        """0..1: how rare the term is among the offers (1 when unseen)."""
        found = self.terms.get(term)
        if found is None or self.documents <= 1:
            return 1.0
        return max(0.0, min(1.0, math.log(self.documents / found[0]) / math.log(self.documents)))

    def compound_head(self, word: str) -> str | None:
        """The longest beginning (4+ letters) of a word the offers do not use that the offers do use
        as a word of its own, when the rest is 3+ letters: "kontorfunktioner" -> "kontor"."""
        if len(word) < 7 or not word.isalpha() or stem(word) in self.terms:
            return None
        for cut in range(len(word) - 3, 3, -1):
            head = stem(word[:cut])
            if len(head) >= 4 and head in self.terms:
                return head
        return None

    def category_probabilities(self, terms: Iterable[str], temperature: float = 1.0) -> dict[int, float]:
        """category id -> P(category | the text's known terms); empty when no term is known."""
        known = [t for t in set(terms) if t in self.terms]
        if not known or not self.per_category:
            return {}
        vocabulary = len(self.terms)
        logs = {}
        for category, count in self.per_category.items():
            total = self.totals.get(category, 0.0) + ALPHA * vocabulary
            score = math.log(count / max(self.documents, 1))
            for term in known:
                score += math.log((self.terms[term][1].get(category, 0.0) + ALPHA) / total)
            logs[category] = score / temperature
        top = max(logs.values())
        exp = {c: math.exp(v - top) for c, v in logs.items()}
        norm = sum(exp.values())
        return {c: v / norm for c, v in exp.items()}


def learned_counts() -> Counter[tuple[str, int]]:
    """(term, category id) -> how many different people's accepted needs used the term, counted
    only when at least MIN_PEOPLE did. Needs only staff may see are left out."""
    from ressourcebank.connections.models import Connection
    from ressourcebank.needs.models import Need

    people: dict[tuple[str, int], set[int]] = defaultdict(set)
    accepted = Connection.objects.filter(
        state__in=[Connection.State.ACCEPTED, Connection.State.COMPLETED],
        need__visibility=Need.Visibility.PUBLIC,
        offer__category__isnull=False,
    ).filter(Q(need__owner__isnull=False) | Q(need__coordinator__isnull=False))
    generic = lexicon().generic_words
    for title, description, category_id, owner_id, coordinator_id in accepted.values_list(
        "need__title", "need__description", "offer__category_id", "need__owner_id", "need__coordinator_id"
    ).iterator(chunk_size=2000):
        person = owner_id or -(coordinator_id or 0)
        for word in set(tokenize(f"{title} {description}")):
            if word in generic:
                continue
            for term in word_terms(word):
                people[(term, category_id)].add(person)
    return Counter({key: len(who) for key, who in people.items() if len(who) >= MIN_PEOPLE})


def train() -> OfferModel:
    """Counts the terms of every indexed offer per category, adds the learned counts, keeps the
    MAX_TERMS most frequent terms, and stores the model as the newest OfferModel."""
    started = time.monotonic()
    per_category: Counter[int] = Counter()
    term_category: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    documents = 0
    for category_id, title_terms, body_terms in offer_words():
        if category_id is None:
            continue
        documents += 1
        per_category[category_id] += 1
        for term in set(title_terms.split()) | set(body_terms.split()):
            term_category[term][category_id] += 1.0
    for (term, category_id), people in learned_counts().items():
        term_category[term][category_id] += LEARNED_WEIGHT * people
    frequency = {t: sum(c.values()) for t, c in term_category.items()}
    kept = sorted(frequency, key=lambda t: -frequency[t])[:MAX_TERMS]
    if documents >= 100 * LAZY_TRAIN_LIMIT:
        kept = [t for t in kept if frequency[t] >= 3]  # at scale, words used once or twice are noise
    data = {
        "documents": documents,
        "per_category": dict(per_category),
        "terms": {t: [frequency[t], dict(term_category[t])] for t in kept},
    }
    model = OfferModel.objects.create(
        offers=documents, seconds=round(time.monotonic() - started, 2), data=json.dumps(data, separators=(",", ":"))
    )
    OfferModel.objects.exclude(pk=model.pk).delete()
    _loaded.clear()
    return model


def _parse(data: str) -> CategoryModel:
    raw: dict[str, Any] = json.loads(data)
    terms = {t: (float(df), {int(c): float(n) for c, n in cats.items()}) for t, (df, cats) in raw["terms"].items()}
    totals: dict[int, float] = defaultdict(float)
    for _df, cats in terms.values():
        for c, n in cats.items():
            totals[c] += n
    return CategoryModel(
        documents=int(raw["documents"]),
        per_category={int(c): float(n) for c, n in raw["per_category"].items()},
        terms=terms,
        totals=dict(totals),
    )


_loaded: dict[str, Any] = {}


def current_model() -> CategoryModel | None:
    """The newest trained model (one small query per match notices a newer one). A small bank
    (up to LAZY_TRAIN_LIMIT offers, training takes milliseconds) trains on first use and again when
    its offers changed in number; a large one waits for the scheduler or an import."""
    newest = OfferModel.objects.order_by("-pk").values_list("pk", "offers", "trained_at").first()
    if newest is None or newest[1] <= LAZY_TRAIN_LIMIT:
        # Bounded: counting a million entries would cost more than the whole match.
        count = count_offers(LAZY_TRAIN_LIMIT + 1)
        if count and count <= LAZY_TRAIN_LIMIT and (newest is None or newest[1] != count):
            trained = train()
            newest = (trained.pk, trained.offers, trained.trained_at)
    if newest is None:
        return None
    if _loaded.get("key") != newest:  # the time too: a database emptied in tests reuses ids
        data = OfferModel.objects.filter(pk=newest[0]).values_list("data", flat=True).first()
        _loaded.update(model=_parse(data) if data else None, key=newest)
    model: CategoryModel | None = _loaded.get("model")
    return model


def forget() -> None:
    """Drops this process's copy (tests, and after a training in the same process)."""
    _loaded.clear()
