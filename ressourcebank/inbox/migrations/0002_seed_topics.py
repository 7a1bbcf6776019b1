"""Seeds the topics a citizen can write about. Teams are made by staff (or the demo) and given topics
in the admin; a topic without a team lands in the shared queue, so nothing is lost before that.

The rows live here, not in app code, so this migration means the same thing forever.
"""

from django.db import migrations

TOPICS = [
    ("oekonomi", "Økonomi, ydelser og gæld", "Kontanthjælp, boligstøtte, regninger, gæld og budget."),
    ("job", "Job, uddannelse og praktik", "Jobsøgning, praktik, fleksjob, sygedagpenge og uddannelse."),
    ("bolig", "Bolig", "At finde en bolig, holde på den eller flytte."),
    ("boern-familie", "Børn og familie", "Hjælp til børn, unge og familier."),
    ("sundhed-trivsel", "Sundhed og trivsel", "Helbred, psykisk trivsel, misbrug og ensomhed."),
    ("ressourcebanken", "Frivillig hjælp og Ressourcebanken", "At få eller give hjælp her på siden."),
    ("andet", "Andet", "Det, der ikke passer andre steder. Vi sender det videre til de rette."),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("inbox", "Topic")
    for position, (slug, name, description) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("inbox", "Topic").objects.filter(slug__in=[slug for slug, _name, _description in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("inbox", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
