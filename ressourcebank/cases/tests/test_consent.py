"""Consent per purpose and per family member: recorded with its wording's version, shown to the
citizen as a receipt, withdrawn with one click and a confirmation, and the sharing it allowed
stops at once for the volunteer, on the page and in the API."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.cases import actions
from ressourcebank.cases.models import Case, Consent, HouseholdMember
from ressourcebank.connections.models import Connection
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def connection(case_need: Need, carlas_offer: Offer, dorte: User) -> Connection:
    """Dorte asked Carla's club for help on Alice's behalf, and Carla said yes."""
    return Connection.objects.create(
        offer=carlas_offer, need=case_need, requester=dorte, state=Connection.State.ACCEPTED
    )


def carlas_page(connection: Connection, carla: User) -> str:
    client = Client()
    client.force_login(carla)
    response = client.get(reverse("connections:detail", args=[connection.pk]))
    assert response.status_code == 200
    return response.content.decode()


def carlas_api(connection: Connection, carla: User) -> dict[str, Any]:
    client = Client(headers={"Authorization": f"Bearer {ApiToken.issue(carla, scope=ApiToken.Scope.READ)}"})
    response = client.get(f"/api/v1/connections/{connection.pk}")
    assert response.status_code == 200
    listed = client.get("/api/v1/connections").json()
    assert listed[0]["need_text"] == response.json()["need_text"]
    return response.json()  # type: ignore[no-any-return]


def test_a_consent_is_recorded_with_the_version_of_its_text_who_recorded_it_and_how(
    sharing_consent: Consent, dorte: User
) -> None:
    assert sharing_consent.text_version == "2026-1"
    assert sharing_consent.recorded_by == dorte
    assert sharing_consent.method == Consent.Method.ORAL
    assert "fornavn" in sharing_consent.text()


def test_with_consent_the_volunteer_sees_the_first_name_the_area_and_the_needs_text(
    connection: Connection, sharing_consent: Consent, carla: User
) -> None:
    page = carlas_page(connection, carla)
    answer = carlas_api(connection, carla)

    assert "Alice" in page and "Andersen" not in page
    assert "gå ture med om eftermiddagen" in page and "Assentoft" in page
    assert answer["receiver_name"] == "Alice"
    assert "gå ture" in answer["need_text"] and answer["need_area"] == "assentoft"


def test_without_consent_the_volunteer_sees_neither_the_name_nor_the_need(connection: Connection, carla: User) -> None:
    page = carlas_page(connection, carla)
    answer = carlas_api(connection, carla)

    assert "Alice" not in page and "gå ture" not in page
    assert "Alice" not in answer["receiver_name"]
    assert answer["need_text"] is None and answer["need_area"] is None


def test_consent_withdrawn_the_volunteer_at_once_sees_nothing_more(
    connection: Connection, sharing_consent: Consent, carla: User, alice: User, login: Callable[..., None]
) -> None:
    assert "gå ture" in carlas_page(connection, carla)
    client = Client()
    login(client, alice)

    confirm = client.get(reverse("cases:consent_withdraw", args=[sharing_consent.pk]))
    assert "Ja, træk det tilbage" in confirm.content.decode()
    response = client.post(reverse("cases:consent_withdraw", args=[sharing_consent.pk]))

    assert response.status_code == 302
    page = carlas_page(connection, carla)
    answer = carlas_api(connection, carla)
    assert "Alice" not in page and "gå ture" not in page
    assert answer["need_text"] is None and "Alice" not in answer["receiver_name"]


def test_withdrawing_is_dated_logged_and_kept_on_the_receipt(
    sharing_consent: Consent, case: Case, alice: User, login: Callable[..., None]
) -> None:
    client = Client()
    login(client, alice)

    client.post(reverse("cases:consent_withdraw", args=[sharing_consent.pk]))

    sharing_consent.refresh_from_db()
    assert sharing_consent.withdrawn_at is not None and sharing_consent.withdrawn_by == alice
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.REVOKE, actor=alice).count() == 1
    page = client.get(reverse("cases:mine")).content.decode()
    assert "Trukket tilbage" in page


def test_an_ended_consent_no_longer_shares(
    connection: Connection, case: Case, alice_self: HouseholdMember, dorte: User, carla: User
) -> None:
    consent = actions.record_consent(
        case,
        member=alice_self,
        purpose=Consent.Purpose.SHARE_WITH_VOLUNTEER,
        method=Consent.Method.PAPER,
        ends_on=timezone.localdate(),
        by=dorte,
    )
    assert "gå ture" in carlas_page(connection, carla)

    Consent.objects.filter(pk=consent.pk).update(ends_on=timezone.localdate() - timedelta(days=1))

    assert "gå ture" not in carlas_page(connection, carla)


def test_a_family_members_consent_does_not_share_the_citizens_need(
    connection: Connection, case: Case, dorte: User, carla: User
) -> None:
    son = case.members.get(relation="child")
    actions.record_consent(
        case, member=son, purpose=Consent.Purpose.SHARE_WITH_VOLUNTEER, method=Consent.Method.ORAL, by=dorte
    )

    assert "gå ture" not in carlas_page(connection, carla)


def test_another_citizen_cannot_withdraw_alices_consent(
    sharing_consent: Consent, olga: User, login: Callable[..., None]
) -> None:
    client = Client()
    login(client, olga)

    assert client.get(reverse("cases:consent_withdraw", args=[sharing_consent.pk])).status_code == 404
    assert client.post(reverse("cases:consent_withdraw", args=[sharing_consent.pk])).status_code == 404
    sharing_consent.refresh_from_db()
    assert sharing_consent.withdrawn_at is None


def test_sharing_with_an_agency_names_the_agency(case: Case, dorte: User, login: Callable[..., None]) -> None:
    client = Client()
    login(client, dorte)
    member = case.members.get(relation="self")

    refused = client.post(
        reverse("cases:consent_add", args=[case.pk]),
        {"member": member.pk, "purpose": "share_with_agency", "method": "paper"},
    )
    agency = case.agencies.get()
    accepted = client.post(
        reverse("cases:consent_add", args=[case.pk]),
        {"member": member.pk, "purpose": "share_with_agency", "method": "paper", "agency": agency.pk},
    )

    assert refused.status_code == 200
    assert "Vælg den instans" in refused.content.decode()
    assert accepted.status_code == 302
    assert Consent.objects.get(case=case).agency == agency


def test_a_member_of_another_case_cannot_be_chosen(
    case: Case, dorte: User, gitte: User, login: Callable[..., None]
) -> None:
    other = actions.open_case(
        actions.CaseData(title="Andet", kind="citizen", citizen_name="Hanne", age_group="18-64"), by=gitte
    )
    client = Client()
    login(client, dorte)

    response = client.post(
        reverse("cases:consent_add", args=[case.pk]),
        {"member": other.members.get().pk, "purpose": "contact_email", "method": "oral"},
    )

    assert response.status_code == 200
    assert not Consent.objects.exists()
