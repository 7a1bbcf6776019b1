"""Ring mig op, as a citizen meets it: pick a free time, get a receipt and an SMS, move or cancel
through the link, and a reminder the day before."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.appointments import actions, links
from ressourcebank.appointments.models import Booking, Slot
from ressourcebank.audit.models import AuditEvent
from ressourcebank.inbox.models import Team
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.sms import SmsMessage
from ressourcebank.notifications.tasks import deliver_mail

pytestmark = pytest.mark.django_db


def _book(client: Client, slot: Slot, **data: str) -> Any:
    fields = {"slot": str(slot.pk), "name": "Birthe Borger", "phone": "12 34 56 78", "website": ""} | data
    return client.post(reverse("appointments:callback_book", args=[slot.team.slug]), fields)  # type: ignore[union-attr]


def _deliver_all() -> None:
    for pk in OutboxMail.objects.filter(state=OutboxMail.State.PENDING).order_by("pk").values_list("pk", flat=True):
        deliver_mail.call(pk)


def test_the_callback_page_shows_the_teams_free_times_and_phone_hours(client: Client, slot: Slot, team: Team) -> None:
    start = client.get(reverse("appointments:callback_start")).content.decode()
    assert "Borgerservice" in start
    assert "Hverdage kl. 9–10" in start

    page = client.get(reverse("appointments:callback_book", args=[team.slug])).content.decode()
    assert f'value="{slot.pk}"' in page
    assert "89 15 15 15" in page


def test_a_citizen_without_an_account_books_a_callback_and_gets_a_receipt_and_an_sms(
    client: Client, slot: Slot, sms_outbox: list[SmsMessage]
) -> None:
    response = _book(client, slot)

    booking = Booking.objects.get()
    assert response.status_code == 302
    # The link carries a timestamp, so it is compared by the booking it opens, not as text.
    assert links.booking_for(response["Location"].split("/")[-2]) == booking
    assert "12345678" not in response["Location"]
    assert "Birthe" not in response["Location"]
    receipt = client.get(response["Location"]).content.decode()
    assert "Din tid er bestilt" in receipt
    assert "+45 12 34 56 78" in receipt
    assert "Flyt tiden" in receipt
    _deliver_all()
    (sms,) = sms_outbox
    assert sms.to == "+4512345678"
    assert "ringer dig op" in sms.text
    link = next(word for word in sms.text.split() if "/min-tid/" in word)
    assert link.startswith(settings.SITE_URL)
    assert links.booking_for(link.rstrip("/").split("/")[-1]) == booking


def test_a_time_someone_else_took_is_refused_with_the_input_kept(client: Client, slot: Slot) -> None:
    actions.book_slot(slot, name="Første", phone="11111111", by=None)

    response = _book(client, slot, name="Anden Borger")

    page = response.content.decode()
    assert "Den tid er ikke ledig mere" in page
    assert "Anden Borger" in page
    assert Booking.objects.count() == 1


def test_a_wrong_phone_number_is_answered_in_danish_and_the_name_is_kept(client: Client, slot: Slot) -> None:
    response = _book(client, slot, phone="1234")

    page = response.content.decode()
    assert "Skriv et telefonnummer med 8 cifre" in page
    assert "Birthe Borger" in page
    assert not Booking.objects.exists()


def test_a_program_that_fills_the_hidden_field_books_nothing(client: Client, slot: Slot) -> None:
    _book(client, slot, website="http://spam.example")

    assert not Booking.objects.exists()


def test_one_client_cannot_take_every_free_time(client: Client, make_slot: Callable[..., Slot]) -> None:
    slots = [make_slot(hours_ahead=24 + i) for i in range(12)]

    answers = [_book(client, slot).status_code for slot in slots]

    assert answers.count(302) == 10
    assert "mange tider på kort tid" in _book(client, make_slot(hours_ahead=50)).content.decode()


def test_a_logged_in_citizen_finds_their_name_filled_in(
    client: Client, login: Callable[..., None], alice: User, slot: Slot
) -> None:
    login(client, alice)

    page = client.get(reverse("appointments:callback_book", args=[slot.team.slug])).content.decode()  # type: ignore[union-attr]

    assert "Alice Andersen" in page


def test_the_citizen_moves_the_callback_through_the_link(
    client: Client, slot: Slot, make_slot: Callable[..., Slot], sms_outbox: list[SmsMessage]
) -> None:
    later = make_slot(hours_ahead=48)
    booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    token = links.token_for(booking)

    page = client.get(reverse("appointments:booking_move", args=[token])).content.decode()
    assert f'value="{later.pk}"' in page
    response = client.post(reverse("appointments:booking_move", args=[token]), {"slot": later.pk}, follow=True)

    booking.refresh_from_db()
    assert booking.slot == later
    assert "Din tid er flyttet" in response.content.decode()
    # The old time is free for someone else.
    assert Slot.objects.free().filter(pk=slot.pk).exists()
    _deliver_all()
    assert "flyttet" in sms_outbox[-1].text


def test_the_citizen_cancels_the_callback_and_the_time_is_free_again(
    client: Client, slot: Slot, sms_outbox: list[SmsMessage]
) -> None:
    booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    token = links.token_for(booking)

    assert "Vil du aflyse din tid?" in client.get(reverse("appointments:booking_cancel", args=[token])).content.decode()
    response = client.post(reverse("appointments:booking_cancel", args=[token]), follow=True)

    assert "Din tid er aflyst" in response.content.decode()
    booking.refresh_from_db()
    assert booking.is_cancelled
    assert Slot.objects.free().filter(pk=slot.pk).exists()
    # Someone else can have it now.
    actions.book_slot(slot, name="Næste", phone="87654321", by=None)
    _deliver_all()
    assert any("aflyst" in sms.text for sms in sms_outbox)


def test_an_altered_or_expired_link_finds_nothing(client: Client, slot: Slot) -> None:
    booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    token = links.token_for(booking)

    assert client.get(reverse("appointments:booking", args=[token[:-2] + "xx"])).status_code == 404
    assert (
        client.get(reverse("appointments:booking", args=[signing.TimestampSigner().sign(booking.key)])).status_code
        == 404
    )
    with time_machine.travel(timezone.now() + links.LINK_MAX_AGE + timedelta(days=1)):
        assert client.get(reverse("appointments:booking", args=[token])).status_code == 404
    assert client.get(reverse("appointments:booking", args=[token])).status_code == 200


def test_a_time_that_has_started_cannot_be_booked(make_slot: Callable[..., Slot]) -> None:
    past = make_slot(hours_ahead=-1)

    with pytest.raises(actions.SlotTaken):
        actions.book_slot(past, name="Birthe", phone="12345678", by=None)


def test_booking_moving_and_cancelling_are_in_the_audit_log_without_the_number(slot: Slot) -> None:
    booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    actions.cancel_booking(booking, by=None)

    notes = list(AuditEvent.objects.filter(target_id=str(booking.pk)).order_by("id").values_list("note", flat=True))
    assert notes == ["callback bestilt", "tid aflyst"]
    assert not AuditEvent.objects.filter(note__contains="12345678").exists()


def test_a_reminder_goes_the_day_before_once(
    make_slot: Callable[..., Slot], sms_outbox: list[SmsMessage], settings: Any
) -> None:
    # Noon today; the callback is tomorrow at noon.
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(now - timedelta(days=2), tick=False):
        slot = make_slot(hours_ahead=72)
        booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    _deliver_all()
    sms_outbox.clear()

    assert actions.send_booking_reminders(now) == 1
    assert actions.send_booking_reminders(now + timedelta(hours=1)) == 0

    _deliver_all()
    (reminder,) = sms_outbox
    assert reminder.text.startswith("Husk: Randers Kommune ringer dig op i morgen")
    booking.refresh_from_db()
    assert booking.reminded_at is not None


def test_no_reminder_for_a_cancelled_time(make_slot: Callable[..., Slot]) -> None:
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(now - timedelta(days=2), tick=False):
        booking = actions.book_slot(make_slot(hours_ahead=72), name="Birthe", phone="12345678", by=None)
        actions.cancel_booking(booking, by=None)

    assert actions.send_booking_reminders(now) == 0


@pytest.mark.parametrize("view", ["appointments:booking", "appointments:booking_move", "appointments:booking_cancel"])
def test_an_old_or_cut_off_sms_link_says_in_danish_what_to_do(
    client: Client, slot: Slot, team: Team, view: str
) -> None:
    booking = actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    token = links.token_for(booking)

    with time_machine.travel(timezone.now() + links.LINK_MAX_AGE + timedelta(days=1)):
        response = client.get(reverse(view, args=[token]))

    page = response.content.decode()
    assert response.status_code == 404
    assert "Linket virker ikke" in page
    assert reverse("appointments:callback_start") in page
    assert team.phone in page and team.phone_hours in page
