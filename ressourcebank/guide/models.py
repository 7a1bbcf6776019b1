from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.plaintext import plain_summary

TITLE_MAX = 120
BODY_MAX = 20000


class GuidePageQuerySet(models.QuerySet["GuidePage"]):
    def published(self) -> "GuidePageQuerySet":
        """What the public sees: pages with a published version, in staff's order."""
        return self.filter(published_version__isnull=False).select_related("published_version")


class GuidePage(models.Model):
    """One page of "Sådan hjælper du". Its words live in versions; the page points at the one the
    public sees. A page without a published version is a draft only staff see."""

    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)
    published_version = models.ForeignKey(
        "GuideVersion", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("offentlig version")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = GuidePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("vejledningsside")
        verbose_name_plural = _("vejledningssider")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        version = self.published_version or self.latest_version()
        return version.title if version else self.slug

    def get_absolute_url(self) -> str:
        return reverse("guide:page", args=[self.slug])

    def latest_version(self) -> "GuideVersion | None":
        return self.versions.order_by("-number").first()

    @property
    def title(self) -> str:
        return self.published_version.title if self.published_version else str(self)


class GuideVersion(models.Model):
    """The words of a guide page as one staff member saved them. Never changed after it is saved:
    an edit is a new version, and going back publishes a copy of an earlier one."""

    page = models.ForeignKey(GuidePage, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("overskrift"), max_length=TITLE_MAX)
    body = models.TextField(
        _("tekst"),
        max_length=BODY_MAX,
        help_text=_(
            "Almindelig tekst. En tom linje giver et nyt afsnit. En linje, der begynder med ## , bliver en "
            "overskrift, og linjer, der begynder med - , bliver en punktliste. Internetadresser og "
            "telefonnumre bliver til links."
        ),
    )
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kopi af")
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["page", "-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="guide_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def summary(self) -> str:
        return plain_summary(self.body)

    @property
    def is_published(self) -> bool:
        return self.page.published_version_id == self.pk
