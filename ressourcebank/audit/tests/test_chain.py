"""The access log is a hash chain: each entry numbered, linked to the one before, never changed or
removed — the database refuses it, the model refuses it, and verify_access_log finds it when an
attacker with database access did it anyway."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from ressourcebank.accounts.models import User
from ressourcebank.audit import chain, guards
from ressourcebank.audit.models import AccessLogIsAppendOnly, AuditEvent, AuditHead, Verb, record
from ressourcebank.taxonomy.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(erik: User, category: Category) -> list[AuditEvent]:
    """Five entries, as staff work would leave them."""
    return [record(erik, Verb.READ, category, note=f"læst {n}", reason="opfølgning") for n in range(5)]


def verify() -> str:
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    return out.getvalue()


def verify_fails() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_access_log", stdout=StringIO())
    return str(failure.value)


def raw(sql: str, params: list[Any] | None = None) -> None:
    """What an attacker with database access does: plain SQL with the triggers out of the way."""
    with guards.lifted(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_are_numbered_in_order_and_each_links_to_the_one_before(log: list[AuditEvent]) -> None:
    assert [event.seq for event in log] == [1, 2, 3, 4, 5]
    previous = chain.GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        assert event.hash == chain.link(previous, event.content())
        previous = event.hash
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (5, log[-1].hash)


def test_an_intact_log_is_reported_intact(log: list[AuditEvent]) -> None:
    assert "Adgangsloggen er intakt: 5 poster" in verify()


def test_an_empty_log_is_intact(db: Any) -> None:
    assert "intakt: 0 poster" in verify()


def test_the_database_refuses_to_update_an_entry(log: list[AuditEvent]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET note = 'intet at se her' WHERE seq = 2")
    assert AuditEvent.objects.get(seq=2).note == "læst 1"


def test_the_database_refuses_to_delete_an_entry(log: list[AuditEvent]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 5")
    assert AuditEvent.objects.count() == 5


def test_the_database_refuses_to_move_the_head_back(log: list[AuditEvent]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audithead SET seq = 3")
    assert AuditHead.objects.get().seq == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_the_log(log: list[AuditEvent]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")


def test_the_model_refuses_to_change_or_remove_an_entry(log: list[AuditEvent]) -> None:
    event = log[0]
    event.note = "ændret"
    with pytest.raises(AccessLogIsAppendOnly):
        event.save()
    with pytest.raises(AccessLogIsAppendOnly):
        event.delete()
    with pytest.raises(AccessLogIsAppendOnly):
        AuditEvent.objects.filter(seq=1).update(note="ændret")
    with pytest.raises(AccessLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(seq=1).note == "læst 0"


def test_an_edited_entry_is_named(log: list[AuditEvent]) -> None:
    raw("UPDATE audit_auditevent SET reason = 'ingen grund' WHERE seq = 3")

    message = verify_fails()

    assert "Post nr. 3 er ændret, efter den blev skrevet." in message
    assert "De første 2 poster er i orden." in message


def test_an_edit_with_the_chain_recomputed_after_it_is_caught_by_the_anchor(log: list[AuditEvent]) -> None:
    call_command("anchor_access_log", stdout=StringIO())
    raw("UPDATE audit_auditevent SET note = 'intet' WHERE seq = 2")
    previous = AuditEvent.objects.get(seq=1).hash
    for event in AuditEvent.objects.filter(seq__gte=2).order_by("seq"):
        previous = chain.link(previous, event.content())
        raw("UPDATE audit_auditevent SET hash = %s WHERE seq = %s", [previous, event.seq])
    raw("UPDATE audit_audithead SET hash = %s", [previous])

    assert "Post nr. 5 passer ikke med ankeret" in verify_fails()


def test_a_deleted_entry_is_named(log: list[AuditEvent]) -> None:
    raw("DELETE FROM audit_auditevent WHERE seq = 2")

    assert "Post nr. 2 mangler: den er slettet (næste post er nr. 3)." in verify_fails()


def test_a_truncated_tail_is_caught_by_the_head(log: list[AuditEvent]) -> None:
    raw("DELETE FROM audit_auditevent WHERE seq >= 4")

    assert "Post nr. 4 og de følgende mangler: hovedet siger, at loggen slutter ved nr. 5." in verify_fails()


def test_a_truncated_tail_with_the_head_rewritten_is_caught_by_the_anchor(log: list[AuditEvent]) -> None:
    call_command("anchor_access_log", stdout=StringIO())
    raw("DELETE FROM audit_auditevent WHERE seq >= 4")
    raw("UPDATE audit_audithead SET seq = 3, hash = %s", [log[2].hash])

    assert "Post nr. 4 og de følgende mangler: ankeret fra" in verify_fails()


def test_a_removed_head_is_reported_and_no_new_chain_is_started(log: list[AuditEvent], erik: User) -> None:
    raw("DELETE FROM audit_audithead")

    assert "Logens hoved mangler" in verify_fails()
    with pytest.raises(Exception, match="head row is missing"):
        record(erik, Verb.READ, erik)


def test_anchors_are_appended_once_per_new_head(log: list[AuditEvent], settings: Any, erik: User) -> None:
    call_command("anchor_access_log", stdout=StringIO())
    call_command("anchor_access_log", stdout=StringIO())
    record(erik, Verb.READ, erik)
    call_command("anchor_access_log", stdout=StringIO())

    lines = Path(settings.ACCESS_LOG_ANCHOR_PATH).read_text().splitlines()
    assert [line.split(",")[0] for line in lines] == ['{"seq": 5', '{"seq": 6']
    assert "kontrolleret mod hovedet og 2 ankre" in verify()


def test_an_unreadable_anchor_file_is_named(log: list[AuditEvent], settings: Any) -> None:
    Path(settings.ACCESS_LOG_ANCHOR_PATH).write_text("ikke json\n")

    assert "Linje 1 i ankerfilen" in verify_fails()
