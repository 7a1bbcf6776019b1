"""The full-text part of the index, which each database builds its own way.

SQLite: an FTS5 table over search_entry.terms (external content, kept in step by triggers). The
terms are already analysed in Python, so the tokenizer only splits on spaces and keeps æ, ø, å;
detail=none because search needs neither positions nor columns (ranking is done in Python).
PostgreSQL: a stored tsvector of the same terms with the 'simple' configuration (no second stemming,
so both databases match exactly the same terms) and a GIN index; and byte order for the term list,
so that a prefix is a range scan.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms, content='search_entry', content_rowid='id', detail='none',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_entry ADD COLUMN vec tsvector
        GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, terms))) STORED""",
    "CREATE INDEX search_entry_vec ON search_entry USING gin (vec)",
    'ALTER TABLE search_term ALTER COLUMN term TYPE varchar(50) COLLATE "C"',
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vec",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vec",
]


def run(statements_by_vendor: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
