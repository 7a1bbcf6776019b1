"""A citizen's thread is reachable only through their own link or, logged in, as its author."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.inbox.actions import add_note, answer_inquiry, pause_clock, status_url
from ressourcebank.inbox.models import Inquiry
from ressourcebank.inbox.tokens import make_status_token

pytestmark = pytest.mark.django_db


def path_of(inquiry: Inquiry) -> str:
    return urlsplit(status_url(inquiry)).path


def test_the_citizen_reads_the_answer_through_their_link_but_not_the_internal_note(
    client: Client, write: Callable[..., Inquiry], erik: User
) -> None:
    inquiry = write()
    answer_inquiry(inquiry, "Vi har kigget på dit brev. Du skal ikke gøre noget.", by=erik)
    add_note(inquiry, "Ring evt. til udbetaling om sagen", by=erik)

    page = client.get(path_of(inquiry)).content.decode()

    assert "Vi har kigget på dit brev" in page
    assert "Ring evt. til udbetaling" not in page
    assert "Besvaret" in page


def test_another_inquirys_link_or_a_forged_one_opens_nothing(client: Client, write: Callable[..., Inquiry]) -> None:
    mine, theirs = write(), write(message="Noget helt andet og privat")
    forged = make_status_token(theirs.pk, mine.link_key)

    for token in (forged, "4242", make_status_token(theirs.pk, "gættet")):
        response = client.get(reverse("inbox:status", args=[token]))
        assert response.status_code == 404
        assert "Linket virker ikke" in response.content.decode()
        assert "Noget helt andet" not in response.content.decode()


def test_a_link_stops_working_after_its_days(client: Client, write: Callable[..., Inquiry], settings: Any) -> None:
    settings.INBOX_LINK_MAX_AGE_DAYS = 90
    inquiry = write()
    path = path_of(inquiry)
    assert client.get(path).status_code == 200

    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert client.get(path).status_code == 404


def test_the_citizen_replies_in_the_same_thread_and_a_paused_clock_runs_again(
    client: Client, write: Callable[..., Inquiry], erik: User
) -> None:
    inquiry = write()
    pause_clock(inquiry, "Vi venter på lønsedler fra borgeren", by=erik)

    response = client.post(path_of(inquiry), {"message": "Her er mine lønsedler."})

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.OPEN and inquiry.paused_at is None
    assert [m.body for m in inquiry.messages.all()][-1] == "Her er mine lønsedler."


def test_a_reply_to_an_answered_inquiry_opens_it_again(
    client: Client, write: Callable[..., Inquiry], erik: User
) -> None:
    inquiry = write()
    answer_inquiry(inquiry, "Svar", by=erik)

    client.post(path_of(inquiry), {"message": "Tak, men jeg har et spørgsmål mere."})

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.OPEN


def test_an_empty_reply_is_refused_with_a_danish_message(client: Client, write: Callable[..., Inquiry]) -> None:
    response = client.post(path_of(write()), {"message": ""})
    assert response.status_code == 200
    assert "Skriv din besked." in response.content.decode()


def test_logged_in_a_citizen_opens_their_own_inquiry_but_not_anothers(
    client: Client, write: Callable[..., Inquiry], alice: User, olga: User, login: Any
) -> None:
    inquiry = write()
    Inquiry.objects.filter(pk=inquiry.pk).update(citizen=alice)
    url = reverse("inbox:mine_detail", args=[inquiry.reference])

    login(client, olga)
    assert client.get(url).status_code == 404
    assert inquiry.reference not in client.get(reverse("inbox:mine")).content.decode()

    login(client, alice)
    assert client.get(url).status_code == 200


def test_the_status_page_always_shows_the_phone_number_and_the_phone_hours(
    client: Client, write: Callable[..., Inquiry]
) -> None:
    page = client.get(path_of(write())).content.decode()
    assert "89 15 15 15" in page and "Mandag til fredag kl. 9–10" in page
