from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.audit.models import AuditEvent
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area


@pytest.fixture
def pending(business: Organisation, assentoft: Area, bent: User) -> Place:
    workplace = Workplace.objects.create(
        organisation=business, name="Lageret", address="Vej 1", area=assentoft, ordinary_employees=10
    )
    return Place.objects.create(
        workplace=workplace,
        kind="virksomhedspraktik",
        title="Praktik på lageret",
        tasks="Pakke varer.",
        hours_per_week_min=10,
        hours_per_week_max=20,
        created_by=bent,
        created_at=timezone.now() - timedelta(hours=1),
    )


def test_staff_see_the_places_waiting_and_approve_one_after_confirming(
    client, login, erik: User, pending: Place
) -> None:
    login(client, erik)
    assert "1 plads i en virksomhed venter." in client.get(reverse("staff:home")).content.decode()
    assert "Praktik på lageret" in client.get(reverse("staff:place_queue")).content.decode()
    review = client.get(reverse("staff:place_review", args=[pending.pk])).content.decode()
    assert "højst 2 ad gangen" in review

    confirm = client.get(reverse("staff:place_approve", args=[pending.pk]))
    assert "Vil du godkende pladsen?" in confirm.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"

    response = client.post(reverse("staff:place_approve", args=[pending.pk]))

    assert response["Location"] == reverse("staff:place_queue")
    pending.refresh_from_db()
    assert (pending.status, pending.approved_by) == ("open", erik)
    assert pending.approved_at is not None
    assert AuditEvent.objects.filter(verb="approve", target_type="placements.place", actor=erik).exists()
    assert list(Place.objects.approved_open()) == [pending]


def test_staff_reject_a_place_with_a_reason_the_business_sees(
    client, login, erik: User, bent: User, pending: Place
) -> None:
    login(client, erik)
    url = reverse("staff:place_reject", args=[pending.pk])
    assert "Skriv, hvorfor" in client.post(url, {"reason": ""}).content.decode()

    client.post(url, {"reason": "Opgaverne er ordinært arbejde."})

    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert AuditEvent.objects.filter(verb="reject", target_type="placements.place").exists()
    client.force_login(bent)
    page = client.get(reverse("placements:place_detail", args=[pending.pk])).content.decode()
    assert "Opgaverne er ordinært arbejde." in page


def test_a_place_is_approved_once(client, login, erik: User, pending: Place) -> None:
    login(client, erik)
    client.post(reverse("staff:place_approve", args=[pending.pk]))
    response = client.post(reverse("staff:place_approve", args=[pending.pk]), follow=True)
    assert "venter ikke på godkendelse længere" in response.content.decode()
    assert AuditEvent.objects.filter(verb="approve").count() == 1


def test_a_business_member_cannot_approve_its_own_place(client, login, bent: User, pending: Place) -> None:
    client.force_login(bent)
    for name in ("place_queue", "place_review", "place_approve", "place_reject"):
        args = [] if name == "place_queue" else [pending.pk]
        assert client.get(reverse(f"staff:{name}", args=args)).status_code in (302, 403, 404)
    client.post(reverse("staff:place_approve", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.status == "pending"
