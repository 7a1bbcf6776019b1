from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """A page of text staff can edit, such as "Hvor kan jeg henvende mig?".

    A data migration writes the default text (pages/data/); staff change it from there.
    """

    class Slug(models.TextChoices):
        CONTACT = "kontakt", _("Hvor kan jeg henvende mig?")

    slug = models.CharField(max_length=50, choices=Slug.choices, unique=True)
    title = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(
        _("tekst"),
        max_length=10000,
        help_text=_(
            "Almindelig tekst. En tom linje giver et nyt afsnit. En linje, der begynder med ## , "
            "bliver en overskrift. Internetadresser og telefonnumre bliver til links."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sider")

    def __str__(self) -> str:
        return self.title
