"""The access log: one row per sensitive read or change, verb from Verb, old and new values."""

import pytest
from django.db import IntegrityError, transaction

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, Verb, changed_fields, record, save_and_record
from ressourcebank.taxonomy.models import Category

pytestmark = pytest.mark.django_db


def test_a_row_names_the_actor_the_verb_and_the_target(erik: User, category: Category) -> None:
    event = record(erik, Verb.READ, category)

    assert (event.actor, event.verb, event.target_type, event.target_id) == (
        erik,
        "read",
        "taxonomy.category",
        str(category.pk),
    )
    assert event.changes == {}


def test_system_work_has_no_actor(category: Category) -> None:
    assert record(None, Verb.UPDATE, category).actor is None


def test_a_long_note_is_cut_to_the_fields_length(erik: User, category: Category) -> None:
    assert len(record(erik, Verb.REJECT, category, note="x" * 1000).note) == 300


def test_changes_keep_old_and_new_values_as_json(erik: User, category: Category) -> None:
    from datetime import date

    event = record(erik, Verb.UPDATE, category, changes={"name": ("Før", "Efter"), "on": (None, date(2026, 3, 1))})
    event.refresh_from_db()

    assert event.changes == {"name": ["Før", "Efter"], "on": [None, "2026-03-01"]}


def test_changed_fields_lists_only_what_differs(category: Category) -> None:
    before = Category.objects.get(pk=category.pk)
    category.name = "Besøgsven i hele kommunen"

    assert changed_fields(before, category) == {"name": (before.name, "Besøgsven i hele kommunen")}
    assert changed_fields(None, category) == {}


def test_save_and_record_writes_create_then_update_with_the_old_value(erik: User) -> None:
    new = Category(slug="cykelhjaelp", name="Cykelhjælp")
    created = save_and_record(new, by=erik)
    new.name = "Hjælp med cyklen"
    updated = save_and_record(new, by=erik)

    assert (created.verb, created.changes) == (Verb.CREATE, {})
    assert (updated.verb, updated.changes) == (Verb.UPDATE, {"name": ["Cykelhjælp", "Hjælp med cyklen"]})
    assert Category.objects.get(pk=new.pk).name == "Hjælp med cyklen"


def test_a_failed_save_writes_no_row(erik: User, category: Category) -> None:
    twin = Category(slug=category.slug, name="Samme korte navn")
    with pytest.raises(IntegrityError), transaction.atomic():
        save_and_record(twin, by=erik)
    assert not AuditEvent.objects.exists()
