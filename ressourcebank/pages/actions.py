"""Staff edit the text pages. The change is audited with the old and new text."""

from django.db import transaction

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import save_and_record

from .models import Page


def save_page(page: Page, *, by: User) -> Page:
    """Saves the page as staff wrote it, naming them as the last editor."""
    with transaction.atomic():
        page.updated_by = by
        save_and_record(page, by=by)
    return page
