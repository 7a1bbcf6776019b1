"""PostgreSQL: indexes to walk the newest entries that pass one filter.

A search for a common word walks the newest entries backwards and tests each (see query.py); with a
category or a single area it walks only the entries in it, newest first, through one of these
(provider and phone/online leave too many rows for that to pay). SQLite does not need them (fts5 walks its own doclists).
"""

from django.db import migrations

INDEXES = {
    "search_entry_walk_category": "(kind, category_id, id)",
    "search_entry_walk_area": "(kind, area_id, id)",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON search_entry {columns}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_gin_pending_list")]

    operations = [migrations.RunPython(forward, backward)]
