"""Creating activities: dates laid out from the rule, a citizen's first activity waits for staff,
one date cancelled or moved leaves the rest, and the brochure's query."""

from collections.abc import Callable
from datetime import time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.activities.recurrence import Recurrence
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def test_a_weekly_activity_has_its_dates_half_a_year_ahead(choir: Activity) -> None:
    dates = list(choir.occurrences.order_by("starts_at"))

    assert 25 <= len(dates) <= 27
    assert all(timezone.localtime(d.starts_at).hour == 19 for d in dates)
    assert {(d.local_date - dates[0].local_date).days % 7 for d in dates} == {0}


def test_an_associations_activity_is_public_at_once(choir: Activity) -> None:
    assert choir.is_public
    assert choir.organiser == "forening"


def test_a_citizens_first_activity_waits_for_staff(make_activity: Callable[..., Activity], alice: User) -> None:
    activity = make_activity(alice, title="Gåtur ved åen")

    assert activity.status == Activity.Status.PENDING
    assert not Occurrence.objects.listed().filter(activity=activity).exists()
    assert activity in Activity.objects.awaiting_moderation()


def test_approved_once_a_citizens_next_activity_is_public_at_once(
    make_activity: Callable[..., Activity], alice: User, erik: User
) -> None:
    actions.approve_activity(make_activity(alice, title="Gåtur ved åen"), by=erik)

    second = make_activity(alice, title="Brætspil på biblioteket")

    assert second.is_public


def test_staff_reject_with_a_reason_and_an_edit_sends_it_back(
    make_activity: Callable[..., Activity], alice: User, erik: User
) -> None:
    activity = actions.reject_activity(make_activity(alice), "Skriv venligst adressen.", by=erik)
    assert activity.status == Activity.Status.REJECTED

    data = actions.ActivityData(
        title=activity.title,
        description=activity.description,
        category=activity.category,
        area=activity.area,
        place=activity.place,
        address="Bygaden 1",
        starts_on=activity.starts_on,
        start_time=activity.start_time,
        end_time=activity.end_time,
    )
    actions.update_activity(activity, data, by=alice)

    assert activity.status == Activity.Status.PENDING


def test_a_citizen_cannot_approve(make_activity: Callable[..., Activity], alice: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.approve_activity(make_activity(alice), by=alice)


def test_staff_activity_is_the_municipalitys(make_activity: Callable[..., Activity], erik: User) -> None:
    activity = make_activity(erik, title="Operaaften for alle")

    assert activity.is_public
    assert activity.organiser_name() == "Randers Kommune"


def test_a_cancelled_date_leaves_the_rest_and_is_not_laid_out_again(choir: Activity, carla: User) -> None:
    dates = list(choir.occurrences.order_by("starts_at"))
    actions.cancel_occurrence(dates[1], "Lederen er syg", by=carla)

    actions.lay_out_occurrences(choir)

    listed = list(Occurrence.objects.listed().filter(activity=choir).order_by("starts_at"))
    assert dates[1] not in listed
    assert listed[0] == dates[0] and listed[1] == dates[2]
    assert choir.occurrences.count() == len(dates)


def test_a_moved_date_keeps_its_place_in_the_series(choir: Activity, carla: User) -> None:
    second = choir.occurrences.order_by("starts_at")[1]
    day = timezone.localtime(second.starts_at).date() + timedelta(days=1)

    moved = actions.move_occurrence(second, day, time(18), time(20), "Vi mødes dagen efter", by=carla)
    actions.lay_out_occurrences(choir)

    assert moved.is_moved
    assert timezone.localtime(moved.starts_at).hour == 18
    assert not choir.occurrences.filter(starts_at=moved.series_starts_at).exists()


def test_an_outsider_cannot_cancel_a_date(choir: Activity, olga: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.cancel_occurrence(choir.occurrences.first(), "", by=olga)  # type: ignore[arg-type]


def test_cancelling_a_date_tells_those_signed_up(dinner_date: Occurrence, carla: User, olga: User) -> None:
    actions.sign_up(dinner_date, by=olga)
    mail.outbox.clear()

    actions.cancel_occurrence(dinner_date, "Køkkenet er lukket", by=carla)

    assert [m.to for m in mail.outbox] == [[olga.email]]
    assert "Aflyst" in mail.outbox[0].subject
    assert "Køkkenet er lukket" in mail.outbox[0].body


def test_upcoming_in_area_gives_the_areas_public_dates_in_order(
    choir: Activity, dinner: Activity, make_activity: Callable[..., Activity], carla: User, association: Organisation
) -> None:
    elsewhere = make_activity(carla, organisation=association, area=Area.objects.get(slug="langaa"))
    now = timezone.now()

    found = list(Occurrence.objects.upcoming_in_area(choir.area, now, now + timedelta(days=14)))

    assert {o.activity for o in found} == {choir, dinner}
    assert elsewhere not in {o.activity for o in found}
    assert [o.starts_at for o in found] == sorted(o.starts_at for o in found)


def test_editing_the_rule_moves_the_untouched_coming_dates(choir: Activity, carla: User, olga: User) -> None:
    kept = choir.occurrences.order_by("starts_at")[0]
    choir.needs_signup = True
    choir.save()
    actions.sign_up(kept, by=olga)
    data = actions.ActivityData(
        title=choir.title,
        description=choir.description,
        category=choir.category,
        area=choir.area,
        place=choir.place,
        starts_on=choir.starts_on,
        start_time=time(18, 30),
        end_time=time(20, 30),
        recurrence=Recurrence.WEEKLY,
        needs_signup=True,
    )

    actions.update_activity(choir, data, by=carla)

    assert Signup.objects.get(occurrence=kept).status == Signup.Status.CONFIRMED
    hours = {timezone.localtime(o.starts_at).strftime("%H:%M") for o in choir.occurrences.exclude(pk=kept.pk)}
    assert hours == {"18:30"}


def test_the_nightly_job_lays_a_series_out_further(choir: Activity) -> None:
    last = choir.occurrences.latest("starts_at")
    later = timezone.now() + timedelta(days=30)

    with time_machine.travel(later):
        created = actions.extend_series()

    assert created >= 4
    assert choir.occurrences.latest("starts_at").starts_at > last.starts_at
