"""Unmet needs: open needs for which matching finds no good suggestion — where help is missing.

"Good" is what matching calls a good match (`Match.has_good_match`): a suggestion whose calibrated
chance of fitting reaches the "medium" confidence threshold, fitted on the training half of the
development set (bench/matching_devset, ressourcebank/matching/data/weights.json) so that most
needs without a good offer fall below it and few needs with one do. The need page tells its citizen
the same ("Vi har ikke fundet et godt match endnu"). NeedScore.best_score holds that chance.

Ranking offers costs milliseconds per need, too much for a few thousand needs on every visit, so
each need's best score is stored (NeedScore). A score counts as stale when the need changed after
it was computed or it is older than MAX_AGE (new offers may fit). A visit refreshes at most
REFRESH_PER_VISIT stale scores, newest needs first; the others keep their older score, and needs
never scored are counted as not yet checked. The nightly `refresh_need_scores` command refreshes them all.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category

from .models import NeedScore
from .ranking import match_need, weights

GOOD_SCORE: float = weights()["confidence"]["medium"]
MAX_AGE = timedelta(days=1)
REFRESH_PER_VISIT = 50


def best_score(need: Need) -> float:
    """The best chance among the suggestions that count: at least GOOD_SCORE exactly when the need
    page says there is a good match (an offer whose quota is used up never counts)."""
    found = match_need(need.title, need.description, need.area, category=need.category)
    chances = [s.probability for s in found.suggestions]
    if found.has_good_match:
        return max(s.probability for s in found.suggestions if s.confidence != "low")
    return max((c for c in chances if c < GOOD_SCORE), default=0.0)


def refresh_scores(needs: Iterable[Need]) -> dict[int, NeedScore]:
    """Computes and stores the best score of each need; one upsert for them all."""
    now = timezone.now()
    scores = [NeedScore(need=need, best_score=best_score(need), computed_at=now) for need in needs]
    NeedScore.objects.bulk_create(
        scores, update_conflicts=True, unique_fields=["need"], update_fields=["best_score", "computed_at"]
    )
    return {score.need_id: score for score in scores}


def is_stale(need: Need, score: NeedScore | None, now: datetime | None = None) -> bool:
    current = now or timezone.now()
    return score is None or score.computed_at < need.updated_at or score.computed_at < current - MAX_AGE


def open_needs_for(user: User) -> "list[Need]":
    """The open needs the person may read (`Need.objects.visible_to`, the need page's rule)."""
    needs = Need.objects.visible_to(user).open().select_related("area", "category")
    return list(needs.order_by("-created_at", "-pk"))


@dataclass
class Group:
    area: Area
    category: Category | None
    count: int


@dataclass
class UnmetNeeds:
    needs: list[Need] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    unchecked: int = 0


def unmet_needs(needs: list[Need], *, refresh_limit: int = REFRESH_PER_VISIT) -> UnmetNeeds:
    """The needs (newest first) whose best suggestion is below GOOD_SCORE, grouped by area and
    category (largest group first). Refreshes up to `refresh_limit` stale scores on the way."""
    now = timezone.now()
    scores = {s.need_id: s for s in NeedScore.objects.filter(need__in=[n.pk for n in needs])}
    stale = [need for need in needs if is_stale(need, scores.get(need.pk), now)]
    scores.update(refresh_scores(stale[:refresh_limit]))
    result = UnmetNeeds()
    counts: dict[tuple[int, int | None], Group] = {}
    for need in needs:
        score = scores.get(need.pk)
        if score is None:  # not checked yet; an older score, though stale, still says something
            result.unchecked += 1
            continue
        if score.best_score >= GOOD_SCORE:
            continue
        result.needs.append(need)
        key = (need.area_id, need.category_id)
        if key not in counts:
            counts[key] = Group(area=need.area, category=need.category, count=0)
        counts[key].count += 1
    result.groups = sorted(
        counts.values(), key=lambda g: (-g.count, g.area.name, g.category.name if g.category else "")
    )
    return result
