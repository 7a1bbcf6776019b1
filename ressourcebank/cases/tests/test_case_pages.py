"""The tovholder's flow and the citizen's page, through HTTP: what each of them would notice."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.cases.models import Case, CaseNeed, CaseRole, CaseTeam, PlanAction, current_tovholder_for
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db


@pytest.fixture
def dortes(dorte: User, login: Callable[..., None]) -> Client:
    client = Client()
    login(client, dorte)
    return client


@pytest.fixture
def alices(alice: User, login: Callable[..., None]) -> Client:
    client = Client()
    login(client, alice)
    return client


def test_a_coordinator_opens_a_case_for_a_citizen_with_an_account(dortes: Client, alice: User, dorte: User) -> None:
    response = dortes.post(
        reverse("cases:create"),
        {
            "title": "Alice",
            "kind": "citizen",
            "citizen_name": "Alice Andersen",
            "age_group": "18-64",
            "citizen_email": "ALICE@example.dk",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.tovholder == dorte and case.citizen == alice
    assert case.members.get().relation == "self"
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.CREATE).count() == 1


def test_opening_a_case_with_an_unknown_email_keeps_what_was_typed(dortes: Client) -> None:
    response = dortes.post(
        reverse("cases:create"),
        {
            "title": "Familien Hansen",
            "kind": "household",
            "citizen_name": "Hanne",
            "age_group": "18-64",
            "citizen_email": "findes@ikke.dk",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Der er ingen borger med den e-mail" in page
    assert 'value="Familien Hansen"' in page
    assert not Case.objects.exists()


def test_a_citizen_has_one_open_case(case: Case, dortes: Client) -> None:
    response = dortes.post(
        reverse("cases:create"),
        {
            "title": "Igen",
            "kind": "citizen",
            "citizen_name": "Alice",
            "age_group": "18-64",
            "citizen_email": "alice@example.dk",
        },
    )

    assert response.status_code == 200
    assert "allerede et åbent forløb" in response.content.decode()


def test_the_tovholder_adds_a_member_an_agency_a_goal_an_action_and_a_note(case: Case, dortes: Client) -> None:
    dortes.post(
        reverse("cases:member_add", args=[case.pk]), {"name": "Sofie", "relation": "child", "age_group": "15-17"}
    )
    dortes.post(
        reverse("cases:agency_add", args=[case.pk]),
        {
            "kind": case.agencies.get().kind.pk,
            "name": "Jobcenter Randers",
            "contact_person": "Per",
            "email": "per@randers.dk",
        },
    )
    dortes.post(reverse("cases:goal_add", args=[case.pk]), {"title": "Sofie får et fritidsjob"})
    goal = case.goals.get(title="Sofie får et fritidsjob")
    dortes.post(
        reverse("cases:action_add", args=[case.pk]),
        {
            "goal": goal.pk,
            "title": "Alice lærer naboens børn at strikke",
            "owner_kind": "citizen",
            "is_contribution": "on",
        },
    )
    dortes.post(reverse("cases:notes", args=[case.pk]), {"written_on": "2026-11-30", "body": "God samtale."})

    page = dortes.get(case.get_absolute_url()).content.decode()
    for text in [
        "Sofie",
        "Jobcenter Randers",
        "Sofie får et fritidsjob",
        "Alice lærer naboens børn at strikke",
        "Det giver borgeren selv",
    ]:
        assert text in page, text
    assert case.notes.count() == 2
    assert PlanAction.objects.get(title__startswith="Alice lærer").is_contribution


def test_bad_input_is_answered_in_danish_and_kept(case: Case, dortes: Client) -> None:
    response = dortes.post(
        reverse("cases:action_add", args=[case.pk]),
        {"goal": case.goals.get().pk, "title": "Ringe til skolen", "owner_kind": "agency", "due_on": "i morgen"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Vælg, hvilken instans der gør det." in page
    assert "Skriv en dato" in page
    assert 'value="Ringe til skolen"' in page


def test_the_tovholder_follows_up_on_an_action(case: Case, dortes: Client) -> None:
    action = case.actions.get()

    dortes.post(
        reverse("cases:action_edit", args=[case.pk, action.pk]), {"status": "done", "follow_up": "end", "due_on": ""}
    )

    action.refresh_from_db()
    assert action.status == "done" and action.follow_up == "end" and action.due_on is None


def test_the_tovholder_registers_a_need_and_sees_the_suggestions(case: Case, dortes: Client, carlas_offer: Any) -> None:
    member = case.members.get(relation="child")
    response = dortes.post(
        reverse("cases:need_add", args=[case.pk]),
        {
            "member": member.pk,
            "description": "Mads vil gerne have en besøgsven til en snak og kaffe",
            "area": carlas_offer.area_id,
            "urgency": "low",
        },
    )

    need = Need.objects.get()
    assert response["Location"] == need.get_absolute_url()
    assert need.visibility == Need.Visibility.STAFF and need.citizen_name == "Mads Andersen"
    assert CaseNeed.objects.get(need=need).member == member
    page = dortes.get(need.get_absolute_url()).content.decode()
    assert carlas_offer.title in page


def test_the_case_page_keeps_a_bounded_number_of_queries(
    case: Case, dortes: Client, count_queries: Callable[..., int], dorte: User
) -> None:
    from ressourcebank.cases import actions

    few = count_queries(dortes, case.get_absolute_url())
    for number in range(10):
        goal = actions.add_goal(case, title=f"Mål {number}", member=case.members.first(), by=dorte)
        for _ in range(3):
            actions.add_action(
                case, PlanAction(goal=goal, title="H", owner_kind="agency", owner_agency=case.agencies.get()), by=dorte
            )

    assert count_queries(dortes, case.get_absolute_url()) == few


def test_the_citizen_sees_their_plan_tovholder_consents_and_who_opened_the_case(
    case: Case, sharing_consent: Any, alices: Client, dortes: Client, erik_on_team: User, login: Any
) -> None:
    dortes.get(case.get_absolute_url())
    eriks = Client()
    login(eriks, erik_on_team)
    eriks.get(case.get_absolute_url())

    page = alices.get(reverse("cases:mine")).content.decode()

    assert "Dorte Tovholder" in page  # the named tovholder
    assert "Mads kommer i skole hver dag" in page and "Morgenhjælp tre dage om ugen" in page
    assert "Rismølleskolen" in page and "Lene Lærer" in page
    assert "Dele med en frivillig eller forening" in page and "Træk tilbage" in page
    # The role, the municipality and the case team the reader works in (audit.describe_actor).
    assert "Medarbejder, Randers Kommune, Tovholderteam Randers Nord · Hvorfor: rolle i forløbets team" in page
    assert "Tovholder, Randers Kommune, Tovholderteam Randers Nord · Hvorfor: tovholder for forløbet" in page
    assert "Erik" not in page  # the role and organisation, never the employee's name
    assert "Alice er træt om morgenen." not in page  # the tovholder's notes stay on the tovholder's page


def test_the_citizens_printable_plan(case: Case, alices: Client) -> None:
    response = alices.get(reverse("cases:my_plan"))

    assert response.status_code == 200
    assert "Morgenhjælp tre dage om ugen" in response.content.decode()


def test_a_citizen_without_a_case_gets_404(olga: User, login: Any) -> None:
    client = Client()
    login(client, olga)

    assert client.get(reverse("cases:mine")).status_code == 404


def test_min_side_links_to_the_citizens_case(case: Case, alices: Client) -> None:
    assert reverse("cases:mine") in alices.get(reverse("accounts:dashboard")).content.decode()


def test_messages_go_to_the_substitute_while_the_tovholder_is_away(
    case: Case, alice: User, dorte: User, gitte: User
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from ressourcebank.cases import actions

    assert current_tovholder_for(alice) == dorte
    today = timezone.localdate()
    actions.update_case(
        case, {"substitute": gitte, "absent_from": today, "absent_until": today + timedelta(days=7)}, by=dorte
    )
    assert current_tovholder_for(alice) == gitte
    actions.close_case(case, by=dorte)
    assert current_tovholder_for(alice) is None


def test_the_api_lists_the_callers_cases_and_answers_404_for_someone_elses(
    case: Case, dorte: User, gitte: User, alice: User
) -> None:
    def api(user: User) -> Client:
        token = ApiToken.issue(user, scope=ApiToken.Scope.READ)
        ApiToken.objects.filter(user=user).update(issued_with_second_factor=True)
        return Client(headers={"Authorization": f"Bearer {token}"})

    dortes_api, gittes_api, alices_api = api(dorte), api(gitte), api(alice)

    assert [c["id"] for c in dortes_api.get("/api/v1/cases").json()] == [case.pk]
    assert gittes_api.get("/api/v1/cases").json() == []
    detail = dortes_api.get(f"/api/v1/cases/{case.pk}").json()
    assert detail["goals"][0]["actions"][0]["title"] == "Morgenhjælp tre dage om ugen"
    assert "notes" not in detail
    assert gittes_api.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert alices_api.get(f"/api/v1/cases/{case.pk}").json()["is_mine_as_citizen"] is True
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.READ, note="api", actor=dorte).count() == 1
    assert AuditEvent.objects.filter(target_id=str(case.pk), verb=Verb.REJECT, actor=gitte).count() == 1


def test_a_team_role_is_per_team(case: Case, erik: User, login: Any) -> None:
    CaseRole.objects.create(user=erik, team=CaseTeam.objects.create(name="Et andet team"), role="leader")
    client = Client()
    login(client, erik)

    assert client.get(case.get_absolute_url()).status_code == 404


def test_the_overview_keeps_a_bounded_number_of_queries_and_pages_a_big_team(
    case: Case, dortes: Client, count_queries: Callable[..., int], dorte: User
) -> None:
    from ressourcebank.cases import actions

    few = count_queries(dortes, reverse("cases:list"))
    for number in range(60):
        actions.open_case(
            actions.CaseData(title=f"Forløb {number:02d}", kind="citizen", citizen_name="B", age_group="18-64"),
            by=dorte,
        )

    assert count_queries(dortes, reverse("cases:list")) == few
    second = dortes.get(reverse("cases:list") + "?side=2").content.decode()
    assert "Side 2 af 2" in second and "Forløb 59" in second


def test_an_agency_phone_that_is_not_a_phone_number_is_refused_and_nothing_is_lost(case: Case, dortes: Client) -> None:
    # "abc" was saved and shown as a tappable tel: link that rang nobody.
    response = dortes.post(
        reverse("cases:agency_add", args=[case.pk]),
        {"kind": case.agencies.get().kind.pk, "name": "Vorup Skole", "phone": "abc"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv telefonnummeret med cifre, fx 12 34 56 78 eller +45 12 34 56 78." in page
    assert 'value="Vorup Skole"' in page
    assert not case.agencies.filter(name="Vorup Skole").exists()

    dortes.post(
        reverse("cases:agency_add", args=[case.pk]),
        {"kind": case.agencies.get().kind.pk, "name": "Vorup Skole", "phone": "89 15  15 15"},
    )
    assert case.agencies.get(name="Vorup Skole").phone == "89 15 15 15"
