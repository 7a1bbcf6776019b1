"""Activities for the tests: made through the actions, as the pages make them."""

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence
from ressourcebank.activities.recurrence import Recurrence
from ressourcebank.taxonomy.models import Area, Category


@pytest.fixture
def make_activity(db: Any) -> Callable[..., Activity]:
    def make(by: User, **fields: Any) -> Activity:
        fields.setdefault("title", "Åben koraften")
        fields.setdefault("description", "Vi synger sammen. Alle kan være med, også hvis du aldrig har sunget før.")
        fields.setdefault("category", Category.objects.get(slug="faellesskab"))
        fields.setdefault("area", Area.objects.get(slug="assentoft"))
        fields.setdefault("place", "Assentoft Forsamlingshus")
        fields.setdefault("starts_on", timezone.localdate() + timedelta(days=3))
        fields.setdefault("start_time", time(19, 0))
        fields.setdefault("end_time", time(21, 0))
        return actions.create_activity(actions.ActivityData(**fields), by=by)

    return make


@pytest.fixture
def choir(make_activity: Callable[..., Activity], carla: User, association: Organisation) -> Activity:
    """Carla's association's weekly choir evening, published at once."""
    return make_activity(carla, organisation=association, recurrence=Recurrence.WEEKLY, labels=["bare-moed-op"])


@pytest.fixture
def dinner(make_activity: Callable[..., Activity], carla: User, association: Organisation) -> Activity:
    """A one-off dinner with two places, sign-up needed."""
    return make_activity(carla, organisation=association, title="Fællesspisning", needs_signup=True, capacity=2)


@pytest.fixture
def dinner_date(dinner: Activity) -> Occurrence:
    return dinner.occurrences.get()


def first_monday_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)
