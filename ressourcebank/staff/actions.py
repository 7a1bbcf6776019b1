"""Staff changes to the reference data: categories and areas. Each change is audited with the old
and new value of every field. It lives here, not in taxonomy, because taxonomy sits beside audit
in the layers and imports nothing above itself."""

from django.db import transaction

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import save_and_record
from ressourcebank.taxonomy.models import Area, Category


def save_taxonomy_entry[Entry: (Category, Area)](entry: Entry, *, by: User) -> Entry:
    """Saves a new or changed category or area and writes its audit row in the same transaction."""
    with transaction.atomic():
        save_and_record(entry, by=by)
    return entry
