"""An administrator cannot read a case, unless they ask for break-glass access with a reason:
then they read it (never change it) until the grant runs out, and every use is in the access log,
flagged to the audit role. The citizen sees that it happened, and why."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, BreakGlassGrant, Verb
from ressourcebank.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def fridas(frida: User, login: Callable[..., None]) -> Client:
    client = Client()
    login(client, frida)
    return client


def ask(client: Client, case: Case, reason: str = "Borgeren er forsvundet; politiet spørger") -> object:
    return client.post(reverse("cases:break_glass"), {"case_number": case.pk, "reason": reason, "minutes": "15"})


def test_with_a_grant_the_administrator_reads_the_case_and_the_use_is_flagged(
    case: Case, fridas: Client, frida: User
) -> None:
    assert fridas.get(case.get_absolute_url()).status_code == 404

    response = ask(fridas, case)

    assert response["Location"] == case.get_absolute_url()
    assert fridas.get(case.get_absolute_url()).status_code == 200
    assert AuditEvent.objects.flagged().filter(actor=frida, target_id=str(case.pk)).count() == 2  # open, use
    read = AuditEvent.objects.get(actor=frida, verb=Verb.READ, target_id=str(case.pk))
    assert read.reason == "nødadgang"


def test_a_grant_never_lets_the_administrator_change_the_case(case: Case, fridas: Client) -> None:
    ask(fridas, case)

    assert fridas.get(reverse("cases:goal_add", args=[case.pk])).status_code == 404
    assert fridas.post(
        reverse("cases:notes", args=[case.pk]), {"written_on": "2026-12-01", "body": "x"}
    ).status_code in (
        403,
        404,
    )
    assert case.notes.count() == 1


def test_an_expired_grant_reads_nothing(case: Case, fridas: Client) -> None:
    ask(fridas, case)
    grant = BreakGlassGrant.objects.get()
    BreakGlassGrant.objects.filter(pk=grant.pk).update(
        opened_at=timezone.now() - timedelta(hours=2), expires_at=timezone.now() - timedelta(hours=1)
    )

    assert fridas.get(case.get_absolute_url()).status_code == 404


def test_break_glass_needs_a_reason(case: Case, fridas: Client) -> None:
    response = ask(fridas, case, reason="  ")

    assert "Skriv, hvorfor du har brug for adgangen." in response.content.decode()  # type: ignore[attr-defined]
    assert not BreakGlassGrant.objects.exists()


@pytest.mark.parametrize("persona", ["dorte", "erik", "alice"])
def test_only_an_administrator_may_ask_for_break_glass(
    case: Case, persona: str, request: pytest.FixtureRequest, login: Callable[..., None]
) -> None:
    client = Client()
    login(client, request.getfixturevalue(persona))

    assert client.get(reverse("cases:break_glass")).status_code == 403
    assert ask(client, case).status_code == 403  # type: ignore[attr-defined]
    assert not BreakGlassGrant.objects.exists()


def test_the_citizen_sees_the_emergency_read_with_its_role_organisation_and_why(
    case: Case, fridas: Client, alice: User, login: Callable[..., None]
) -> None:
    ask(fridas, case)
    fridas.get(case.get_absolute_url())
    alices = Client()
    login(alices, alice)

    page = alices.get(reverse("cases:mine")).content.decode()

    assert "Administrator, Randers Kommune" in page and "nødadgang" in page
    assert "Frida" not in page
