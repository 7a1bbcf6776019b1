"""Seeds the kinds of agency from data/agency_kinds.json. Staff keep them in the admin afterwards;
a kind already there (by slug) is left as staff made it."""

import json
from importlib import resources
from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    AgencyKind = apps.get_model("cases", "AgencyKind")
    source = resources.files("ressourcebank.cases").joinpath("data/agency_kinds.json")
    for position, kind in enumerate(json.loads(source.read_text(encoding="utf-8"))["kinds"]):
        AgencyKind.objects.get_or_create(slug=kind["slug"], defaults={"name": kind["name"], "position": position})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
