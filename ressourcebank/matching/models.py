from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.needs.models import Need


class NeedScore(models.Model):
    """The score of the best suggestion for an open need, kept so the list of unmet needs
    (ressourcebank/matching/unmet.py) does not rank offers for thousands of needs on every visit."""

    need = models.OneToOneField(Need, models.CASCADE, primary_key=True, related_name="match_score")
    best_score = models.FloatField(_("bedste forslags score"))
    computed_at = models.DateTimeField(_("beregnet"), default=timezone.now)

    class Meta:
        verbose_name = _("behovets bedste forslag")
        verbose_name_plural = _("behovenes bedste forslag")

    def __str__(self) -> str:
        return f"{self.need_id}: {self.best_score:.3f}"
