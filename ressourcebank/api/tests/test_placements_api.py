from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area

URL = "/api/v1/placements"


@pytest.fixture
def workplace(business: Organisation, assentoft: Area) -> Workplace:
    return Workplace.objects.create(
        organisation=business, name="Lageret", address="Vej 1", area=assentoft, ordinary_employees=10
    )


def new_place(at: Workplace, **overrides: Any) -> dict[str, Any]:
    data = {
        "organisation": at.organisation_id,
        "workplace": at.pk,
        "kind": "virksomhedspraktik",
        "title": "Praktik på lageret",
        "tasks": "Pakke varer og holde orden.",
        "hours_per_week_min": 15,
        "hours_per_week_max": 25,
        "places": 1,
        "young": True,
    }
    return data | overrides


def make(workplace: Workplace, *, approved: bool = True, **fields: Any) -> Place:
    fields = {
        "kind": "virksomhedspraktik",
        "title": "Plads",
        "tasks": "Opgaver",
        "hours_per_week_min": 10,
        "hours_per_week_max": 20,
    } | fields
    if approved:
        fields = {"status": "open", "approved_at": timezone.now()} | fields
    return Place.objects.create(workplace=workplace, **fields)


def test_a_member_posts_a_place_with_a_token_and_it_waits(api_as: Callable[..., Any], bent: User, workplace) -> None:
    response = api_as(bent).post(URL, new_place(workplace))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert (body["organisation"], body["workplace"], body["area"]) == (
        workplace.organisation_id,
        workplace.pk,
        "assentoft",
    )
    place = Place.objects.get()
    assert (place.created_by, place.young, place.approved_at) == (bent, True, None)
    assert api_as(None).get(URL).json() == []  # not shown before it is approved


def test_more_than_37_hours_is_422_naming_the_rule(api_as: Callable[..., Any], bent: User, workplace) -> None:
    response = api_as(bent).post(URL, new_place(workplace, hours_per_week_max=40))

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["type"] == "hours_max"
    assert error["loc"] == ["body", "payload", "hours_per_week_max"]
    assert "37" in error["msg"]
    assert not Place.objects.exists()


def test_more_places_than_the_staff_allow_is_422_naming_the_rule(
    api_as: Callable[..., Any], bent: User, workplace
) -> None:
    make(workplace, places=1)  # 10 employees allow 2

    response = api_as(bent).post(URL, new_place(workplace, places=2))

    assert response.status_code == 422
    assert [(e["type"], e["loc"][-1]) for e in response.json()["detail"]] == [("ratio", "places")]
    assert Place.objects.count() == 1


def test_a_range_that_runs_backwards_is_422(api_as: Callable[..., Any], bent: User, workplace) -> None:
    response = api_as(bent).post(URL, new_place(workplace, hours_per_week_min=30, hours_per_week_max=20))
    assert [e["type"] for e in response.json()["detail"]] == ["hours_range"]


def test_posting_without_a_token_is_401(api_as: Callable[..., Any], workplace) -> None:
    assert api_as(None).post(URL, new_place(workplace)).status_code == 401
    assert not Place.objects.exists()


def test_an_outsider_cannot_post_for_another_business(
    api_as: Callable[..., Any], olga: User, alice: User, workplace
) -> None:
    response = api_as(olga).post(URL, new_place(workplace))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "organisation"
    assert not Place.objects.exists()


def test_a_workplace_of_another_business_is_refused(
    api_as: Callable[..., Any], bent: User, workplace, assentoft: Area
) -> None:
    other = Organisation.objects.create(name="Andre ApS", kind="virksomhed")
    theirs = Workplace.objects.create(organisation=other, name="X", address="Y", area=assentoft, ordinary_employees=5)
    response = api_as(bent).post(URL, new_place(workplace, workplace=theirs.pk))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "workplace"


def test_the_list_shows_approved_open_places_filtered_by_kind_area_and_young(
    api_as: Callable[..., Any], workplace: Workplace, business: Organisation
) -> None:
    langaa = Workplace.objects.create(
        organisation=business,
        name="Butikken",
        address="Vej 2",
        area=Area.objects.get(slug="langaa"),
        ordinary_employees=20,
    )
    internship = make(workplace, young=True)
    flex = make(langaa, kind="fleksjob")
    make(workplace, approved=False, title="Venter")
    make(workplace, status="filled", approved_at=timezone.now(), title="Besat")
    client = api_as(None)

    everything = client.get(URL).json()
    assert {row["id"] for row in everything} == {internship.pk, flex.pk}
    assert set(everything[0]) == {
        "id",
        "kind",
        "title",
        "tasks",
        "hours_per_week_min",
        "hours_per_week_max",
        "places",
        "young",
        "area",
        "organisation",
        "workplace",
    }
    assert [row["id"] for row in client.get(URL, kind="fleksjob").json()] == [flex.pk]
    assert [row["id"] for row in client.get(URL, area="assentoft").json()] == [internship.pk]
    assert [row["id"] for row in client.get(URL, young="true").json()] == [internship.pk]
    assert client.get(URL, area="ingen-steder").status_code == 422
    assert client.get(URL, kind="jobcenter").status_code == 422


def test_places_of_a_business_not_yet_approved_are_not_listed(api_as: Callable[..., Any], assentoft: Area) -> None:
    waiting = Organisation.objects.create(name="Ny ApS", kind="virksomhed")
    make(Workplace.objects.create(organisation=waiting, name="X", address="Y", area=assentoft, ordinary_employees=5))
    assert api_as(None).get(URL).json() == []
