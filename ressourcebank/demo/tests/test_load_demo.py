from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.search.query import search_offers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings: Any) -> None:
    settings.DEBUG = True


LOGINS = [
    "borger@ressourcebank.test",
    "virksomhed@ressourcebank.test",
    "forening@ressourcebank.test",
    "tovholder@ressourcebank.test",
    "tovholder2@ressourcebank.test",
    "medarbejder@ressourcebank.test",
    "admin@ressourcebank.test",
    "revisor@ressourcebank.test",
]


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (User, Organisation, Offer, Need))


def test_load_demo_creates_one_login_per_role_and_prints_them_with_the_password() -> None:
    out = load()

    users = {u.email: u for u in User.objects.filter(email__in=LOGINS)}
    assert set(users) == set(LOGINS)
    assert [users[e].role for e in LOGINS] == [
        "citizen",
        "citizen",
        "citizen",
        "coordinator",
        "coordinator",
        "staff",
        "admin",
        "auditor",
    ]
    assert all(u.has_confirmed_email and u.check_password("demo-ressourcebank-2026") for u in users.values())
    assert users["virksomhed@ressourcebank.test"].organisations.filter(kind="virksomhed", approved_at__isnull=False)
    assert users["forening@ressourcebank.test"].organisations.filter(kind="forening", approved_at__isnull=False)
    assert "http://127.0.0.1:8000" in out
    assert "demo-ressourcebank-2026" in out
    assert all(email in out for email in LOGINS)
    assert "demo_totp_code" in out


def test_running_load_demo_twice_changes_nothing() -> None:
    load()
    before = counts()
    snapshot = list(Offer.objects.order_by("pk").values_list())

    load()

    assert counts() == before
    assert list(Offer.objects.order_by("pk").values_list()) == snapshot


def test_the_demo_has_public_offers_and_the_states_staff_must_see() -> None:
    load()

    assert 15 <= Offer.objects.published().count() <= 25
    assert Offer.objects.filter(requires_moderation=True, status="pending").exists()
    assert Offer.objects.filter(has_child_contact=True, child_check_obtained_on=None, status="pending").exists()
    assert Organisation.objects.awaiting_approval().exists()
    assert Need.objects.public().count() >= 3
    assert Need.objects.filter(visibility="staff", owner=None).exists()
    assert set(Offer.objects.published().values_list("provider", flat=True)) == {"borger", "virksomhed", "forening"}


def test_the_demo_offers_are_searchable() -> None:
    load()

    result = search_offers("strikke")

    assert Offer.objects.get(key="demo-strikkeklub").pk in result.ids


def test_load_demo_refuses_outside_development(settings: Any) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())

    assert not User.objects.filter(email__in=LOGINS).exists()


def test_load_demo_makes_two_teams_with_staff_and_topics_and_a_second_run_adds_none() -> None:
    from ressourcebank.inbox.models import Team

    load()
    load()

    teams = list(Team.objects.order_by("slug"))
    assert sorted(t.slug for t in teams) == ["boligteam", "borgerservice", "job-og-familie"]
    assert Team.objects.get(slug="boligteam").topics.filter(slug="udlejer-varsel").exists()
    for team in teams:
        assert team.members.exists()
        assert all(member.is_municipal_staff for member in team.members.all())
        assert team.topics.exists()
        assert team.phone and team.phone_hours
    assert Team.objects.get(slug="borgerservice").members.filter(email="medarbejder@ressourcebank.test").exists()
    from ressourcebank.inbox.models import Inquiry

    assert Inquiry.objects.count() == 2  # two waiting messages, written once


def test_each_demo_coordinator_has_a_case_with_a_household_agencies_a_plan_and_consents() -> None:
    from ressourcebank.cases.models import Case

    load()
    load()  # a second run adds no second case

    for email in ("tovholder@ressourcebank.test", "tovholder2@ressourcebank.test"):
        case = Case.objects.get(tovholder__email=email)
        assert case.citizen is not None and case.members.exists()
        assert case.agencies.exists() and case.goals.exists() and case.actions.exists() and case.consents.exists()
    assert Case.objects.get(tovholder__email="tovholder@ressourcebank.test").members.count() == 3


def test_the_demo_business_has_a_workplace_of_30_with_two_approved_places_of_one_person_each() -> None:
    from ressourcebank.placements import rules
    from ressourcebank.placements.models import Place, Workplace

    load()
    load()

    virksomhed = User.objects.get(email="virksomhed@ressourcebank.test")
    [workplace] = Workplace.objects.filter(organisation__memberships__user=virksomhed)
    assert workplace.ordinary_employees == 30
    places = Place.objects.approved_open().filter(workplace=workplace)
    assert [place.places for place in places] == [1, 1]
    assert rules.places_in_use(workplace) == 2 < rules.max_concurrent(30) == 6
