"""NeedScore.best_score now holds a suggestion's calibrated chance of fitting, not its raw score:
the stored scores are a cache of the old meaning and are forgotten, so the unmet list checks each
need again (as "not yet checked" until then) instead of judging it by a number on another scale."""

from django.db import migrations


def forget(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("matching", "NeedScore").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_lexicon_and_offer_model")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
