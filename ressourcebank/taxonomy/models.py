import math

from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoryQuerySet(models.QuerySet["Category"]):
    def active(self) -> "CategoryQuerySet":
        """The categories in use: the only ones a person can choose for new help or a filter."""
        return self.filter(is_active=True)


class Category(models.Model):
    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    description = models.CharField(_("forklaring"), max_length=300, blank=True)
    # Extra words people use for this kind of help; they feed search and, later, matching.
    keywords = models.TextField(_("søgeord"), blank=True, help_text=_("Ord som folk bruger om denne slags hjælp."))
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A town or district. The whole municipality is an area too, with no centre."""

    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    latitude = models.FloatField(_("breddegrad"), null=True, blank=True)
    longitude = models.FloatField(_("længdegrad"), null=True, blank=True)
    is_whole_municipality = models.BooleanField(_("hele kommunen"), default=False)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("lokalområde")
        verbose_name_plural = _("lokalområder")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_whole_municipality=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="taxonomy_area_has_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name_in_text(self) -> str:
        """The name inside a sentence: "Tilbud i Assentoft", but "Tilbud i hele kommunen", which is
        not a place name."""
        return self.name[:1].lower() + self.name[1:] if self.is_whole_municipality else self.name

    def distance_km(self, other: "Area") -> float | None:
        """Great-circle distance between the centres; None when either is the whole municipality."""
        if self.latitude is None or self.longitude is None or other.latitude is None or other.longitude is None:
            return None
        lat1, lon1, lat2, lon2 = map(math.radians, (self.latitude, self.longitude, other.latitude, other.longitude))
        a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 6371.0 * 2 * math.asin(math.sqrt(a))

    def areas_within(self, km: float, among: "list[Area] | None" = None) -> list["Area"]:
        """This area, the areas whose centre lies within km of its centre, and the whole municipality
        (of `among`, when the caller holds the areas already)."""
        areas = list(Area.objects.all()) if among is None else among
        return [a for a in areas if a.is_whole_municipality or a == self or (self.distance_km(a) or 1e9) <= km]
