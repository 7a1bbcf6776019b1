"""A landlord's early warning about a tenant has a topic of its own, kept off the citizen's form. It
lands in the shared queue until staff (or the demo) give it to the housing team ("Boligteam"): a
team needs real contact details, which a migration cannot know, and nothing is lost meanwhile."""

from django.db import migrations, models


def seed(apps, schema_editor):
    Topic = apps.get_model("inbox", "Topic")
    Topic.objects.get_or_create(
        slug="udlejer-varsel",
        defaults={
            "name": "Tidligt varsel fra en udlejer",
            "description": "En udlejer eller et boligselskab er bekymret for en lejer.",
            "position": 100,
            "is_on_citizen_form": False,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("inbox", "Topic").objects.filter(slug="udlejer-varsel").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('inbox', '0004_open_queue'),
    ]

    operations = [
        migrations.AddField(
            model_name='topic',
            name='is_on_citizen_form',
            field=models.BooleanField(default=True, verbose_name='kan vælges på Skriv til kommunen'),
        ),
        migrations.RunPython(seed, unseed),
    ]
