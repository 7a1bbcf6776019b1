"""Changes to what matching knows: the words staff add to the lexicon (audited)."""

from django.db import transaction

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import Verb, record
from ressourcebank.taxonomy.models import Category

from .models import LexiconEntry


def add_lexicon_entry(phrase: str, *, concept: str = "", category: Category | None = None, by: User) -> LexiconEntry:
    """Adds an everyday word or phrase to a concept or a category; matching uses it from the next
    match on (ressourcebank/matching/knowledge.py notices the new row)."""
    with transaction.atomic():
        entry = LexiconEntry.objects.create(
            phrase=" ".join(phrase.lower().split()), concept=concept, category=category, created_by=by
        )
        record(by, Verb.CREATE, entry, note=f"{entry.phrase} -> {concept or (category.slug if category else '')}")
    return entry


def remove_lexicon_entry(entry: LexiconEntry, *, by: User) -> None:
    with transaction.atomic():
        record(by, Verb.REVOKE, entry, note=f"{entry.phrase} -> {entry.concept or entry.category_id}")
        entry.delete()
