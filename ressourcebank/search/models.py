"""The search index: one row per public offer or need, holding its analysed terms.

SQLite indexes `terms` in an FTS5 table kept in step by triggers; PostgreSQL in a stored, stripped
tsvector column with a GIN index. Both are created by the migrations for that database only; the
ORM never touches them. See ressourcebank/search/query.py for why it is built this way.
"""

from django.db import models


class SearchEntry(models.Model):
    class Kind(models.IntegerChoices):
        OFFER = 1
        NEED = 2
        ACTIVITY = 3

    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    object_id = models.BigIntegerField()
    # "filter tokens | title terms | body terms | category terms", each part space-separated.
    terms = models.TextField()
    # The browse order (newest first); for a need, when it was created.
    published_at = models.DateTimeField()
    # Plain columns, no foreign keys: the index must never block deleting a category or area.
    category_id = models.BigIntegerField(null=True)
    area_id = models.BigIntegerField()
    provider = models.CharField(max_length=20)
    is_remote = models.BooleanField(default=False)

    class Meta:
        db_table = "search_entry"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")]
        indexes = [
            models.Index(fields=["kind", "-published_at", "-id"], name="search_entry_newest"),
            models.Index(fields=["kind", "category_id", "-published_at"], name="search_entry_category"),
            models.Index(fields=["kind", "area_id", "-published_at"], name="search_entry_area"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"


class SearchTerm(models.Model):
    """Every term ever indexed, to expand a half-typed last word ("besø") into real terms."""

    term = models.CharField(max_length=50, primary_key=True)

    class Meta:
        db_table = "search_term"

    def __str__(self) -> str:
        return self.term


class IndexState(models.Model):
    """Facts about the index as a whole: which lexicon version (ressourcebank/search/lexicon.py)
    built it. One row per key."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.CharField(max_length=200)

    class Meta:
        db_table = "search_index_state"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
