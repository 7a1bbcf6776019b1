from collections.abc import Callable
from typing import Any

from django.urls import reverse

from ressourcebank.accounts.models import Membership, Organisation, User
from ressourcebank.audit.models import AuditEvent
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area

CREATE = reverse("placements:place_create")
CHECK = reverse("placements:place_check")


def place_data(workplace: Workplace | None = None, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "virksomhedspraktik",
        "title": "Praktik på lageret",
        "tasks": "Pakke varer og holde orden.",
        "hours_per_week_min": "15",
        "hours_per_week_max": "25",
        "places": "1",
        "young": "on",
        "learning": "",
        "mentor": "Lars Lager",
        "adjustments": "",
        "accessibility": "",
    }
    if workplace is not None:
        data["workplace"] = str(workplace.pk)
    data.update(overrides)
    return data


def workplace_data(area: Area, **overrides: Any) -> dict[str, str]:
    data = {
        "name": "Lageret",
        "address": "Industrivej 4, 8900 Randers C",
        "area": str(area.pk),
        "ordinary_employees": "12",
        "p_number": "",
    }
    data.update(overrides)
    return {f"arbejdssted-{key}": value for key, value in data.items()}


def test_a_member_posts_a_place_that_waits_for_approval(client, bent: User, workplace: Workplace) -> None:
    client.force_login(bent)

    response = client.post(CREATE, place_data(workplace))

    place = Place.objects.get()
    assert response["Location"] == reverse("placements:place_detail", args=[place.pk])
    assert (place.status, place.workplace, place.created_by, place.young) == ("pending", workplace, bent, True)
    assert place.approved_at is None
    assert AuditEvent.objects.filter(verb="create", target_type="placements.place", target_id=str(place.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Venter på, at kommunen godkender pladsen" in page


def test_a_business_without_a_workplace_registers_it_with_its_first_place(
    client, bent: User, business: Organisation, assentoft: Area
) -> None:
    client.force_login(bent)
    page = client.get(CREATE).content.decode()
    assert 'name="arbejdssted-ordinary_employees"' in page
    assert 'name="workplace"' not in page

    response = client.post(CREATE, place_data() | workplace_data(assentoft, p_number="1 0 0 3 3 8 8 4 9 7"))

    assert response.status_code == 302
    workplace = Workplace.objects.get()
    assert (workplace.organisation, workplace.ordinary_employees, workplace.p_number) == (business, 12, "1003388497")
    assert Place.objects.get().workplace == workplace


def test_the_first_workplace_is_checked_against_the_ratio_too(client, bent: User, assentoft: Area) -> None:
    client.force_login(bent)

    response = client.post(CREATE, place_data(places="2") | workplace_data(assentoft, ordinary_employees="4"))

    assert response.status_code == 200
    assert "må Lageret have 1 person i praktik" in response.content.decode()
    assert not Workplace.objects.exists()
    assert not Place.objects.exists()


def test_broken_rules_are_answered_beside_the_fields_and_nothing_is_lost(
    client, bent: User, workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    make_place(workplace, places=2)  # 12 employees allow 2
    client.force_login(bent)

    response = client.post(CREATE, place_data(workplace, hours_per_week_max="40", title="Min egen overskrift"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Højst 37 timer om ugen." in content
    assert "Der er ikke plads til flere lige nu." in content
    assert 'value="Min egen overskrift"' in content
    assert Place.objects.count() == 1


def test_a_range_that_runs_backwards_is_refused(client, bent: User, workplace: Workplace) -> None:
    client.force_login(bent)
    response = client.post(CREATE, place_data(workplace, hours_per_week_min="30", hours_per_week_max="20"))
    assert "Det højeste antal timer kan ikke være mindre end det laveste (30)." in response.content.decode()
    assert not Place.objects.exists()


def test_missing_fields_are_named_in_plain_danish(client, bent: User, workplace: Workplace) -> None:
    client.force_login(bent)
    response = client.post(CREATE, {"workplace": str(workplace.pk)})
    content = response.content.decode()
    for message in ("Vælg, hvad slags plads det er.", "Giv pladsen en overskrift", "Skriv et antal timer"):
        assert message in content


def test_the_check_as_you_type_returns_the_same_messages_without_saving(
    client, bent: User, workplace: Workplace
) -> None:
    client.force_login(bent)

    broken = client.post(CHECK, {"workplace": workplace.pk, "kind": "loentilskud", "hours_per_week_max": "45"})
    fine = client.post(CHECK, {"workplace": workplace.pk, "kind": "loentilskud", "places": "1"})

    assert "Højst 37 timer om ugen." in broken.content.decode()
    assert "<html" not in broken.content.decode()
    assert "Med 12 ordinært ansatte må arbejdsstedet have 2 personer" in fine.content.decode()
    assert not Place.objects.exists()


def test_the_place_form_checks_as_typed_with_htmx_and_submits_without_it(client, bent: User, workplace) -> None:
    client.force_login(bent)
    page = client.get(CREATE).content.decode()
    assert f'hx-post="{CHECK}"' in page
    assert f'action="{CREATE}"' in page and 'method="post"' in page
    assert 'aria-live="polite"' in page


def test_anonymous_is_asked_to_log_in_and_comes_back(client, db) -> None:
    response = client.get(CREATE)
    assert response["Location"] == f"{reverse('accounts:login')}?next=%2Fpladser%2Fny%2F"
    assert client.post(CHECK, {}).status_code == 302


def test_a_citizen_without_a_business_registers_one_first(client, alice: User) -> None:
    client.force_login(alice)
    response = client.get(CREATE)
    assert response["Location"] == reverse("accounts:organisation_create") + "?slags=virksomhed&next=%2Fpladser%2Fny%2F"


def test_a_member_cannot_post_for_another_businesss_workplace(
    client, olga: User, workplace: Workplace, assentoft: Area
) -> None:
    other = Organisation.objects.create(name="Olgas ApS", kind="virksomhed", cvr="12345674")
    Membership.objects.create(user=olga, organisation=other, is_admin=True)
    Workplace.objects.create(organisation=other, name="Olgas", address="Vej 1", area=assentoft, ordinary_employees=3)
    client.force_login(olga)

    response = client.post(CREATE, place_data(workplace))

    assert response.status_code == 200
    assert "Vælg et af jeres arbejdssteder." in response.content.decode()
    assert not Place.objects.exists()


def test_an_outsider_cannot_see_another_businesss_pending_place(
    client, olga: User, erik: User, bent: User, workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    place = make_place(workplace, status=Place.Status.PENDING, title="Hemmelig plads")
    detail = reverse("placements:place_detail", args=[place.pk])

    client.force_login(olga)
    assert client.get(detail).status_code == 404
    assert "Hemmelig plads" not in client.get(reverse("placements:place_list")).content.decode()

    client.force_login(bent)
    assert client.get(detail).status_code == 200
    assert "Hemmelig plads" in client.get(reverse("placements:place_list")).content.decode()


def test_the_front_doors_business_path_offers_vi_har_en_plads(client, bent: User) -> None:
    assert CREATE in client.get(reverse("accounts:organisation_create")).content.decode()
    client.force_login(bent)
    assert "Vi har en plads" in client.get(reverse("accounts:organisation_create")).content.decode()


def test_a_member_adds_another_workplace(client, bent: User, business: Organisation, assentoft: Area) -> None:
    client.force_login(bent)
    data = {key.removeprefix("arbejdssted-"): value for key, value in workplace_data(assentoft).items()}

    response = client.post(reverse("placements:workplace_create"), data | {"organisation": str(business.pk)})

    assert response["Location"] == reverse("placements:place_list")
    assert Workplace.objects.get().organisation == business


def test_a_bad_p_number_is_refused(client, bent: User, business: Organisation, assentoft: Area) -> None:
    client.force_login(bent)
    data = {key.removeprefix("arbejdssted-"): value for key, value in workplace_data(assentoft, p_number="123").items()}
    response = client.post(reverse("placements:workplace_create"), data)
    assert "Et P-nummer er 10 cifre." in response.content.decode()
    assert not Workplace.objects.exists()
