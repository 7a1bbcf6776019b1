from datetime import date

import pytest
from django.db import IntegrityError

from ressourcebank.inbox.models import Team, Topic

pytestmark = pytest.mark.django_db


def make_team(**fields: object) -> Team:
    values: dict[str, object] = {
        "name": "Borgerservice",
        "slug": "borgerservice",
        "email": "bs@randers.test",
        "phone": "89 15 15 15",
        "phone_hours": "Hverdage kl. 9–10",
    }
    return Team.objects.create(**(values | fields))


def test_a_team_promises_an_answer_in_its_own_working_days_over_christmas() -> None:
    team = make_team(answer_days=3)
    # Tuesday 22 December 2026: 23rd, then 28th, 29th (24–27 closed).
    assert team.answer_by_date(date(2026, 12, 22)) == date(2026, 12, 29)


def test_a_team_cannot_promise_zero_working_days() -> None:
    with pytest.raises(IntegrityError):
        make_team(answer_days=0)


def test_the_topics_a_citizen_can_write_about_are_there_from_the_start() -> None:
    assert set(Topic.objects.active().values_list("slug", flat=True)) >= {"oekonomi", "job", "bolig", "andet"}
