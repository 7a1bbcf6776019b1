"""Personas × every case screen: who may read, who may change, and that every refusal (404 or 403)
and every read leaves a row in the access log with the Case as its target."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.cases import actions
from ressourcebank.cases.models import Case

pytestmark = pytest.mark.django_db

READ_SCREENS = ["detail", "notes"]
EDIT_SCREENS = [
    "edit",
    "member_add",
    "agency_add",
    "goal_add",
    "action_add",
    "action_edit",
    "need_add",
    "consent_add",
]


def url(case: Case, name: str) -> str:
    if name == "action_edit":
        return reverse("cases:action_edit", args=[case.pk, case.actions.first().pk])  # type: ignore[union-attr]
    return reverse(f"cases:{name}", args=[case.pk])


def log_rows(case: Case, verb: str) -> int:
    return AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk), verb=verb).count()


@pytest.fixture
def as_user(login: Callable[..., None]) -> Callable[[User], Client]:
    def client_for(user: User) -> Client:
        client = Client()
        login(client, user)
        return client

    return client_for


@pytest.mark.parametrize("screen", READ_SCREENS + EDIT_SCREENS)
def test_the_tovholder_opens_every_screen_of_their_case_and_each_read_is_logged(
    case: Case, dorte: User, as_user: Any, screen: str
) -> None:
    before = log_rows(case, Verb.READ)

    response = as_user(dorte).get(url(case, screen))

    assert response.status_code == 200
    assert log_rows(case, Verb.READ) == before + 1


@pytest.mark.parametrize("persona", ["gitte", "alice", "olga", "erik", "frida", "bent"])
@pytest.mark.parametrize("screen", READ_SCREENS + EDIT_SCREENS)
def test_everyone_without_a_part_in_the_case_gets_404_and_a_row_in_the_log(
    case: Case, as_user: Any, request: pytest.FixtureRequest, persona: str, screen: str
) -> None:
    person = request.getfixturevalue(persona)
    before = log_rows(case, Verb.REJECT)

    response = as_user(person).get(url(case, screen))

    assert response.status_code == 404
    assert log_rows(case, Verb.REJECT) == before + 1
    assert not AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.READ, actor=person).exists()


@pytest.mark.parametrize("persona", ["gitte", "alice", "olga", "frida"])
@pytest.mark.parametrize("screen", ["close", "notes", "member_add", "consent_add", "action_edit"])
def test_a_refused_post_changes_nothing_and_is_logged(
    case: Case, as_user: Any, request: pytest.FixtureRequest, persona: str, screen: str
) -> None:
    person = request.getfixturevalue(persona)
    data = {"name": "Indtrænger", "relation": "other", "age_group": "18-64", "body": "x", "written_on": "2026-12-01"}

    response = as_user(person).post(url(case, screen), data)

    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert case.members.count() == 2 and case.notes.count() == 1
    assert log_rows(case, Verb.REJECT) == 1


def test_staff_with_a_role_in_the_team_read_the_case_and_its_notes(
    case: Case, erik_on_team: User, as_user: Any
) -> None:
    client = as_user(erik_on_team)

    assert client.get(url(case, "detail")).status_code == 200
    response = client.get(url(case, "notes"))

    assert "Alice er træt om morgenen." in response.content.decode()
    assert "Gem noten" not in response.content.decode()
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.READ, actor=erik_on_team).count() == 2


@pytest.mark.parametrize("screen", EDIT_SCREENS)
def test_staff_with_a_role_in_the_team_cannot_change_the_case(
    case: Case, erik_on_team: User, as_user: Any, screen: str
) -> None:
    response = as_user(erik_on_team).get(url(case, screen))

    assert response.status_code == 403
    assert log_rows(case, Verb.REJECT) == 1


def test_staff_of_the_team_cannot_write_a_note(case: Case, erik_on_team: User, as_user: Any) -> None:
    response = as_user(erik_on_team).post(url(case, "notes"), {"written_on": "2026-12-01", "body": "Hej"})

    assert response.status_code == 403
    assert case.notes.count() == 1


def test_the_substitute_holds_the_case_only_while_the_tovholder_is_away(
    case: Case, dorte: User, gitte: User, as_user: Any
) -> None:
    today = timezone.localdate()
    actions.update_case(
        case,
        {"substitute": gitte, "absent_from": today + timedelta(days=3), "absent_until": today + timedelta(days=10)},
        by=dorte,
    )
    client = as_user(gitte)

    assert client.get(url(case, "detail")).status_code == 404

    actions.update_case(case, {"absent_from": today - timedelta(days=1)}, by=dorte)

    assert client.get(url(case, "detail")).status_code == 200
    assert client.get(url(case, "goal_add")).status_code == 200


def test_a_closed_case_is_read_only_for_its_tovholder(case: Case, dorte: User, as_user: Any) -> None:
    actions.close_case(case, by=dorte)
    client = as_user(dorte)

    assert client.get(url(case, "detail")).status_code == 200
    for screen in EDIT_SCREENS:
        assert client.get(url(case, screen)).status_code == 403, screen
    assert client.post(url(case, "notes"), {"written_on": "2026-12-01", "body": "Sent"}).status_code == 403
    assert case.notes.count() == 1


def test_the_overview_lists_only_the_coordinators_own_cases(case: Case, dorte: User, gitte: User, as_user: Any) -> None:
    assert "Familien Andersen" in as_user(dorte).get(reverse("cases:list")).content.decode()
    assert "Familien Andersen" not in as_user(gitte).get(reverse("cases:list")).content.decode()


def test_a_citizen_cannot_open_the_coordinators_overview(alice: User, as_user: Any) -> None:
    assert as_user(alice).get(reverse("cases:list")).status_code == 403
    assert as_user(alice).get(reverse("cases:create")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(case: Case) -> None:
    response = Client().get(url(case, "detail"))

    assert response.status_code == 302
    assert "/konto/log-ind/" in response["Location"]


def test_a_team_leader_sees_the_teams_cases_in_the_overview_and_the_list_is_logged(
    case: Case, erik_on_team: User, as_user: Any
) -> None:
    response = as_user(erik_on_team).get(reverse("cases:list"))

    assert "Familien Andersen" in response.content.decode()
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.READ, note="oversigt").count() == 1


def test_closing_a_case_asks_first_because_it_cannot_be_undone(case: Case, dorte: User, as_user: Any) -> None:
    client = as_user(dorte)

    page = client.get(url(case, "close"))

    assert page.status_code == 200
    assert "Ja, afslut forløbet" in page.content.decode()
    case.refresh_from_db()
    assert case.status != "closed"
    assert reverse("cases:close", args=[case.pk]) in client.get(url(case, "detail")).content.decode()
