"""The citizen's rights: everything the system holds on them (a page they can print, and a JSON
file), for themself and for staff on their request; anonymisation on request and by the retention
job; a closed case is read-only, with a message saying so."""

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.audit.verification import verify
from ressourcebank.cases import actions
from ressourcebank.cases.models import ANONYMISED, Agency, Case, CaseNote, CaseRole, Consent, HouseholdMember
from ressourcebank.connections.models import Connection, Message
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.schedule.runner import run_due_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(login: Callable[..., None]) -> Callable[[User], Client]:
    def client_for(user: User) -> Client:
        client = Client()
        login(client, user)
        return client

    return client_for


@pytest.fixture
def connection(case_need: Need, carlas_offer: Offer, dorte: User, carla: User) -> Connection:
    connection = Connection.objects.create(
        offer=carlas_offer, need=case_need, requester=dorte, state=Connection.State.ACCEPTED
    )
    Message.objects.create(connection=connection, author=carla, body="Vi ses torsdag ved kirken.")
    return connection


def log_rows(target: Any, verb: str) -> int:
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk), verb=verb).count()


# --- Det ved vi om dig ---------------------------------------------------------------------


def test_the_citizen_sees_everything_about_them_on_one_page_they_can_print(
    case: Case, case_need: Need, sharing_consent: Consent, alice: User, alices_need: Need, as_user: Any
) -> None:
    client = as_user(alice)
    assert "Det ved vi om dig" in client.get(reverse("accounts:dashboard")).content.decode()

    page = client.get(reverse("accounts:personal_data")).content.decode()

    for text in [
        "Det ved vi om dig",
        "alice@example.dk",  # the account
        alices_need.description,  # her own need
        "Mads Andersen",  # the household
        "Rismølleskolen",  # the agency
        "Morgenhjælp tre dage om ugen",  # the plan
        "Dele med en frivillig eller forening",  # the consent
        "Alice er træt om morgenen.",  # the tovholder's note: hers to read (GDPR art. 15)
        "Alice vil gerne have en at gå ture med",  # the need registered on the case
        "Hvem har åbnet forløbet",
    ]:
        assert text in page, text
    assert "data-export" in page  # the print stylesheet's structure
    assert "+00:00" not in page  # dates and times as people write them, in local time


def test_the_access_log_part_names_role_and_organisation_never_the_employee(
    case: Case, alice: User, erik_on_team: User, as_user: Any
) -> None:
    as_user(erik_on_team).get(reverse("cases:detail", args=[case.pk]))

    page = as_user(alice).get(reverse("accounts:personal_data")).content.decode()

    assert "Medarbejder" in page and "Randers Kommune" in page
    assert "Erik" not in page


def test_the_citizen_downloads_the_same_as_a_json_file(
    case: Case, alice: User, connection: Connection, as_user: Any
) -> None:
    client = as_user(alice)

    response = client.post(reverse("accounts:personal_data_download"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ressourcebanken-')
    assert "alice" not in response["Content-Disposition"].lower()
    data = json.loads(response.content)
    assert data["parts"]["account"]["items"][0]["email"] == "alice@example.dk"
    case_items = data["parts"]["cases"]["items"]
    assert case_items[0]["heading"] == "Familien Andersen"
    assert client.get(reverse("accounts:personal_data_download")).status_code == 405


def test_a_volunteer_sees_their_connections_and_messages_and_not_the_citizens_case(
    connection: Connection, carla: User, as_user: Any
) -> None:
    page = as_user(carla).get(reverse("accounts:personal_data")).content.decode()

    assert "Vi ses torsdag ved kirken." in page
    assert "Dine forbindelser" in page
    assert "Familien Andersen" not in page and "Alice er træt" not in page


def test_staff_take_out_a_citizens_data_on_request_and_it_is_logged_with_the_reason(
    case: Case, alice: User, erik: User, as_user: Any
) -> None:
    client = as_user(erik)
    assert reverse("staff:citizen_data") in client.get(reverse("staff:home")).content.decode()
    reason = "Borgeren bad om sine oplysninger i telefonen."

    page = client.post(reverse("staff:citizen_data"), {"email": "ALICE@example.dk", "reason": reason})

    assert page.status_code == 200
    assert "Alice er træt om morgenen." in page.content.decode()
    assert AuditEvent.objects.get(verb=Verb.EXPORT, target_id=str(alice.pk)).reason == reason
    case_read = AuditEvent.objects.get(verb=Verb.READ, target_id=str(case.pk), actor=erik)
    assert case_read.reason == reason and case_read.note == "dataudtræk"

    download = client.post(reverse("staff:citizen_data"), {"email": alice.email, "reason": reason, "format": "json"})

    assert json.loads(download.content)["parts"]["account"]["items"][0]["name"] == "Alice Andersen"


def test_staff_must_give_a_reason_and_a_known_email_and_nothing_typed_is_lost(
    alice: User, erik: User, as_user: Any
) -> None:
    client = as_user(erik)

    no_reason = client.post(reverse("staff:citizen_data"), {"email": alice.email, "reason": " "}).content.decode()
    unknown = client.post(reverse("staff:citizen_data"), {"email": "ingen@example.dk", "reason": "Anmodning"})

    assert "Skriv, hvorfor du tager oplysningerne ud" in no_reason and alice.email in no_reason
    assert "Der er ingen konto med den e-mail" in unknown.content.decode()
    assert "Anmodning" in unknown.content.decode()
    assert not AuditEvent.objects.filter(verb=Verb.EXPORT).exists()


@pytest.mark.parametrize("persona", ["alice", "olga", "dorte", "frida", "rikke", "bent"])
def test_only_staff_with_the_data_request_role_take_out_a_citizens_data(
    case: Case, as_user: Any, request: pytest.FixtureRequest, persona: str
) -> None:
    person = request.getfixturevalue(persona)
    client = as_user(person)

    get = client.get(reverse("staff:citizen_data"))
    post = client.post(reverse("staff:citizen_data"), {"email": "alice@example.dk", "reason": "Nysgerrig"})

    assert get.status_code == 403 and post.status_code == 403
    assert "Familien Andersen" not in post.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.REJECT, actor=person, note="dataudtræk").count() == 2
    assert not AuditEvent.objects.filter(verb=Verb.EXPORT).exists()


def test_an_anonymous_visitor_is_sent_to_log_in_for_the_export() -> None:
    for name in ["accounts:personal_data", "staff:citizen_data"]:
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/konto/log-ind/" in response["Location"]


# --- Anonymisation on request --------------------------------------------------------------


def anonymise_url(case: Case) -> str:
    return reverse("cases:anonymise", args=[case.pk])


@pytest.fixture
def closed_case(case: Case, dorte: User, case_need: Need, sharing_consent: Consent) -> Case:
    return actions.close_case(case, by=dorte)


@pytest.fixture
def other_case(gitte: User, olga: User) -> Case:
    return actions.open_case(
        actions.CaseData(
            title="Olgas forløb", kind="citizen", citizen_name="Olga Outsider", age_group="65+", citizen=olga
        ),
        by=gitte,
    )


def assert_anonymised(case: Case) -> None:
    case.refresh_from_db()
    assert case.is_anonymised and case.title == ANONYMISED and case.citizen_id is None
    assert set(case.members.values_list("name", flat=True)) == {ANONYMISED}
    agency = case.agencies.get()
    assert (agency.name, agency.contact_person, agency.phone, agency.doing) == ("Skole og PPR", "", "", "")
    assert set(case.goals.values_list("title", flat=True)) == {ANONYMISED}
    assert set(case.actions.values_list("title", flat=True)) == {ANONYMISED}
    assert set(case.notes.values_list("body", flat=True)) == {ANONYMISED}
    need = Need.objects.get(case_need__case=case)
    assert need.description == ANONYMISED and need.citizen_name == ""
    # The numbers stay: two people, one agency, one goal, one action, one note, one consent.
    assert (case.members.count(), case.agencies.count(), case.notes.count(), case.consents.count()) == (2, 1, 1, 1)
    assert set(case.members.values_list("relation", flat=True)) == {"self", "child"}


def test_the_tovholder_anonymises_a_closed_case_on_request_after_a_confirmation(
    closed_case: Case, other_case: Case, dorte: User, alice: User, as_user: Any, settings: Any
) -> None:
    client = as_user(dorte)
    assert anonymise_url(closed_case) in client.get(closed_case.get_absolute_url()).content.decode()
    confirm = client.get(anonymise_url(closed_case))
    assert confirm.status_code == 200 and "Det kan ikke fortrydes." in confirm.content.decode()
    closed_case.refresh_from_db()
    assert not closed_case.is_anonymised

    response = client.post(anonymise_url(closed_case), {"reason": "Borgeren bad om det på mødet."})

    assert response.status_code == 302
    assert_anonymised(closed_case)
    assert AuditEvent.objects.get(verb=Verb.ANONYMISE).reason == "Borgeren bad om det på mødet."
    # Nothing else is touched: the other case, the accounts, the log (still intact).
    other_case.refresh_from_db()
    assert other_case.title == "Olgas forløb" and other_case.members.get().name == "Olga Outsider"
    alice.refresh_from_db()
    assert alice.name == "Alice Andersen" and alice.is_active
    assert verify(settings.ACCESS_LOG_ANCHOR_PATH).is_intact
    assert Client().get(reverse("cases:mine")).status_code == 302
    assert as_user(alice).get(reverse("cases:mine")).status_code == 404


def test_anonymising_asks_for_a_reason_in_danish(closed_case: Case, dorte: User, as_user: Any) -> None:
    page = as_user(dorte).post(anonymise_url(closed_case), {"reason": ""}).content.decode()

    assert "Skriv, hvorfor forløbet skal anonymiseres" in page
    closed_case.refresh_from_db()
    assert not closed_case.is_anonymised


def test_an_open_case_must_be_closed_before_it_is_anonymised(case: Case, dorte: User, as_user: Any) -> None:
    response = as_user(dorte).get(anonymise_url(case))

    assert response.status_code == 403
    assert "Afslut forløbet, før det kan anonymiseres." in response.content.decode()
    assert log_rows(case, Verb.REJECT) == 1


def test_the_team_leader_may_anonymise_but_support_staff_may_not(
    closed_case: Case, erik_on_team: User, as_user: Any
) -> None:
    client = as_user(erik_on_team)
    assert client.get(anonymise_url(closed_case)).status_code == 200

    CaseRole.objects.filter(user=erik_on_team).update(role=CaseRole.Role.SUPPORT)

    assert client.post(anonymise_url(closed_case), {"reason": "Anmodning"}).status_code == 403
    assert log_rows(closed_case, Verb.REJECT) == 1
    closed_case.refresh_from_db()
    assert not closed_case.is_anonymised


@pytest.mark.parametrize("persona", ["gitte", "alice", "olga", "erik", "frida", "rikke", "bent"])
def test_everyone_without_a_part_in_the_case_gets_404_on_anonymise_and_a_row_in_the_log(
    closed_case: Case, as_user: Any, request: pytest.FixtureRequest, persona: str
) -> None:
    person = request.getfixturevalue(persona)
    client = as_user(person)

    assert client.get(anonymise_url(closed_case)).status_code == 404
    assert client.post(anonymise_url(closed_case), {"reason": "x"}).status_code == 404

    assert log_rows(closed_case, Verb.REJECT) == 2
    closed_case.refresh_from_db()
    assert not closed_case.is_anonymised


# --- Retention ----------------------------------------------------------------------------


def test_the_retention_job_anonymises_cases_past_their_period_and_touches_nothing_else(
    closed_case: Case, other_case: Case, gitte: User, dorte: User, settings: Any
) -> None:
    settings.CASE_RETENTION_DAYS = 5 * 365
    recently_closed = actions.open_case(
        actions.CaseData(title="Nyligt afsluttet", kind="citizen", citizen_name="Bo Berg", age_group="18-64"),
        by=dorte,
    )
    actions.add_note(recently_closed, written_on=timezone.localdate(), body="Bo fik job.", by=dorte)
    actions.close_case(recently_closed, by=dorte)
    long_ago = timezone.now() - timedelta(days=5 * 365 + 1)
    Case.objects.filter(pk=closed_case.pk).update(closed_at=long_ago)
    Case.objects.filter(pk=recently_closed.pk).update(closed_at=timezone.now() - timedelta(days=5 * 365 - 1))
    log_before = list(AuditEvent.objects.order_by("seq").values_list("seq", "hash"))

    ran = run_due_jobs(timezone.now())

    assert "anonymise_expired_cases" in ran
    assert_anonymised(closed_case)
    recently_closed.refresh_from_db()
    assert recently_closed.title == "Nyligt afsluttet" and recently_closed.notes.get().body == "Bo fik job."
    other_case.refresh_from_db()
    assert other_case.title == "Olgas forløb"
    assert Agency.objects.exclude(case=closed_case).count() == 0
    assert HouseholdMember.objects.filter(name="Bo Berg").exists()
    # The log is only added to: its old rows are as they were, and it still verifies.
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", "hash"))[: len(log_before)] == log_before
    job_row = AuditEvent.objects.get(verb=Verb.ANONYMISE)
    assert job_row.actor_id is None and job_row.reason == "opbevaringstiden er udløbet"
    assert verify(settings.ACCESS_LOG_ANCHOR_PATH).is_intact

    call_command("anonymise_expired_cases")  # again: nothing more to do

    assert AuditEvent.objects.filter(verb=Verb.ANONYMISE).count() == 1


def test_the_retention_period_is_a_setting(closed_case: Case, settings: Any) -> None:
    Case.objects.filter(pk=closed_case.pk).update(closed_at=timezone.now() - timedelta(days=40))

    settings.CASE_RETENTION_DAYS = 60
    call_command("anonymise_expired_cases")
    closed_case.refresh_from_db()
    assert not closed_case.is_anonymised

    settings.CASE_RETENTION_DAYS = 30
    call_command("anonymise_expired_cases")
    closed_case.refresh_from_db()
    assert closed_case.is_anonymised


# --- A closed case is read-only --------------------------------------------------------------


EDIT_SCREENS = ["edit", "close", "member_add", "agency_add", "goal_add", "action_add", "need_add", "consent_add"]


@pytest.mark.parametrize("screen", EDIT_SCREENS)
def test_every_edit_page_of_a_closed_case_says_it_is_closed(
    closed_case: Case, dorte: User, as_user: Any, screen: str
) -> None:
    client = as_user(dorte)

    for response in [
        client.get(reverse(f"cases:{screen}", args=[closed_case.pk])),
        client.post(reverse(f"cases:{screen}", args=[closed_case.pk]), {"title": "Nyt navn", "name": "Ny"}),
    ]:
        assert response.status_code == 403
        assert "Forløbet er afsluttet, så det kan ikke ændres." in response.content.decode()
    closed_case.refresh_from_db()
    assert closed_case.title == "Familien Andersen" and closed_case.members.count() == 2


def test_a_closed_case_refuses_notes_and_plan_changes_with_the_same_message(
    closed_case: Case, dorte: User, as_user: Any
) -> None:
    client = as_user(dorte)
    action = closed_case.actions.get()

    note = client.post(reverse("cases:notes", args=[closed_case.pk]), {"written_on": "2026-12-01", "body": "Sent"})
    plan = client.post(reverse("cases:action_edit", args=[closed_case.pk, action.pk]), {"status": "done"})

    assert note.status_code == 403 and plan.status_code == 403
    assert "Forløbet er afsluttet" in plan.content.decode()
    assert CaseNote.objects.filter(case=closed_case).count() == 1


def test_the_actions_refuse_a_closed_case_too(closed_case: Case, dorte: User) -> None:
    with pytest.raises(PermissionDenied, match="afsluttet"):
        actions.add_note(closed_case, written_on=timezone.localdate(), body="Sent", by=dorte)


def test_anonymising_a_case_also_blanks_what_was_written_in_the_help_for_its_needs(
    case: Case, case_need: Need, dorte: User, make_offer: Callable[..., Offer]
) -> None:
    # The connections on the case's needs carry the citizen's and the helper's own words about her.
    from ressourcebank.connections.models import HoursEntry, Thanks

    connection = Connection.objects.create(
        offer=make_offer(title="Gåture i Assentoft"),
        need=case_need,
        requester=dorte,
        state=Connection.State.ACCEPTED,
        request_message="Alice har svært ved at gå efter sin hofteoperation.",
        provider_message="Jeg kender Alice fra kirken.",
    )
    Message.objects.create(connection=connection, author=dorte, body="Alice er ked af det i dag.")
    HoursEntry.objects.create(
        connection=connection, given_on=timezone.localdate(), hours=1, note="Gik til Alices datter", recorded_by=dorte
    )
    Thanks.objects.create(connection=connection, author=dorte, body="Tak fra Alice og hendes datter.")
    closed = actions.close_case(case, by=dorte)

    actions.anonymise_case(closed, reason="Borgerens anmodning", by=dorte)

    connection.refresh_from_db()
    assert (connection.request_message, connection.provider_message) == ("", "")
    assert set(connection.messages.values_list("body", flat=True)) == {ANONYMISED}
    assert set(connection.hours_entries.values_list("note", flat=True)) == {""}
    assert connection.thanks.body == ""
    # The help itself is still counted: the connection, its hours and its message stay.
    assert connection.hours_entries.get().hours == 1 and connection.messages.count() == 1
