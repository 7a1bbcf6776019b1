"""Account mails (password reset, e-mail confirmation, organisation decisions) go through the outbox:
a mail server that is down loses none of them, a link that works like a password is stored nowhere,
and subjects are plain text on one line."""

import re
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ressourcebank.accounts import actions
from ressourcebank.accounts.models import Organisation, User
from ressourcebank.lib.mail import render_subject
from ressourcebank.notifications import delivery
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db


def _link(body: str, fragment: str) -> str:
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(fragment) + r"\S*)", body)
    assert match, body
    return match.group(1)


def _request_reset(client: Any, email: str = "alice@example.dk") -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password_reset_done")


def _deliver_everything_due_later(hours: int = 1) -> None:
    with time_machine.travel(timezone.now() + timedelta(hours=hours), tick=False):
        delivery.deliver_due()


def test_a_password_reset_asked_for_while_the_mail_server_is_down_arrives_when_it_is_back(
    client: Any, alice: User, flaky: type[FlakyBackend], immediate_tasks: None
) -> None:
    flaky.failures = 1
    _request_reset(client)

    assert mail.outbox == []
    row = OutboxMail.objects.get()
    assert (row.kind, row.state, row.attempts, row.recipient) == ("password_reset", "pending", 1, alice)
    assert "SMTPServerDisconnected" in row.last_error

    _deliver_everything_due_later()

    assert [m.to for m in mail.outbox] == [["alice@example.dk"]]
    row.refresh_from_db()
    assert row.state == OutboxMail.State.SENT
    form_url = client.get(_link(mail.outbox[0].body, "/konto/ny-adgangskode/"), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "groen-traktor-i-regn", "new_password2": "groen-traktor-i-regn"})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password("groen-traktor-i-regn")


def test_an_email_confirmation_sent_while_the_mail_server_is_down_arrives_when_it_is_back(
    client: Any, flaky: type[FlakyBackend], immediate_tasks: None
) -> None:
    flaky.failures = 1
    user = actions.register_user(name="Ny Borger", email="ny@example.dk", password="blaa-cykel-paa-taget")

    assert mail.outbox == []
    assert OutboxMail.objects.get().state == OutboxMail.State.PENDING

    _deliver_everything_due_later()

    assert [m.to for m in mail.outbox] == [["ny@example.dk"]]
    client.get(_link(mail.outbox[0].body, "/bekraeft/"))
    user.refresh_from_db()
    assert user.has_confirmed_email


def test_an_organisation_decision_sent_while_the_mail_server_is_down_arrives_when_it_is_back(
    alice: User, erik: User, flaky: type[FlakyBackend], immediate_tasks: None
) -> None:
    organisation = actions.create_organisation(by=alice, name="Nyt Firma", kind="virksomhed")
    flaky.failures = 1
    actions.approve_organisation(organisation, by=erik)

    assert mail.outbox == []

    _deliver_everything_due_later()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["alice@example.dk"], "Nyt Firma er godkendt i Ressourcebanken")
    ]


def test_the_password_reset_link_is_stored_nowhere_before_the_mail_is_sent(client: Any, alice: User) -> None:
    # The real task backend: the job is stored and waits for a worker.
    _request_reset(client)

    row = OutboxMail.objects.get()
    stored = [str(value) for value in OutboxMail.objects.values_list().get()]
    stored += [str(value) for job in DBTaskResult.objects.values_list() for value in job]
    assert DBTaskResult.objects.count() == 1
    assert not any("ny-adgangskode" in value or "uidb64" in value for value in stored)
    assert (row.text_body, row.html_body) == ("", "")
    assert row.subject == "Vælg en ny adgangskode til Ressourcebanken"

    # What the stored job does (db_worker itself closes the test's database connection on PostgreSQL).
    job = DBTaskResult.objects.get()
    job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])

    assert len(mail.outbox) == 1
    assert "/konto/ny-adgangskode/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    row.refresh_from_db()
    assert (row.state, row.text_body, row.html_body) == (OutboxMail.State.SENT, "", "")


def test_the_confirmation_link_is_stored_nowhere_before_the_mail_is_sent(db: Any) -> None:
    actions.register_user(name="Ny Borger", email="ny@example.dk", password="blaa-cykel-paa-taget")

    stored = [str(value) for value in OutboxMail.objects.values_list().get()]
    stored += [str(value) for job in DBTaskResult.objects.values_list() for value in job]
    assert not any("/bekraeft/" in value for value in stored)


def test_a_confirmation_no_longer_needed_when_it_is_sent_is_not_sent(db: Any) -> None:
    user = actions.register_user(name="Ny Borger", email="ny@example.dk", password="blaa-cykel-paa-taget")
    actions.confirm_email(user)

    delivery.deliver_due()

    assert mail.outbox == []
    assert OutboxMail.objects.get().state == OutboxMail.State.CANCELLED


def test_a_mail_made_at_delivery_goes_to_the_address_the_person_has_then(client: Any, alice: User) -> None:
    _request_reset(client)
    alice.email = "alice.ny@example.dk"
    alice.save()

    delivery.deliver_due()

    assert [m.to for m in mail.outbox] == [["alice.ny@example.dk"]]


def test_an_organisation_name_with_an_ampersand_and_a_line_break_gives_a_plain_one_line_subject(
    alice: User, erik: User, immediate_tasks: None
) -> None:
    organisation = Organisation.objects.create(name="Tal & Tryghed\r\nBcc: x@example.dk", kind="virksomhed")
    organisation.memberships.create(user=alice, is_admin=True)

    actions.approve_organisation(organisation, by=erik)

    assert [m.subject for m in mail.outbox] == ["Tal & Tryghed Bcc: x@example.dk er godkendt i Ressourcebanken"]
    assert OutboxMail.objects.get().state == OutboxMail.State.SENT


def test_a_subject_is_rendered_without_html_escaping_on_one_line(db: Any) -> None:
    organisation = Organisation(name="<b>Tal & Tryghed</b>\n\u2028'\"", kind="virksomhed", approved_at=timezone.now())

    subject = render_subject("accounts/email/organisation_decision_subject.txt", {"organisation": organisation})

    assert subject == "<b>Tal & Tryghed</b> '\" er godkendt i Ressourcebanken"


def test_a_task_job_a_dead_worker_left_running_is_closed(db: Any) -> None:
    from ressourcebank.notifications.tasks import deliver_mail

    result = deliver_mail.enqueue(1)
    fresh = deliver_mail.enqueue(2)
    now = timezone.now()
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=now - delivery.STUCK_AFTER * 2)
    DBTaskResult.objects.filter(pk=fresh.id).update(status="RUNNING", started_at=now)
    out = StringIO()

    call_command("deliver_due_mail", stdout=out)

    assert "1 jobs of dead workers closed." in out.getvalue()
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"
    assert DBTaskResult.objects.get(pk=result.id).finished_at is not None
    # A job that started a moment ago may belong to a living worker.
    assert DBTaskResult.objects.get(pk=fresh.id).status == "RUNNING"
