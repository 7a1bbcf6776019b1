from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """The categories of help and the local areas of Randers Kommune, seeded from DESIGN.md."""

    name = "ressourcebank.taxonomy"
    verbose_name = _("Kategorier og lokalområder")

    def ready(self) -> None:
        # Not domain flow: a cache of the lists forgets them whenever either table changes.
        from django.db.models.signals import post_delete, post_save

        from .cache import forget
        from .models import Area, Category

        for model in (Category, Area):
            post_save.connect(forget, sender=model, dispatch_uid=f"taxonomy-forget-{model.__name__}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"taxonomy-forget-{model.__name__}-delete")
