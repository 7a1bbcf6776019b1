from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """When a periodic job last started; the row is also the lock two schedulers meet at."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("sidst startet"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("sidst færdig"), null=True, blank=True)
    last_error = models.TextField(_("sidste fejl"), blank=True)

    class Meta:
        verbose_name = _("fast kørsel")
        verbose_name_plural = _("faste kørsler")

    def __str__(self) -> str:
        return self.name
