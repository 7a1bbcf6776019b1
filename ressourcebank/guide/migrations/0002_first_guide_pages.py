"""The guide's first pages (guide/data/pages.toml) as version 1 of each, published. Leaves a page
staff have already written alone."""

from typing import Any

from django.db import migrations
from django.utils import timezone


def add_first_pages(apps: Any, schema_editor: Any) -> None:
    from ressourcebank.guide.content import default_pages

    GuidePage = apps.get_model("guide", "GuidePage")
    GuideVersion = apps.get_model("guide", "GuideVersion")
    now = timezone.now()
    for position, default in enumerate(default_pages(), start=1):
        page, created = GuidePage.objects.get_or_create(slug=default["slug"], defaults={"position": position * 10})
        if not created:
            continue
        version = GuideVersion.objects.create(page=page, number=1, title=default["title"], body=default["body"])
        page.published_version = version
        page.published_at = now
        page.save(update_fields=["published_version", "published_at"])


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [migrations.RunPython(add_first_pages, migrations.RunPython.noop)]
