"""Nightly: stores the best suggestion's score for every open need whose score is stale, so the
staff list of unmet needs stays current as offers come and go (ressourcebank/matching/unmet.py)."""

from itertools import batched
from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.matching.models import NeedScore
from ressourcebank.matching.unmet import is_stale, refresh_scores
from ressourcebank.needs.models import Need

BATCH = 200


class Command(BaseCommand):
    help = "Beregner den bedste forslagsscore for åbne behov (til listen over udækkede behov)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Beregn alle, også dem der er friske.")

    def handle(self, *args: Any, **options: Any) -> None:
        needs = list(Need.objects.open().select_related("area", "category"))
        scores = {s.need_id: s for s in NeedScore.objects.all()}
        todo = [n for n in needs if options["all"] or is_stale(n, scores.get(n.pk))]
        for batch in batched(todo, BATCH):
            refresh_scores(batch)
        self.stdout.write(f"{len(todo)} behov beregnet.")
