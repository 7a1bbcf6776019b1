"""Skriv til kommunen: a citizen without an account writes, and gets a receipt."""

import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from ressourcebank.inbox.models import Attachment, Inquiry, Team, Topic
from ressourcebank.notifications.models import OutboxMail

from .conftest import PDF, PNG, upload

pytestmark = pytest.mark.django_db


def form(**fields: Any) -> dict[str, Any]:
    return {
        "topic": Topic.objects.get(slug="oekonomi").pk,
        "message": "Jeg har fået et brev om min boligstøtte, som jeg ikke forstår.",
        "answer_by": "email",
        "name": "Hanne Hansen",
        "email": "hanne@example.dk",
        "phone": "",
        "website": "",
    } | fields


@time_machine.travel("2026-12-22 10:00 +01:00", tick=False)
def test_a_citizen_without_an_account_writes_and_the_receipt_shows_reference_answer_date_and_phone(
    client: Client, team: Team, immediate_tasks: None
) -> None:
    response = client.post(reverse("inbox:write"), form(), follow=True)

    inquiry = Inquiry.objects.get()
    page = response.content.decode()
    assert inquiry.reference in page
    # Tuesday 22 December with 3 working days: 23rd, then 28th and 29th (Christmas closes 24–27).
    assert "29. december 2026" in page
    assert "89 15 15 15" in page and "Mandag til fredag kl. 9–10" in page
    assert inquiry.team == team and inquiry.citizen is None
    assert inquiry.messages.get().body.startswith("Jeg har fået et brev")
    receipt = OutboxMail.objects.get(kind=OutboxMail.Kind.INQUIRY)
    assert receipt.to_address == "hanne@example.dk" and receipt.recipient is None
    assert mail.outbox[0].to == ["hanne@example.dk"] and inquiry.reference in mail.outbox[0].subject
    assert "/skriv-til-kommunen/status/" in mail.outbox[0].body


def test_the_status_link_in_the_url_names_nothing_personal(client: Client, team: Team) -> None:
    response = client.post(reverse("inbox:write"), form())
    assert response.status_code == 302
    assert "hanne" not in response["Location"].lower()
    assert Inquiry.objects.get().reference not in response["Location"]


def test_answer_by_email_needs_an_email_and_the_message_is_kept(client: Client, team: Team) -> None:
    response = client.post(reverse("inbox:write"), form(email=""))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv din e-mail, så vi kan svare dig på e-mail." in page
    assert "Jeg har fået et brev om min boligstøtte" in page
    assert not Inquiry.objects.exists()


def test_answer_by_sms_needs_a_phone_number(client: Client, team: Team) -> None:
    response = client.post(reverse("inbox:write"), form(answer_by="sms", email=""))
    assert "Skriv dit telefonnummer" in response.content.decode()
    assert not Inquiry.objects.exists()

    client.post(reverse("inbox:write"), form(answer_by="sms", email="", phone="12 34 56 78"))
    inquiry = Inquiry.objects.get()
    assert inquiry.phone == "12 34 56 78"
    receipt = OutboxMail.objects.get(channel=OutboxMail.Channel.SMS)
    assert inquiry.reference in receipt.text_body and receipt.to_address == "+4512345678"


def test_a_robot_filling_the_hidden_field_stores_nothing(client: Client, team: Team) -> None:
    response = client.post(reverse("inbox:write"), form(website="http://spam.example"))
    assert response.status_code == 302
    assert not Inquiry.objects.exists()


def test_after_ten_messages_in_an_hour_a_client_is_asked_to_wait_or_call_and_keeps_the_text(
    client: Client, team: Team, settings: Any
) -> None:
    settings.INBOX_RATE_PER_HOUR = 2
    client.post(reverse("inbox:write"), form())
    client.post(reverse("inbox:write"), form())

    response = client.post(reverse("inbox:write"), form(message="Den tredje besked"))

    assert response.status_code == 429
    page = response.content.decode()
    assert "Vent en time, eller ring til os" in page and "Den tredje besked" in page
    assert Inquiry.objects.count() == 2


def test_a_pdf_and_a_picture_are_attached_and_stored_outside_the_web_root(
    client: Client, team: Team, private_media: Any
) -> None:
    files = [upload("brev.pdf", PDF), upload("foto.png", PNG, "image/png")]
    client.post(reverse("inbox:write"), form(attachments=files))

    stored = list(Attachment.objects.order_by("id"))
    assert [(a.original_name, a.content_type) for a in stored] == [
        ("brev.pdf", "application/pdf"),
        ("foto.png", "image/png"),
    ]
    for attachment in stored:
        assert (private_media / attachment.file.name).exists()
        assert "brev" not in attachment.file.name  # the stored name is random


def test_a_file_that_says_it_is_a_pdf_but_is_not_is_refused(client: Client, team: Team) -> None:
    fake = upload("brev.pdf", b"MZ\x90\x00 this is a program, not a letter", "application/pdf")

    response = client.post(reverse("inbox:write"), form(attachments=[fake]))

    assert response.status_code == 200
    assert "Filen brev.pdf er ikke en PDF eller et billede" in response.content.decode()
    assert not Inquiry.objects.exists() and not Attachment.objects.exists()


def test_a_file_that_is_too_big_is_refused(client: Client, team: Team) -> None:
    big = upload("stor.pdf", PDF + b"0" * (10 * 1024 * 1024))

    response = client.post(reverse("inbox:write"), form(attachments=[big]))

    assert "er for stor" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_logged_in_citizen_writes_with_their_name_filled_in_and_finds_it_on_their_own_list(
    client: Client, team: Team, alice: Any, login: Any
) -> None:
    login(client, alice)
    assert 'value="Alice Andersen"' in client.get(reverse("inbox:write")).content.decode()

    client.post(reverse("inbox:write"), form(name="Alice Andersen", email="alice@example.dk"))

    inquiry = Inquiry.objects.get()
    assert inquiry.citizen == alice
    assert inquiry.reference in client.get(reverse("inbox:mine")).content.decode()


def test_a_topic_no_team_answers_yet_lands_in_the_shared_queue_with_five_working_days(client: Client) -> None:
    client.post(reverse("inbox:write"), form(topic=Topic.objects.get(slug="andet").pk))
    inquiry = Inquiry.objects.get()
    assert inquiry.team is None and inquiry.due_on > inquiry.received_at.date()


def test_the_contact_page_and_the_front_door_lead_to_the_form(client: Client) -> None:
    for url in (reverse("pages:contact"), reverse("pages:home")):
        assert reverse("inbox:write") in client.get(url).content.decode()


def test_a_citizen_with_an_open_case_has_the_message_go_to_their_own_tovholder_who_sees_it(
    client: Client, team: Team, alice: Any, dorte: Any, login: Any
) -> None:
    from ressourcebank.cases import actions as cases
    from ressourcebank.cases.models import Case, HouseholdMember

    cases.open_case(
        cases.CaseData(
            title="Alice",
            kind=Case.Kind.HOUSEHOLD,
            citizen_name="Alice Andersen",
            age_group=HouseholdMember.AgeGroup.ADULT,
            citizen=alice,
        ),
        by=dorte,
    )
    login(client, alice)
    response = client.post(reverse("inbox:write"), form(name="Alice Andersen", email="alice@example.dk"), follow=True)

    inquiry = Inquiry.objects.get()
    assert inquiry.assigned_to == dorte and inquiry.team == team
    assert "Din tovholder, Dorte Tovholder" in response.content.decode()
    tovholder = Client()
    login(tovholder, dorte)
    assert inquiry.reference in tovholder.get(reverse("staff:inquiries")).content.decode()
    assert tovholder.get(reverse("staff:inquiry", args=[inquiry.pk])).status_code == 200


def test_a_message_routed_to_the_tovholder_keeps_them_when_staff_save_the_assignment_unchanged(
    client: Client, team: Team, alice: Any, dorte: Any, login: Any
) -> None:
    from ressourcebank.cases import actions as cases
    from ressourcebank.cases.models import Case, HouseholdMember
    from ressourcebank.inbox.actions import assign_inquiry
    from ressourcebank.inbox.forms import AssignForm

    cases.open_case(
        cases.CaseData(
            title="Alice",
            kind=Case.Kind.HOUSEHOLD,
            citizen_name="Alice Andersen",
            age_group=HouseholdMember.AgeGroup.ADULT,
            citizen=alice,
        ),
        by=dorte,
    )
    login(client, alice)
    client.post(reverse("inbox:write"), form(name="Alice Andersen", email="alice@example.dk"))
    inquiry = Inquiry.objects.get()
    staff_member = team.members.first()

    assignment = AssignForm({"assignee": dorte.pk}, inquiry=inquiry)
    assert assignment.is_valid(), assignment.errors
    assign_inquiry(inquiry, assignment.cleaned_data["assignee"], by=staff_member)

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == dorte


def test_a_citizen_without_a_case_is_answered_by_the_topics_team(
    client: Client, team: Team, alice: Any, login: Any
) -> None:
    login(client, alice)
    client.post(reverse("inbox:write"), form())
    assert Inquiry.objects.get().assigned_to is None


def test_the_email_and_phone_fields_are_not_called_optional_when_the_chosen_answer_needs_one(
    client: Client, team: Team
) -> None:
    # Each is needed for one way of answering; "(valgfrit)" beside them contradicted their hint.
    page = client.get(reverse("inbox:write")).content.decode()

    def label(name: str) -> str:
        found = re.search(rf'<label[^>]*for="id_{name}"[^>]*>(.*?)</label>', page, re.S)
        assert found is not None
        return found.group(1)

    assert "valgfrit" not in label("email")
    assert "valgfrit" not in label("phone")
    assert "valgfrit" in label("name")
