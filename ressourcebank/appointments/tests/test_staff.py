"""Staff publish callback times for their team, see who booked (logged as read), and keep the
counselling hours. Citizens, coordinators and staff of other teams see none of it."""

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.appointments import actions
from ressourcebank.appointments.models import CounsellingHours, Slot
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.inbox.models import Team
from ressourcebank.lib.workdays import add_working_days

pytestmark = pytest.mark.django_db


def _next_working_day() -> str:
    return add_working_days(timezone.localdate(), 1).isoformat()


def test_staff_publish_callback_times_for_their_team(
    client: Client, login: Callable[..., None], erik: User, team: Team
) -> None:
    login(client, erik)

    response = client.post(
        reverse("staff:appointments_publish"),
        {"team": team.pk, "on": _next_working_day(), "start": "13:00", "end": "14:00", "minutes": "15"},
        follow=True,
    )

    assert "4 nye tider er lagt ud." in response.content.decode()
    assert Slot.objects.callbacks().filter(team=team).count() == 4
    # The same hour again adds nothing.
    client.post(
        reverse("staff:appointments_publish"),
        {"team": team.pk, "on": _next_working_day(), "start": "13:00", "end": "14:00", "minutes": "15"},
    )
    assert Slot.objects.callbacks().filter(team=team).count() == 4


def test_times_on_a_closed_day_or_ending_before_they_start_are_refused_in_danish(
    client: Client, login: Callable[..., None], erik: User, team: Team
) -> None:
    login(client, erik)
    saturday = timezone.localdate() + timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)

    closed = client.post(
        reverse("staff:appointments_publish"),
        {"team": team.pk, "on": saturday.isoformat(), "start": "13:00", "end": "14:00", "minutes": "15"},
    )
    backwards = client.post(
        reverse("staff:appointments_publish"),
        {"team": team.pk, "on": _next_working_day(), "start": "14:00", "end": "13:00", "minutes": "15"},
    )

    assert "Den dag har kommunen lukket" in closed.content.decode()
    assert "Sluttiden skal være efter starttiden." in backwards.content.decode()
    assert not Slot.objects.exists()


def test_staff_see_who_booked_with_their_team_and_the_read_is_logged(
    client: Client, login: Callable[..., None], erik: User, slot: Slot
) -> None:
    actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    login(client, erik)

    page = client.get(reverse("staff:appointments")).content.decode()

    assert "Birthe Borger" in page
    assert "+4512345678" in page
    assert AuditEvent.objects.filter(actor=erik, verb=Verb.READ, note="bestilte tider læst").exists()


def test_staff_read_the_number_to_call_in_pairs_and_the_two_actions_stand_apart(
    client: Client, login: Callable[..., None], erik: User, slot: Slot
) -> None:
    # The list showed "+4512345678", hard to read aloud while dialling, and "Ringet op" and
    # "Aflys" sat glued together in the cell.
    actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    login(client, erik)

    page = client.get(reverse("staff:appointments")).content.decode()

    assert '<a href="tel:+4512345678">+45 12 34 56 78</a>' in page
    cell = page.split('data-title="Gør"')[1].split("</td>")[0]
    assert 'class="button-row-actions"' in cell and "Ringet op" in cell and "Aflys" in cell


def test_staff_of_another_team_see_no_names_and_cannot_remove_its_times(
    client: Client, login: Callable[..., None], slot: Slot, other_team: Team
) -> None:
    actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    jonna = User.objects.create_user(
        email="jonna@randers.dk", password="x-y-z-123456", name="Jonna", role=User.Role.STAFF
    )
    other_team.members.add(jonna)
    free = Slot.objects.create(
        kind=Slot.Kind.CALLBACK,
        team=slot.team,
        starts_at=slot.starts_at + timedelta(hours=1),
        ends_at=slot.ends_at + timedelta(hours=1),
    )
    login(client, jonna)

    assert "Birthe Borger" not in client.get(reverse("staff:appointments")).content.decode()
    assert client.post(reverse("staff:appointments_remove_slot", args=[free.pk])).status_code == 404
    assert Slot.objects.filter(pk=free.pk).exists()


@pytest.mark.parametrize("who", ["alice", "dorte"])
def test_citizens_and_coordinators_cannot_open_the_staff_screens(
    client: Client, login: Callable[..., None], who: str, request: Any
) -> None:
    login(client, request.getfixturevalue(who))

    for name in ("staff:appointments", "staff:counselling_hours", "staff:counselling_hours_create"):
        assert client.get(reverse(name)).status_code in (403, 404)


def test_a_booked_time_cannot_be_removed_but_a_free_one_can(
    client: Client, login: Callable[..., None], erik: User, slot: Slot, make_slot: Callable[..., Slot]
) -> None:
    free = make_slot(hours_ahead=30)
    actions.book_slot(slot, name="Birthe", phone="12345678", by=None)
    login(client, erik)

    refused = client.post(reverse("staff:appointments_remove_slot", args=[slot.pk]), follow=True)
    client.post(reverse("staff:appointments_remove_slot", args=[free.pk]))

    assert "Tiden er bestilt og kan ikke fjernes" in refused.content.decode()
    assert Slot.objects.filter(pk=slot.pk).exists()
    assert not Slot.objects.filter(pk=free.pk).exists()


def test_staff_create_counselling_hours_and_its_times_are_laid_out(
    client: Client, login: Callable[..., None], erik: User, team: Team, assentoft: Any
) -> None:
    login(client, erik)

    response = client.post(
        reverse("staff:counselling_hours_create"),
        {
            "area": assentoft.pk,
            "title": "Hjælp til digital post",
            "place": "Assentoft Bibliotek",
            "address": "Assentoft Bygade 30",
            "weekday": "3",
            "start_time": "14:00",
            "end_time": "16:00",
            "every_weeks": "1",
            "starts_on": timezone.localdate().isoformat(),
            "is_drop_in": "on",
            "booking_minutes": "30",
            "team": team.pk,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    hours = CounsellingHours.objects.get()
    assert Slot.objects.filter(counselling=hours).count() >= 4 * 3  # four Thursdays (less holidays) of four times
    assert AuditEvent.objects.filter(actor=erik, verb=Verb.CREATE, note="fremskudt rådgivning").exists()


def test_counselling_hours_that_are_neither_drop_in_nor_bookable_are_refused_in_danish(
    client: Client, login: Callable[..., None], erik: User, assentoft: Any
) -> None:
    login(client, erik)

    response = client.post(
        reverse("staff:counselling_hours_create"),
        {
            "area": assentoft.pk,
            "title": "Hjælp",
            "place": "Biblioteket",
            "address": "Vejen 1",
            "weekday": "3",
            "start_time": "16:00",
            "end_time": "14:00",
            "every_weeks": "1",
            "starts_on": timezone.localdate().isoformat(),
        },
    )

    page = response.content.decode()
    assert "Sluttiden skal være efter starttiden." in page
    assert "Vælg, at man kan komme uden tid" in page
    assert 'value="Biblioteket"' in page
    assert not CounsellingHours.objects.exists()


def test_the_staff_inbox_links_to_the_teams_booked_callbacks(
    client: Client, login: Callable[..., None], erik: User, team: Team
) -> None:
    login(client, erik)

    page = client.get(reverse("staff:inquiries")).content.decode()

    assert reverse("staff:appointments") in page


def test_staff_mark_a_callback_as_done_and_it_leaves_the_list(
    client: Client, login: Callable[..., None], erik: User, slot: Slot
) -> None:
    booking = actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    login(client, erik)

    page = client.post(reverse("staff:appointments_done", args=[booking.pk]), follow=True).content.decode()

    booking.refresh_from_db()
    assert booking.done_at is not None and booking.done_by == erik
    assert "tel:+4512345678" not in page
    assert "er markeret som ringet op" in page
    assert AuditEvent.objects.filter(actor=erik, verb=Verb.UPDATE, note="ringet op").exists()


def test_staff_cancel_a_booking_after_a_confirmation_and_the_citizen_gets_an_sms(
    client: Client, login: Callable[..., None], erik: User, slot: Slot
) -> None:
    from ressourcebank.notifications.models import OutboxMail

    booking = actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    login(client, erik)

    confirm = client.get(reverse("staff:appointments_cancel", args=[booking.pk])).content.decode()
    assert "Vil du aflyse tiden?" in confirm
    booking.refresh_from_db()
    assert booking.cancelled_at is None  # the GET only asks

    page = client.post(reverse("staff:appointments_cancel", args=[booking.pk]), follow=True).content.decode()

    booking.refresh_from_db()
    assert booking.cancelled_at is not None
    assert "Tiden er aflyst" in page
    assert OutboxMail.objects.filter(idempotency_key=f"booking:{booking.pk}:cancelled").exists()
    # The slot is free again for someone else.
    assert Slot.objects.free().filter(pk=slot.pk).exists()


def test_staff_of_another_team_cannot_mark_or_cancel_a_teams_booking(
    client: Client, login: Callable[..., None], slot: Slot, other_team: Team
) -> None:
    booking = actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    jonna = User.objects.create_user(
        email="jonna@randers.dk", password="x-y-z-123456", name="Jonna", role=User.Role.STAFF
    )
    other_team.members.add(jonna)
    login(client, jonna)

    assert client.post(reverse("staff:appointments_done", args=[booking.pk])).status_code == 404
    assert client.get(reverse("staff:appointments_cancel", args=[booking.pk])).status_code == 404
    assert client.post(reverse("staff:appointments_cancel", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.done_at is None and booking.cancelled_at is None


def test_a_callback_whose_time_has_passed_stays_on_the_list_until_someone_has_called(
    client: Client, login: Callable[..., None], erik: User, team: Team
) -> None:
    tomorrow_at_ten = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(10, 0)))
    slot = Slot.objects.create(
        kind=Slot.Kind.CALLBACK, team=team, starts_at=tomorrow_at_ten, ends_at=tomorrow_at_ten + timedelta(minutes=15)
    )
    booking = actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)

    with time_machine.travel(tomorrow_at_ten + timedelta(hours=3), tick=False):
        login(client, erik)
        page = client.get(reverse("staff:appointments")).content.decode()

    assert "Birthe Borger" in page
    assert "Ikke ringet op endnu" in page
    assert booking.done_at is None
