"""The pages: the list and its filters, a date's page with sign-up, giving a place back on a page
that asks first, the mailed links, the organiser's pages and the iCal feeds."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def test_the_list_shows_coming_dates_and_filters_by_label(client: Client, choir: Activity, dinner: Activity) -> None:
    page = client.get("/faellesskaber/")
    assert page.status_code == 200
    assert "Åben koraften" in page.text and "Fællesspisning" in page.text

    filtered = client.get("/faellesskaber/", {"maerke": "bare-moed-op", "omraade": "assentoft"})
    assert "Åben koraften" in filtered.text and "Fællesspisning" not in filtered.text


def test_the_list_filters_by_day(client: Client, choir: Activity) -> None:
    first = choir.occurrences.order_by("starts_at").first()
    assert first is not None

    on_day = client.get("/faellesskaber/", {"dag": first.local_date.isoformat()})
    day_after = client.get("/faellesskaber/", {"dag": (first.local_date + timedelta(days=1)).isoformat()})

    assert "Åben koraften" in on_day.text
    assert "Åben koraften" not in day_after.text


def test_a_bad_day_is_answered_in_danish_and_the_list_still_shows(client: Client, choir: Activity) -> None:
    page = client.get("/faellesskaber/", {"dag": "i morgen tidlig"})

    assert page.status_code == 200
    assert "Skriv datoen som dag-måned-år" in page.text
    assert "Åben koraften" in page.text


def test_a_pending_activity_is_not_found_by_outsiders(
    client: Client, make_activity: Callable[..., Activity], alice: User
) -> None:
    pending = make_activity(alice, title="Gåtur")

    assert client.get(pending.get_absolute_url()).status_code == 404
    assert client.get(pending.occurrences.get().get_absolute_url()).status_code == 404
    assert "Gåtur" not in client.get("/faellesskaber/").text


def test_a_logged_in_person_signs_up_with_one_button_and_gives_the_place_back(
    client: Client, login: Callable[..., None], dinner_date: Occurrence, olga: User
) -> None:
    login(client, olga)

    answer = client.post(dinner_date.get_absolute_url())
    assert answer.status_code == 302
    page = client.get(dinner_date.get_absolute_url())
    assert "Du er meldt til" in page.text

    ask = client.get(f"/faellesskaber/gang/{dinner_date.pk}/giv-pladsen-tilbage/")
    assert "Vil du give pladsen tilbage?" in ask.text
    assert Signup.objects.get(user=olga).status == "confirmed"  # asking changes nothing
    client.post(f"/faellesskaber/gang/{dinner_date.pk}/giv-pladsen-tilbage/")
    assert Signup.objects.get(user=olga).status == "cancelled"


def test_without_an_account_the_page_asks_for_name_and_email(client: Client, dinner_date: Occurrence) -> None:
    empty = client.post(dinner_date.get_absolute_url(), {"name": "", "email": "ikke-en-mail"})
    assert empty.status_code == 200
    assert "Skriv dit navn." in empty.text and "Skriv en e-mail" in empty.text

    page = client.post(dinner_date.get_absolute_url(), {"name": "Birthe", "email": "birthe@example.dk"})
    assert "Se din mail" in page.text
    link = next(w for w in mail.outbox[-1].body.split() if "/bekraeft/" in w)
    path = link.replace("http://127.0.0.1:8000", "")

    assert "Ja, jeg kommer" in client.get(path).text
    assert Signup.objects.get().status == "unconfirmed"  # opening the link (a mail scanner) changes nothing
    manage = client.post(path)
    assert Signup.objects.get().status == "confirmed"
    assert "Du har en plads" in client.get(manage["Location"]).text


def test_a_second_anonymous_sign_up_with_the_same_email_says_the_same(client: Client, dinner_date: Occurrence) -> None:
    first = client.post(dinner_date.get_absolute_url(), {"name": "Birthe", "email": "birthe@example.dk"})
    second = client.post(dinner_date.get_absolute_url(), {"name": "Nogen", "email": "birthe@example.dk"})

    assert first.text.count("Se din mail") == second.text.count("Se din mail") > 0


def test_an_old_or_changed_link_says_what_to_do(client: Client) -> None:
    page = client.get("/faellesskaber/tilmelding/noget-forkert/")

    assert page.status_code == 404
    assert "Linket virker ikke" in page.text


def test_the_participant_list_is_the_organisers_and_each_look_is_logged(
    client: Client, login: Callable[..., None], dinner_date: Occurrence, carla: User, olga: User
) -> None:
    actions.sign_up(dinner_date, by=olga)
    url = f"/faellesskaber/gang/{dinner_date.pk}/deltagere/"
    login(client, olga)
    assert client.get(url).status_code == 403

    login(client, carla)
    page = client.get(url)

    assert olga.name in page.text
    assert AuditEvent.objects.filter(note="deltagerliste", actor_id=carla.pk).exists()


def test_on_behalf_page_records_who_and_how(
    client: Client, login: Callable[..., None], dinner_date: Occurrence, dorte: User
) -> None:
    login(client, dorte)
    url = f"/faellesskaber/gang/{dinner_date.pk}/tilmeld-en-anden/"

    missing = client.post(url, {"name": "Hans", "channel": "phone"})
    assert "Skriv et telefonnummer eller en e-mail" in missing.text
    client.post(url, {"name": "Hans Hansen", "phone": "12345678", "channel": "paper"})

    signup = Signup.objects.get()
    assert (signup.registered_by, signup.channel, signup.status) == (dorte, "paper", "confirmed")


def test_a_citizen_creates_an_activity_that_waits(client: Client, login: Callable[..., None], alice: User) -> None:
    login(client, alice)
    form: dict[str, Any] = {
        "title": "Gåtur ved åen",
        "description": "Vi går en tur og får en snak.",
        "category": "",
        "area": "",
        "place": "P-pladsen ved åen",
        "recurrence": "weekly",
        "starts_on": (timezone.localdate() + timedelta(days=2)).strftime("%d-%m-%Y"),
        "start_time": "10:00",
        "end_time": "11:00",
        "labels": ["bare-moed-op", "fint-at-komme-alene"],
        "accessibility": ["trinfri-adgang"],
    }
    errors = client.post("/faellesskaber/ny/", form)
    assert "Vælg den kategori" in errors.text and "Gåtur ved åen" in errors.text

    from ressourcebank.taxonomy.models import Area, Category

    form["category"] = Category.objects.get(slug="motion").pk
    form["area"] = Area.objects.get(slug="assentoft").pk
    answer = client.post("/faellesskaber/ny/", form)

    activity = Activity.objects.get()
    assert answer["Location"] == activity.get_absolute_url()
    assert activity.status == "pending"
    assert [label.name for label in activity.labels] == ["Bare mød op", "Fint at komme alene"]
    assert "En medarbejder skal godkende" in client.get(activity.get_absolute_url()).text


def test_an_activitys_ical_feed_is_valid_and_leaves_out_a_cancelled_date(
    client: Client, choir: Activity, carla: User
) -> None:
    dates = list(choir.occurrences.order_by("starts_at"))
    actions.cancel_occurrence(dates[0], "", by=carla)

    feed = client.get(f"/faellesskaber/{choir.pk}/kalender.ics")

    assert feed["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(dates) - 1
    assert events[0]["SUMMARY"] == "Åben koraften"
    assert events[0].decoded("DTSTART").hour == 19
    assert calendar.walk("VTIMEZONE")


def test_an_areas_ical_feed_holds_only_that_area(client: Client, choir: Activity) -> None:
    here = icalendar.Calendar.from_ical(client.get("/faellesskaber/omraade/assentoft/kalender.ics").content)
    there = icalendar.Calendar.from_ical(client.get("/faellesskaber/omraade/langaa/kalender.ics").content)

    assert len(list(here.walk("VEVENT"))) > 0
    assert list(there.walk("VEVENT")) == []
    assert client.get("/faellesskaber/omraade/findes-ikke/kalender.ics").status_code == 404


def test_the_front_door_asks_whether_something_is_happening_in_the_area(client: Client, choir: Activity) -> None:
    page = client.get("/")

    assert "Sker der noget i Assentoft?" in page.text
    assert "Åben koraften" in page.text
