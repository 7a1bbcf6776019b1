"""Staff's queue holds a citizen's first activity; the search on /tilbud/ shows matching
activities beside the offers; the demo has the choir, the knitting café and the opera evening."""

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from ressourcebank.accounts.models import User
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.audit.models import AuditEvent


def test_staff_see_a_citizens_first_activity_and_approve_it(
    client: Client, login: Callable[..., None], make_activity: Callable[..., Activity], alice: User, erik: User
) -> None:
    pending = make_activity(alice, title="Gåtur ved åen")
    login(client, erik)

    home = client.get("/staff/")
    queue = client.get("/staff/aktiviteter/")
    answer = client.post(f"/staff/aktiviteter/{pending.pk}/godkend/")

    assert "1 aktivitet venter." in home.text
    assert "Gåtur ved åen" in queue.text
    assert answer.status_code == 302
    pending.refresh_from_db()
    assert pending.is_public
    assert AuditEvent.objects.filter(verb="approve", actor_id=erik.pk).exists()


def test_staff_reject_only_with_a_reason(
    client: Client, login: Callable[..., None], make_activity: Callable[..., Activity], alice: User, erik: User
) -> None:
    pending = make_activity(alice, title="Gåtur ved åen")
    login(client, erik)

    empty = client.post(f"/staff/aktiviteter/{pending.pk}/afvis/", {"reason": " "})
    client.post(f"/staff/aktiviteter/{pending.pk}/afvis/", {"reason": "Skriv, hvor I mødes."})

    assert "Skriv en begrundelse" in empty.text
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Skriv, hvor I mødes.")


def test_a_citizen_cannot_open_the_staff_queue(client: Client, login: Callable[..., None], alice: User) -> None:
    login(client, alice)

    assert client.get("/staff/aktiviteter/").status_code in (403, 404)


def test_a_search_shows_matching_activities_beside_the_offers(client: Client, choir: Activity) -> None:
    page = client.get("/tilbud/", {"q": "kor"})

    assert "Fællesskaber, der passer" in page.text
    assert "Åben koraften" in page.text
    assert "Fællesskaber, der passer" not in client.get("/tilbud/", {"q": "skat"}).text


def test_a_pending_activity_is_not_found_by_search(
    client: Client, make_activity: Callable[..., Activity], alice: User
) -> None:
    make_activity(alice, title="Hemmeligt kor")

    assert "Hemmeligt kor" not in client.get("/tilbud/", {"q": "kor"}).text


@pytest.mark.django_db
def test_the_demo_has_the_choir_the_knitting_cafe_and_the_opera_with_sign_ups(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # twice changes nothing

    titles = set(Activity.objects.published().values_list("title", flat=True))
    assert {"Åben koraften", "Strikkecafé", "Operaaften for alle"} <= titles
    assert Activity.objects.published().filter(area__slug="assentoft").count() >= 2
    assert len(set(Activity.objects.values_list("area", flat=True))) >= 3
    opera = Occurrence.objects.filter(activity__title="Operaaften for alle", taken__gt=0).get()
    assert opera.taken == 3
    assert Signup.objects.filter(occurrence=opera, registered_by__isnull=False, channel="phone").count() == 1
    assert Signup.objects.filter(status="waitlisted").count() == 1
    assert Activity.objects.awaiting_moderation().filter(title="Gåtur langs Gudenåen").exists()
