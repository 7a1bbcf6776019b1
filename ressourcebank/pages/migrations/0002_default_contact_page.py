"""The contact page's default text as a row staff can edit, with the municipality's phone number and
opening hours and the addresses and links of the volunteer centre and the library. Leaves a page
staff have already written alone."""

from typing import Any

from django.db import migrations, models


def add_default_contact_page(apps: Any, schema_editor: Any) -> None:
    from ressourcebank.pages.content import default_contact_body

    Page = apps.get_model("pages", "Page")
    Page.objects.get_or_create(
        slug="kontakt", defaults={"title": "Hvor kan jeg henvende mig?", "body": default_contact_body()}
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="page",
            name="body",
            field=models.TextField(
                help_text=(
                    "Almindelig tekst. En tom linje giver et nyt afsnit. En linje, der begynder med ## , "
                    "bliver en overskrift. Internetadresser og telefonnumre bliver til links."
                ),
                max_length=10000,
                verbose_name="tekst",
            ),
        ),
        migrations.RunPython(add_default_contact_page, migrations.RunPython.noop),
    ]
