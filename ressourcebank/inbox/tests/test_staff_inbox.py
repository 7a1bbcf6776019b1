"""/staff/henvendelser/: queues per team, answering, notes, assigning, pausing, handing over, the
figures, and the attachments only staff who may see the message can fetch."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent
from ressourcebank.inbox.actions import status_url
from ressourcebank.inbox.models import Attachment, Inquiry, Message, Team
from ressourcebank.notifications.models import OutboxMail

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client, erik: User, login: Any) -> Client:
    login(client, erik)
    return client


def test_staff_see_their_teams_queue_with_the_overdue_marked(
    staff_client: Client, write: Callable[..., Inquiry]
) -> None:
    late, fresh = write(), write()
    Inquiry.objects.filter(pk=late.pk).update(due_on="2020-01-02")

    page = staff_client.get(reverse("staff:inquiries")).content.decode()

    assert late.reference in page and fresh.reference in page
    assert page.count("Over svartiden") == 1


def test_staff_on_another_team_neither_see_nor_open_the_message(
    client: Client, write: Callable[..., Inquiry], gitte: User, other_team: Team, login: Any
) -> None:
    inquiry = write()
    login(client, gitte)

    assert inquiry.reference not in client.get(reverse("staff:inquiries") + "?team=borgerservice").content.decode()
    assert client.get(reverse("staff:inquiry", args=[inquiry.pk])).status_code == 404
    assert client.post(reverse("staff:inquiry_answer", args=[inquiry.pk]), {"body": "x"}).status_code == 404


def test_a_citizen_cannot_reach_the_staff_inbox(client: Client, alice: User, login: Any) -> None:
    login(client, alice)
    assert client.get(reverse("staff:inquiries")).status_code == 403


def test_staff_answer_by_email_and_the_citizen_gets_it_with_the_link(
    staff_client: Client, write: Callable[..., Inquiry], immediate_tasks: None
) -> None:
    inquiry = write()
    mail.outbox.clear()

    response = staff_client.post(reverse("staff:inquiry_answer", args=[inquiry.pk]), {"body": "Du får pengene fredag."})

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED and inquiry.answered_in_time is True
    assert "Du får pengene fredag." in mail.outbox[0].body and "/skriv-til-kommunen/status/" in mail.outbox[0].body
    assert OutboxMail.objects.filter(idempotency_key__startswith="inquiry-answer:").count() == 1


def test_an_answer_by_sms_goes_to_the_citizens_phone_with_the_link(
    staff_client: Client, write: Callable[..., Inquiry]
) -> None:
    inquiry = write(answer_by="sms", email="", phone="12 34 56 78")

    staff_client.post(reverse("staff:inquiry_answer", args=[inquiry.pk]), {"body": "Du får pengene fredag."})

    assert Message.objects.get(kind=Message.Kind.ANSWER).delivery == Message.Delivery.SMS
    sms = OutboxMail.objects.filter(channel=OutboxMail.Channel.SMS).order_by("id").last()
    assert sms is not None and sms.to_address == "+4512345678"
    assert "Du får pengene fredag." in sms.text_body and "/skriv-til-kommunen/status/" in sms.text_body
    assert not OutboxMail.objects.filter(channel=OutboxMail.Channel.EMAIL).exists()


def test_a_long_answer_by_sms_is_cut_to_one_sms_and_keeps_the_link(
    staff_client: Client, write: Callable[..., Inquiry]
) -> None:
    inquiry = write(answer_by="sms", email="", phone="12345678")

    staff_client.post(reverse("staff:inquiry_answer", args=[inquiry.pk]), {"body": "Langt svar. " * 200})

    sms = OutboxMail.objects.filter(channel=OutboxMail.Channel.SMS).order_by("id").last()
    assert sms is not None and len(sms.text_body) <= 612 and "/skriv-til-kommunen/status/" in sms.text_body


def test_an_empty_answer_is_refused_with_a_danish_message(staff_client: Client, write: Callable[..., Inquiry]) -> None:
    inquiry = write()
    response = staff_client.post(reverse("staff:inquiry_answer", args=[inquiry.pk]), {"body": ""})
    assert response.status_code == 200
    assert "Skriv en tekst." in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_staff_assign_note_pause_and_resume_from_the_message_page(
    staff_client: Client, write: Callable[..., Inquiry], erik: User
) -> None:
    inquiry = write()
    staff_client.post(reverse("staff:inquiry_assign", args=[inquiry.pk]), {"assignee": erik.pk})
    staff_client.post(reverse("staff:inquiry_note", args=[inquiry.pk]), {"note": "Tjek udbetalingen"})
    refused = staff_client.post(reverse("staff:inquiry_pause", args=[inquiry.pk]), {"pause-reason": ""})
    assert "Skriv, hvorfor svartiden skal stå stille." in refused.content.decode()
    staff_client.post(reverse("staff:inquiry_pause", args=[inquiry.pk]), {"pause-reason": "Venter på lønsedler"})

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == erik and inquiry.status == Inquiry.Status.WAITING
    page = staff_client.get(reverse("staff:inquiry", args=[inquiry.pk])).content.decode()
    assert "Tjek udbetalingen" in page and "Venter på lønsedler" in page

    staff_client.post(reverse("staff:inquiry_resume", args=[inquiry.pk]))
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.OPEN


def test_someone_outside_the_team_cannot_be_assigned(
    staff_client: Client, write: Callable[..., Inquiry], gitte: User
) -> None:
    inquiry = write()
    response = staff_client.post(reverse("staff:inquiry_assign", args=[inquiry.pk]), {"assignee": gitte.pk})
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.assigned_to is None


def test_a_hand_over_moves_the_message_and_tells_the_citizen_where_and_why(
    staff_client: Client, client: Client, write: Callable[..., Inquiry], other_team: Team, immediate_tasks: None
) -> None:
    inquiry = write()
    mail.outbox.clear()

    response = staff_client.post(
        reverse("staff:inquiry_hand_over", args=[inquiry.pk]),
        {"videre-team": other_team.pk, "videre-reason": "Det handler om dit job, og det ved Job og familie mest om."},
    )

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.team == other_team
    assert "Job og familie" in mail.outbox[0].body and "det ved Job og familie mest om" in mail.outbox[0].body
    page = Client().get(status_url(inquiry).removeprefix("http://127.0.0.1:8000")).content.decode()
    assert "Vi har sendt din henvendelse videre til Job og familie." in page
    assert "det ved Job og familie mest om" in page


def test_a_hand_over_without_a_reason_is_refused(
    staff_client: Client, write: Callable[..., Inquiry], other_team: Team, team: Team
) -> None:
    inquiry = write()
    response = staff_client.post(reverse("staff:inquiry_hand_over", args=[inquiry.pk]), {"videre-team": other_team.pk})
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.team == team


def test_staff_fetch_an_attachment_and_the_read_is_logged(
    staff_client: Client, write: Callable[..., Inquiry], erik: User
) -> None:
    write(files=[upload("brev.pdf", PDF)])
    attachment = Attachment.objects.get()

    response = staff_client.get(reverse("staff:inquiry_attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(actor=erik, verb="read", target_type="inbox.attachment").exists()


def test_no_outsider_can_fetch_any_attachment(
    client: Client, write: Callable[..., Inquiry], alice: User, gitte: User, other_team: Team, login: Any
) -> None:
    write(files=[upload("brev.pdf", PDF)])
    url = reverse("staff:inquiry_attachment", args=[Attachment.objects.get().pk])

    assert client.get(url).status_code == 302  # to the login
    login(client, alice)
    assert client.get(url).status_code == 403
    login(client, gitte)
    assert client.get(url).status_code == 404


def test_the_figures_page_shows_the_teams_weeks(staff_client: Client, write: Callable[..., Inquiry]) -> None:
    write()
    page = staff_client.get(reverse("staff:inquiry_figures")).content.decode()
    assert "Borgerservice" in page and "0 af 0 besvarede" in page
