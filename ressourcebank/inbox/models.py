"""Who answers the citizens' messages: teams, the topics each answers, and (below) the messages."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.workdays import add_working_days

# A team promises an answer within this many working days; more than a month is no promise.
MAX_ANSWER_DAYS = 30


class Team(models.Model):
    """A group of municipal staff who answer one kind of question, with their own phone hour."""

    name = models.CharField(_("navn"), max_length=100)
    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    answer_days = models.PositiveSmallIntegerField(
        _("svartid i arbejdsdage"),
        default=5,
        help_text=_("Så mange arbejdsdage lover vi borgeren at svare inden for. Helligdage tæller ikke."),
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("telefon"), max_length=30)
    phone_hours = models.CharField(
        _("telefontid"), max_length=200, help_text=_("Fx: Mandag til fredag kl. 9–10, torsdag også kl. 15–17.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("medarbejdere"), related_name="teams", blank=True
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_days__gte=1, answer_days__lte=MAX_ANSWER_DAYS),
                name="inbox_team_answer_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def answer_by_date(self, received_on: date) -> date:
        """The day we promise an answer by for a message received on `received_on`."""
        return add_working_days(received_on, self.answer_days)


class TopicQuerySet(models.QuerySet["Topic"]):
    def active(self) -> "TopicQuerySet":
        return self.filter(is_active=True)


class Topic(models.Model):
    """What a citizen writes about ("Økonomi og ydelser"); it decides which team gets the message."""

    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    description = models.CharField(_("forklaring"), max_length=200, blank=True)
    # No team yet: the message lands in the queue every staff member sees ("Ikke fordelt").
    team = models.ForeignKey(
        Team, models.SET_NULL, null=True, blank=True, related_name="topics", verbose_name=_("team")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("emne")
        verbose_name_plural = _("emner")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
