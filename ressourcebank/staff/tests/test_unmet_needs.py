from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ressourcebank.audit.models import AuditEvent
from ressourcebank.matching.models import NeedScore
from ressourcebank.matching.unmet import GOOD_SCORE, unmet_needs
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

URL = reverse("staff:unmet_needs")


@pytest.fixture
def lonely_need(need: Need, make_offer: Any) -> Need:
    """The root conftest's need (a mother alone all day), and an offer of coffee and a chat that answers it."""
    make_offer(title="Kaffe og en god snak", description="Jeg kommer gerne forbi til en kop kaffe og en snak.")
    return need


@pytest.fixture
def horse_need(alice: Any) -> Need:
    return Need.objects.create(
        owner=alice,
        title="Nogen til at passe min hest",
        description="Min hest skal fodres og luftes, når jeg er på ferie i juli.",
        area=Area.objects.get(slug="assentoft"),
        category=Category.objects.get(slug="motion"),
        visibility=Need.Visibility.STAFF,
    )


def test_staff_member_sees_the_need_without_a_good_suggestion_by_area_and_category(
    client: Any, login: Any, erik: Any, lonely_need: Need, horse_need: Need
) -> None:
    login(client, erik)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["needs"]) == [horse_need]
    (group,) = response.context["report"].groups
    assert (group.area.slug, group.category.slug, group.count) == ("assentoft", "motion", 1)
    assert reverse("needs:detail", args=[horse_need.pk]) in response.content.decode()
    assert "Nogen til at passe min hest" in response.content.decode()


def test_a_need_created_a_moment_ago_says_so_not_zero_minutes(
    client: Any, login: Any, erik: Any, horse_need: Need
) -> None:
    login(client, erik)
    html = client.get(URL).content.decode()
    assert "0 minutter" not in html
    assert "oprettet lige nu" in html
    Need.objects.filter(pk=horse_need.pk).update(created_at=timezone.now() - timedelta(hours=3))
    assert "oprettet for 3\xa0timer siden" in client.get(URL).content.decode()  # timesince keeps "3 timer" together


def test_a_need_with_a_good_suggestion_is_not_listed(lonely_need: Need) -> None:
    report = unmet_needs([lonely_need])
    assert report.needs == []
    assert NeedScore.objects.get(need=lonely_need).best_score >= GOOD_SCORE


def test_reading_the_list_logs_each_staff_only_need_shown(client: Any, login: Any, erik: Any, horse_need: Need) -> None:
    login(client, erik)
    client.get(URL)
    assert AuditEvent.objects.filter(actor=erik, verb="read", target_id=str(horse_need.pk)).exists()


def test_coordinator_sees_public_needs_and_those_she_follows_but_not_others(
    client: Any, login: Any, dorte: Any, alice: Any, horse_need: Need
) -> None:
    followed = Need.objects.create(
        coordinator=dorte,
        citizen_name="Hans",
        description="Jeg vil gerne lære at flyve en helikopter.",
        area=Area.objects.get(slug="assentoft"),
    )
    login(client, dorte)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["needs"]) == [followed]


def test_coordinator_without_the_second_factor_is_sent_to_enter_it(client: Any, dorte: Any) -> None:
    client.force_login(dorte)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_citizen_is_refused(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert client.get(URL).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_changed_need_is_scored_again(horse_need: Need, make_offer: Any) -> None:
    assert unmet_needs([horse_need]).needs == [horse_need]
    make_offer(title="Hestepasser", description="Jeg passer gerne din hest, fodrer og lufter den.")
    horse_need.description += " Hun er sød."
    horse_need.save()
    assert unmet_needs([horse_need]).needs == []


def test_needs_beyond_the_refresh_limit_are_counted_as_not_checked(horse_need: Need) -> None:
    report = unmet_needs([horse_need], refresh_limit=0)
    assert (report.needs, report.unchecked) == ([], 1)


def test_nightly_command_scores_stale_needs(horse_need: Need) -> None:
    NeedScore.objects.create(need=horse_need, best_score=0.9, computed_at=timezone.now() - timedelta(days=2))
    call_command("refresh_need_scores", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert NeedScore.objects.get(need=horse_need).best_score < GOOD_SCORE
