from django.conf import settings
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


class LexiconEntry(models.Model):
    """An everyday word or phrase staff added at /staff/ordbog/ to a concept or a category of the
    lexicon (ressourcebank/search/lexicon/). Matching reads these beside the files at once; the
    files stay the reviewed, versioned source."""

    phrase = models.CharField(_("ord eller udtryk"), max_length=80)
    concept = models.CharField(_("begreb"), max_length=40, blank=True)
    category = models.ForeignKey(
        "taxonomy.Category", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("kategori")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("tilføjet"), default=timezone.now)

    class Meta:
        verbose_name = _("ord i ordbogen")
        verbose_name_plural = _("ord i ordbogen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(concept="") | models.Q(category__isnull=False),
                name="matching_lexiconentry_concept_or_category",
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} -> {self.concept or self.category_id}"


class OfferModel(models.Model):
    """Matching's category model, trained on the published offers' own words (and on the words of
    needs that led to accepted help, counted only once three different people used them). Only
    word statistics are kept, never a text. The newest row is the one in use."""

    trained_at = models.DateTimeField(_("trænet"), default=timezone.now)
    offers = models.PositiveIntegerField(_("tilbud"))
    seconds = models.FloatField(_("sekunder"))
    data = models.TextField()  # JSON, see ressourcebank/matching/offer_model.py

    class Meta:
        verbose_name = _("kategorimodel")
        verbose_name_plural = _("kategorimodeller")

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} ({self.offers})"
