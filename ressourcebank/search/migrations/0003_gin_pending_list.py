"""PostgreSQL: a short GIN pending list.

New entries wait in the GIN index's pending list until it is full (4 MB by default) or vacuumed,
and every search reads the whole list: up to 500 pages, several milliseconds per query. 256 kB
keeps that small and still batches the index writes of an import.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_entry_vec SET (gin_pending_list_limit = 256)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_entry_vec RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(forward, backward)]
