"""A page of each feature landed on 1 December (Skriv til kommunen, Ring mig op, fremskudt
rådgivning, the staff inbox, the staff's callback times and the access log) reads English after
picking English, so a missing or fuzzy entry in locale/en shows up here as Danish on the page."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def english(client: Client, url: str) -> str:
    client.get(reverse("pages:language", args=["en"]), {"next": "/"})
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_write_to_the_municipality_is_english(client: Client, team: Any) -> None:
    html = english(client, reverse("inbox:write"))
    for text in ("Write to the municipality", "How do you want your answer?", "By text message", "Attach files"):
        assert text in html
    for danish in ("Skriv til kommunen", "Hvordan vil du have svar?", "Vedhæft filer"):
        assert danish not in html


def test_write_to_the_municipality_says_what_is_missing_in_english(client: Client, team: Any) -> None:
    english(client, reverse("inbox:write"))
    html = client.post(reverse("inbox:write"), {"topic": "", "message": "", "answer_by": "", "website": ""}).text
    assert "Choose how you want your answer." in html
    assert "Vælg, hvordan du vil have svar." not in html


def test_booking_a_callback_is_english_and_the_time_has_no_danish_kl(client: Client, team: Any, slot: Any) -> None:
    html = english(client, reverse("appointments:callback_book", args=[team.slug]))
    for text in ("Back to Call me back", "Your phone number", "Book the time"):
        assert text in html
    assert "kl." not in html.split("Your phone number")[0]
    assert "Bestil tiden" not in html


def test_counselling_in_the_local_areas_is_english(client: Client, assentoft_hours: Any) -> None:
    html = english(client, reverse("appointments:counselling_list"))
    for text in ("Advice near you", "Every Thursday", "You can just drop in."):
        assert text in html
    assert "Rådgivning tæt på dig" not in html
    assert "Hver torsdag" not in html


def test_staff_inbox_and_callback_times_are_english(client: Client, erik: Any, team: Any, login: Any) -> None:
    login(client, erik)
    html = english(client, reverse("staff:inquiries"))
    for text in ("Messages", "Not assigned", "See figures for answer times per week", "No messages here."):
        assert text in html
    assert "Ingen henvendelser her." not in html
    html = client.get(reverse("staff:appointments")).text
    for text in ("Booked times", "Add new times", "Each time lasts"):
        assert text in html
    assert "Læg nye tider ud" not in html


def test_the_access_log_is_english_for_the_auditor(client: Client, rikke: Any, login: Any) -> None:
    login(client, rikke)
    html = english(client, reverse("staff:access_log"))
    for text in ("Access log", "Search the log", "Entries", "Emergency access only"):
        assert text in html
    for danish in ("Adgangslog", "Søg i loggen", "Kun nødadgang"):
        assert danish not in html
