"""Fremskudt rådgivning: the dates it happens (never on a public holiday), where a citizen sees it
(the front door, the area's page, an iCal feed) and booking one of its times."""

from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ressourcebank.appointments import actions
from ressourcebank.appointments.models import CounsellingHours, Slot

pytestmark = pytest.mark.django_db


def test_counselling_every_other_thursday_skips_the_public_holidays(assentoft_hours: CounsellingHours) -> None:
    assentoft_hours.starts_on = date(2026, 12, 3)
    assentoft_hours.every_weeks = 2

    # Every other Thursday from 3 December 2026: 3 and 17 December, then 31 December, 14 January.
    dates = assentoft_hours.occurrences(date(2026, 12, 1), date(2027, 1, 20))

    assert date(2026, 12, 3) in dates
    assert date(2026, 12, 10) not in dates
    assert date(2026, 12, 17) in dates
    assert date(2027, 1, 14) in dates
    # Skærtorsdag 2027 is 25 March: a weekly Thursday has no counselling that day.
    assentoft_hours.every_weeks = 1
    assert assentoft_hours.occurrences(date(2027, 3, 15), date(2027, 4, 2)) == [date(2027, 3, 18), date(2027, 4, 1)]


def test_counselling_stops_after_its_last_date(assentoft_hours: CounsellingHours) -> None:
    assentoft_hours.starts_on = date(2027, 2, 4)
    assentoft_hours.ends_on = date(2027, 2, 11)

    assert assentoft_hours.occurrences(date(2027, 2, 1), date(2027, 3, 1)) == [date(2027, 2, 4), date(2027, 2, 11)]


def test_next_time_is_next_week_once_todays_counselling_has_ended(assentoft_hours: CounsellingHours) -> None:
    assentoft_hours.starts_on = date(2026, 12, 3)
    assentoft_hours.every_weeks = 1
    thursday = date(2026, 12, 3)

    def at(hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(thursday, time(hour)))

    assert assentoft_hours.next_on(at(15)) == thursday
    assert assentoft_hours.next_on(at(assentoft_hours.end_time.hour)) == date(2026, 12, 10)


def test_the_front_door_and_the_area_page_show_the_counselling(
    client: Client, assentoft_hours: CounsellingHours
) -> None:
    home = client.get("/").content.decode()
    assert "Rådgivning tæt på dig" in home
    assert "Assentoft Bibliotek" in home

    area = client.get(reverse("pages:area", args=["assentoft"])).content.decode()
    assert "Assentoft Bibliotek" in area
    assert "Hver torsdag kl. 14.00–16.00" in area
    assert "Du kan bare komme" in area
    assert reverse("appointments:counselling_calendar", args=["assentoft"]) in area

    elsewhere = client.get(reverse("pages:area", args=["langaa"])).content.decode()
    assert "Der er ingen rådgivning i Langå lige nu." in elsewhere


def test_an_unknown_area_is_404(client: Client) -> None:
    assert client.get(reverse("pages:area", args=["findes-ikke"])).status_code == 404


def test_the_ical_feed_has_one_event_per_date_with_the_place(client: Client, assentoft_hours: CounsellingHours) -> None:
    response = client.get(reverse("appointments:counselling_calendar", args=["assentoft"]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    today = timezone.localdate()
    expected = assentoft_hours.occurrences(today, today + timedelta(weeks=26))
    assert len(events) == len(expected) > 20
    first = events[0]
    assert str(first["LOCATION"]).startswith("Assentoft Bibliotek")
    start = first.decoded("DTSTART")
    assert (start.date(), start.time()) == (expected[0], time(14, 0))
    assert str(start.tzinfo) == "Europe/Copenhagen"


def test_an_inactive_counselling_is_shown_nowhere(client: Client, assentoft_hours: CounsellingHours) -> None:
    assentoft_hours.is_active = False
    assentoft_hours.save()

    assert "Assentoft Bibliotek" not in client.get("/").content.decode()
    assert b"VEVENT" not in client.get(reverse("appointments:counselling_calendar", args=["assentoft"])).content


def test_bookable_times_are_laid_out_and_a_citizen_books_one(client: Client, assentoft_hours: CounsellingHours) -> None:
    created = actions.make_counselling_slots(assentoft_hours)
    assert created > 0
    assert actions.make_counselling_slots(assentoft_hours) == 0  # a second run adds nothing
    slot = Slot.objects.filter(counselling=assentoft_hours).upcoming().order_by("starts_at").first()
    assert slot is not None
    assert timezone.localtime(slot.starts_at).time() == time(14, 0)
    assert slot.ends_at - slot.starts_at == timedelta(minutes=20)

    response = client.post(
        reverse("appointments:counselling_book", args=[assentoft_hours.pk]),
        {"slot": slot.pk, "name": "Birthe", "phone": "12345678", "website": ""},
        follow=True,
    )

    page = response.content.decode()
    assert "Din tid til rådgivning" in page
    assert "Assentoft Bibliotek" in page


def test_changed_hours_remove_free_times_that_no_longer_fit_but_keep_booked_ones(
    assentoft_hours: CounsellingHours,
) -> None:
    actions.make_counselling_slots(assentoft_hours)
    booked = Slot.objects.filter(counselling=assentoft_hours).upcoming().order_by("starts_at").first()
    assert booked is not None
    actions.book_slot(booked, name="Birthe", phone="12345678", by=None)

    assentoft_hours.start_time, assentoft_hours.end_time = time(9, 0), time(10, 0)
    assentoft_hours.save()
    actions.make_counselling_slots(assentoft_hours)

    hours_left = {
        timezone.localtime(s.starts_at).hour for s in Slot.objects.filter(counselling=assentoft_hours).upcoming()
    }
    assert hours_left == {9, 14}  # the new times, and the one booked time
    assert Slot.objects.filter(pk=booked.pk).exists()


def test_drop_in_only_counselling_has_no_booking_page(client: Client, assentoft_hours: CounsellingHours) -> None:
    assentoft_hours.booking_minutes = None
    assentoft_hours.save()

    assert client.get(reverse("appointments:counselling_book", args=[assentoft_hours.pk])).status_code == 404


def test_counselling_must_be_drop_in_or_bookable(assentoft_hours: CounsellingHours) -> None:
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        CounsellingHours.objects.filter(pk=assentoft_hours.pk).update(is_drop_in=False, booking_minutes=None)


def test_the_counselling_list_groups_by_area(client: Client, assentoft_hours: CounsellingHours) -> None:
    page = client.get(reverse("appointments:counselling_list")).content.decode()

    assert 'id="area-assentoft"' in page
    assert "Hver torsdag" in page
