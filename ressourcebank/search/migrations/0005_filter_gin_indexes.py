"""PostgreSQL: a GIN index of the offers of each provider kind, and of the offers by phone/online.

A provider or phone/online filter keeps 15-55 % of the offers, so as a token in the GIN query it
made the index decode a posting for each of them (270,000 for "forening" at a million offers,
10-20 ms per query), and as a walk it cost a heap page per row. A partial GIN index holds only the
offers that pass the filter: the query's words are read from it alone and the filter costs nothing
(query.py leaves the filter token out of the tsquery then). Together they are about as large as the
main GIN index; an offer is written to two or three GIN indexes instead of one.
"""

from django.db import migrations

PROVIDERS = ("borger", "virksomhed", "forening")
INDEXES = {
    **{
        f"search_entry_vec_{provider}": f"WHERE kind = 1 AND provider = '{provider}'"  # noqa: S608
        for provider in PROVIDERS
    },
    "search_entry_vec_remote": "WHERE kind = 1 AND is_remote",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Building a GIN index is much faster with room to sort the postings in memory.
        schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for name, where in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON search_entry USING gin (vec)"
                f" WITH (gin_pending_list_limit = 256) {where}"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_walk_indexes")]

    operations = [migrations.RunPython(forward, backward)]
