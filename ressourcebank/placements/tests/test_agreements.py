"""Matching a person to a place, the agreement that follows, its follow-ups and extension, as the
people involved notice them: what the business sees (and stops seeing), the rules the agreement
keeps, the reminder mails, the CSV in the state's form's shape."""

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from ressourcebank.accounts.models import Membership, Organisation, User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.cases import actions as case_actions
from ressourcebank.cases.models import Case, Consent, HouseholdMember
from ressourcebank.connections.models import HoursEntry
from ressourcebank.placements import actions
from ressourcebank.placements.export import form_columns
from ressourcebank.placements.models import Agreement, FollowUp, Place, Proposal, Workplace

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(workplace: Workplace, erik: User) -> Place:
    Workplace.objects.filter(pk=workplace.pk).update(p_number="1012345678", ordinary_employees=30)
    workplace.refresh_from_db()
    return Place.objects.create(
        workplace=workplace,
        kind=Place.Kind.VIRKSOMHEDSPRAKTIK,
        title="Praktik i bogholderiet",
        tasks="Bilag, arkiv og post.",
        hours_per_week_min=10,
        hours_per_week_max=25,
        mentor="Bent Bogholder",
        places=1,
        status=Place.Status.OPEN,
        approved_at=timezone.now() - timedelta(days=3),
        approved_by=erik,
    )


@pytest.fixture
def alices_case(dorte: User, alice: User) -> Case:
    data = case_actions.CaseData(
        title="Alice", kind="citizen", citizen_name="Alice Andersen", age_group="18-64", citizen=alice
    )
    return case_actions.open_case(data, by=dorte)


@pytest.fixture
def alice_member(alices_case: Case) -> HouseholdMember:
    return alices_case.members.get()


@pytest.fixture
def business_consent(alices_case: Case, alice_member: HouseholdMember, dorte: User) -> Consent:
    return case_actions.record_consent(
        alices_case, member=alice_member, purpose=Consent.Purpose.SHARE_WITH_BUSINESS, method="oral", by=dorte
    )


@pytest.fixture
def hans(db: Any) -> User:
    """A member of another business."""
    other = Organisation.objects.create(name="Anden Virksomhed ApS", kind="virksomhed", approved_at=timezone.now())
    user = User.objects.create_user(email="hans@anden.dk", password="x", name="Hans Anden")
    Membership.objects.create(user=user, organisation=other, is_admin=True)
    return user


def propose(
    place: Place, member: HouseholdMember, by: User, group: str = "aktivitetsparat", young: bool = True
) -> Proposal:
    return actions.propose_citizen(
        place,
        member=member,
        target_group=group,
        is_young=young,
        introduction="Jeg er god til tal og kan lide orden.",
        by=by,
    )


def terms(erik: User, starts_on: date, weeks: int = 4, hours: int = 20, **changes: Any) -> actions.AgreementData:
    data = actions.AgreementData(
        purpose="Afklare et jobmål i bogholderi.",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=weeks * 7 - 1),
        hours_per_week=hours,
        business_contact_name="Bent Bogholder",
        business_contact_email="bent@talogtryghed.dk",
        municipal_contact=erik,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


@pytest.fixture
def proposal(place: Place, alice_member: HouseholdMember, business_consent: Consent, dorte: User) -> Proposal:
    return propose(place, alice_member, dorte)


@pytest.fixture
def accepted(proposal: Proposal, bent: User) -> Proposal:
    return actions.answer_proposal(proposal, accept=True, by=bent)


@pytest.fixture
def agreement(accepted: Proposal, erik: User) -> Agreement:
    return actions.approve_proposal(accepted, terms(erik, timezone.localdate()), by=erik)


# --- Proposing -------------------------------------------------------------------------------


def test_tovholder_proposes_a_consenting_citizen_for_an_open_place(proposal: Proposal, alices_case: Case) -> None:
    assert proposal.status == Proposal.Status.PROPOSED
    assert proposal.case == alices_case
    assert AuditEvent.objects.filter(target_id=str(alices_case.pk), note__startswith="plads: borger foreslået").exists()


def test_a_citizen_who_did_not_consent_cannot_be_proposed(
    place: Place, alice_member: HouseholdMember, dorte: User
) -> None:
    with pytest.raises(ValidationError, match="ikke sagt ja"):
        propose(place, alice_member, dorte)


def test_only_the_tovholder_holding_the_case_proposes(
    place: Place, alice_member: HouseholdMember, business_consent: Consent, erik: User, bent: User
) -> None:
    for someone in (erik, bent):
        with pytest.raises(PermissionDenied):
            propose(place, alice_member, someone)


def test_a_place_waiting_for_approval_takes_no_proposals(
    place: Place, alice_member: HouseholdMember, business_consent: Consent, dorte: User
) -> None:
    Place.objects.filter(pk=place.pk).update(status=Place.Status.PENDING, approved_at=None)
    with pytest.raises(ValidationError, match="ikke ledig"):
        propose(place, alice_member, dorte)


def test_the_proposal_page_lists_only_consenting_people(
    client: Any, login: Any, dorte: User, place: Place, alices_case: Case, alice_member: HouseholdMember
) -> None:
    login(client, dorte)
    response = client.get(f"/pladser/{place.pk}/foreslaa/")
    assert "Alice Andersen" not in response.content.decode()
    assert "Registrér samtykket" in response.content.decode()
    case_actions.record_consent(
        alices_case, member=alice_member, purpose="share_with_business", method="oral", by=dorte
    )
    response = client.post(
        f"/pladser/{place.pk}/foreslaa/",
        {"member": alice_member.pk, "target_group": "aktivitetsparat", "introduction": "Jeg kan lide tal."},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pladser/forslag/{proposal.pk}/"


def test_the_proposal_form_says_what_is_missing(
    client: Any, login: Any, dorte: User, place: Place, business_consent: Consent
) -> None:
    login(client, dorte)
    response = client.post(f"/pladser/{place.pk}/foreslaa/", {"introduction": "Hej"})
    assert response.status_code == 200
    assert "Vælg en af mulighederne." in response.content.decode()
    assert not Proposal.objects.exists()


# --- What the business sees ------------------------------------------------------------------


def test_the_business_sees_the_first_name_and_what_was_shared_nothing_else(
    client: Any, login: Any, bent: User, proposal: Proposal
) -> None:
    login(client, bent)
    page = client.get(f"/pladser/forslag/{proposal.pk}/").content.decode()
    assert "Alice" in page and "Jeg er god til tal og kan lide orden." in page
    assert "Andersen" not in page
    assert "Aktivitetsparat" not in page  # the target group is the municipality's, not shared


def test_the_business_read_is_in_the_citizens_access_log_naming_the_business(
    client: Any, login: Any, bent: User, proposal: Proposal, business: Any
) -> None:
    login(client, bent)
    client.get(f"/pladser/forslag/{proposal.pk}/")
    event = AuditEvent.objects.filter(verb=Verb.READ, target_id=str(proposal.case_id), actor=bent).get()
    assert event.actor_organisation == business.name


def test_when_the_consent_is_withdrawn_the_business_sees_nothing_more(
    client: Any, login: Any, bent: User, alice: User, agreement: Agreement, business_consent: Consent, business: Any
) -> None:
    case_actions.withdraw_consent(business_consent, by=alice)
    login(client, bent)
    for url in (
        f"/pladser/forslag/{agreement.proposal_id}/",
        agreement.get_absolute_url(),
        f"/pladser/virksomhed/{business.pk}/",
    ):
        page = client.get(url).content.decode()
        assert "Alice" not in page and "Jeg er god til tal" not in page, url


def test_after_withdrawal_the_business_cannot_answer(
    proposal: Proposal, bent: User, alice: User, business_consent: Consent
) -> None:
    case_actions.withdraw_consent(business_consent, by=alice)
    with pytest.raises(PermissionDenied):
        actions.answer_proposal(proposal, accept=True, by=bent)


def test_an_outsider_cannot_see_another_businesss_proposals_agreements_or_page(
    client: Any, login: Any, hans: User, olga: User, agreement: Agreement, business: Any
) -> None:
    for someone in (hans, olga):
        login(client, someone)
        for url in (
            f"/pladser/forslag/{agreement.proposal_id}/",
            agreement.get_absolute_url(),
            f"/pladser/aftaler/{agreement.pk}/opfoelgning/midway/",
            f"/pladser/virksomhed/{business.pk}/",
        ):
            assert client.get(url).status_code == 404, (someone, url)
        assert client.post(f"/pladser/forslag/{agreement.proposal_id}/svar/", {"answer": "ja"}).status_code == 404


def test_the_business_says_no_with_a_reason(client: Any, login: Any, bent: User, proposal: Proposal) -> None:
    login(client, bent)
    client.post(f"/pladser/forslag/{proposal.pk}/svar/", {"answer": "nej", "reason": "Vi har travlt i december."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED and proposal.decline_reason == "Vi har travlt i december."


# --- The agreement and its rules ---------------------------------------------------------------


def test_accept_then_approve_makes_an_agreement_with_two_follow_ups(agreement: Agreement, place: Place) -> None:
    assert agreement.proposal.status == Proposal.Status.APPROVED
    follow_ups = {f.kind: f.due_on for f in agreement.follow_ups.all()}
    assert follow_ups[FollowUp.Kind.FINAL] == agreement.ends_on
    assert agreement.starts_on < follow_ups[FollowUp.Kind.MIDWAY] < agreement.ends_on
    place.refresh_from_db()
    assert place.status == Place.Status.FILLED  # one seat, taken


def test_a_proposal_the_business_has_not_accepted_cannot_be_approved(proposal: Proposal, erik: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.approve_proposal(proposal, terms(erik, timezone.localdate()), by=erik)


@pytest.mark.parametrize(
    ("group", "weeks", "allowed"),
    [("dagpenge", 4, True), ("dagpenge", 5, False), ("aktivitetsparat", 13, True), ("aktivitetsparat", 14, False)],
)
def test_the_duration_rule_of_the_citizens_group(
    place: Place,
    alice_member: HouseholdMember,
    business_consent: Consent,
    dorte: User,
    bent: User,
    erik: User,
    group: str,
    weeks: int,
    allowed: bool,
) -> None:
    proposal = actions.answer_proposal(propose(place, alice_member, dorte, group=group), accept=True, by=bent)
    data = terms(erik, timezone.localdate(), weeks=weeks)
    if allowed:
        assert actions.approve_proposal(proposal, data, by=erik).ends_on == data.ends_on
    else:
        with pytest.raises(ValidationError) as refused:
            actions.approve_proposal(proposal, data, by=erik)
        assert "højst" in str(refused.value.message_dict["ends_on"])


def test_no_start_before_the_place_was_approved(accepted: Proposal, erik: User, place: Place) -> None:
    before = timezone.localdate(place.approved_at) - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.approve_proposal(accepted, terms(erik, before), by=erik)
    assert "starts_on" in refused.value.message_dict


def test_hours_stay_within_the_places_range(accepted: Proposal, erik: User) -> None:
    for hours in (9, 26, 40):
        with pytest.raises(ValidationError) as refused:
            actions.approve_proposal(accepted, terms(erik, timezone.localdate(), hours=hours), by=erik)
        assert "10–25 timer" in str(refused.value.message_dict["hours_per_week"])


def test_a_purpose_is_required(accepted: Proposal, erik: User) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.approve_proposal(accepted, terms(erik, timezone.localdate(), purpose="  "), by=erik)
    assert "purpose" in refused.value.message_dict


def test_the_approval_form_shows_every_broken_rule_and_keeps_the_input(
    client: Any, login: Any, erik: User, accepted: Proposal
) -> None:
    login(client, erik)
    today = timezone.localdate()
    response = client.post(
        f"/staff/pladser/forslag/{accepted.pk}/godkend/",
        {
            "purpose": "Afklaring",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(weeks=30)).isoformat(),
            "hours_per_week": "37",
            "business_contact_name": "Bent",
            "municipal_contact": erik.pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "højst 13 uger" in page and "10–25 timer" in page and "Afklaring" in page
    assert not Agreement.objects.exists()


def test_an_extension_is_checked_again_against_the_duration_rule(agreement: Agreement, erik: User) -> None:
    # Aktivitetsparat: 13 weeks, up to 26 after a concrete assessment.
    start = agreement.starts_on
    with pytest.raises(ValidationError) as refused:
        actions.extend_agreement(agreement, new_ends_on=start + timedelta(weeks=27), reason="Godt i gang", by=erik)
    assert "new_ends_on" in refused.value.message_dict
    new_end = start + timedelta(weeks=26) - timedelta(days=1)
    actions.extend_agreement(agreement, new_ends_on=new_end, reason="Godt i gang", by=erik)
    agreement.refresh_from_db()
    assert agreement.ends_on == new_end
    assert agreement.follow_ups.get(kind=FollowUp.Kind.FINAL).due_on == new_end
    assert agreement.extensions.get().previous_ends_on == start + timedelta(days=27)


def test_a_group_without_a_longer_limit_cannot_be_extended(
    place: Place, alice_member: HouseholdMember, business_consent: Consent, dorte: User, bent: User, erik: User
) -> None:
    proposal = actions.answer_proposal(propose(place, alice_member, dorte, group="dagpenge"), accept=True, by=bent)
    agreement = actions.approve_proposal(proposal, terms(erik, timezone.localdate(), weeks=2), by=erik)
    actions.extend_agreement(
        agreement, new_ends_on=agreement.starts_on + timedelta(days=27), reason="To uger mere", by=erik
    )
    with pytest.raises(ValidationError, match="højst 4 uger"):
        actions.extend_agreement(
            agreement, new_ends_on=agreement.starts_on + timedelta(days=28), reason="En dag mere", by=erik
        )


# --- Follow-up -----------------------------------------------------------------------------------


def test_the_job_mails_both_contacts_before_a_follow_up_once(agreement: Agreement, immediate_tasks: None) -> None:
    today = timezone.localdate()
    call_command("send_follow_up_reminders")  # midway is two weeks off: not yet
    assert mail.outbox == []
    FollowUp.objects.filter(agreement=agreement, kind=FollowUp.Kind.MIDWAY).update(due_on=today + timedelta(days=5))
    call_command("send_follow_up_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["bent@talogtryghed.dk", "erik@randers.dk"]
    assert "Opfølgning midtvejs" in mail.outbox[0].subject
    assert mail.outbox[0].subject.endswith(f": {agreement.place.title}")  # the subject names the place
    assert all("Alice" not in m.body for m in mail.outbox)  # a mail never names the citizen
    call_command("send_follow_up_reminders")
    assert len(mail.outbox) == 2


def test_the_final_follow_up_records_the_outcome_and_ends_the_agreement(
    client: Any, login: Any, dorte: User, agreement: Agreement, place: Place
) -> None:
    login(client, dorte)
    url = f"/pladser/aftaler/{agreement.pk}/opfoelgning/final/"
    response = client.post(url, {"held_on": timezone.localdate().isoformat(), "note": "Det gik godt."})
    assert "Vælg en af mulighederne." in response.content.decode()
    client.post(url, {"held_on": timezone.localdate().isoformat(), "note": "Det gik godt.", "outcome": "ordinary_job"})
    agreement.refresh_from_db()
    assert (agreement.status, agreement.outcome) == (Agreement.Status.ENDED, Agreement.Outcome.ORDINARY_JOB)
    place.refresh_from_db()
    assert place.status == Place.Status.OPEN  # the seat is free again


def test_the_business_cannot_write_follow_ups_nor_read_the_notes(
    client: Any, login: Any, bent: User, dorte: User, agreement: Agreement
) -> None:
    item = agreement.follow_ups.get(kind=FollowUp.Kind.MIDWAY)
    actions.record_follow_up(item, held_on=timezone.localdate(), note="Hemmelig note om Alice", by=dorte)
    login(client, bent)
    assert client.get(f"/pladser/aftaler/{agreement.pk}/opfoelgning/final/").status_code == 403
    assert "Hemmelig note" not in client.get(agreement.get_absolute_url()).content.decode()


# --- The business's page, the print page, the CSV, the figures --------------------------------


def test_the_business_page_holds_places_people_agreements_and_hours(
    client: Any, login: Any, bent: User, agreement: Agreement, business: Any, give_hours: Any, make_offer: Any
) -> None:
    offer = make_offer(owner=bent, organisation=business, provider="virksomhed", title="Gratis bogføring")
    give_hours(offer, 3)
    login(client, bent)
    page = client.get(f"/pladser/virksomhed/{business.pk}/").content.decode()
    assert "Praktik i bogholderiet" in page and "Alice" in page and "Andersen" not in page
    assert "Opfølgning midtvejs" in page
    assert HoursEntry.objects.exists() and ">3<" in page


def test_the_printed_agreement_has_what_the_form_asks_for(
    client: Any, login: Any, erik: User, agreement: Agreement
) -> None:
    login(client, erik)
    page = client.get(agreement.get_absolute_url()).content.decode()
    for text in (
        "Revisionsfirmaet",
        "1012345678",
        "Alice Andersen",
        "Afklare et jobmål",
        "Bent Bogholder",
        "Erik Medarbejder",
        "CPR-nummer står ikke her",
    ):
        assert text in page, text


def test_the_csv_has_the_forms_columns_one_row_per_agreement(
    client: Any, login: Any, erik: User, agreement: Agreement
) -> None:
    login(client, erik)
    response = client.get("/staff/pladser/aftaler.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [column for column, _key in form_columns()]
    assert "Startdato" in rows[0] and "Formål" in rows[0] and not any("CPR" in c for c in rows[0])
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Borgerens navn"] == "Alice Andersen" and row["Timer pr. uge"] == "20"
    assert row["Startdato"] == agreement.starts_on.strftime("%d-%m-%Y")
    assert AuditEvent.objects.filter(actor=erik, note="plads: aftaler hentet som CSV").count() == 1


def test_only_staff_export_agreements(client: Any, login: Any, bent: User, dorte: User, agreement: Agreement) -> None:
    for someone in (bent, dorte):
        login(client, someone)
        assert client.get("/staff/pladser/aftaler.csv").status_code == 403


def test_staff_figures_count_young_people_separately(client: Any, login: Any, erik: User, agreement: Agreement) -> None:
    from ressourcebank.placements.figures import quarters

    current = quarters()[0]
    assert (current.filled, current.filled_young) == (1, 1)
    login(client, erik)
    assert client.get("/staff/pladser/tal/").status_code == 200


def test_after_withdrawal_a_business_visit_is_not_logged_as_a_read(
    client: Any, login: Any, bent: User, alice: User, proposal: Proposal, business_consent: Consent
) -> None:
    case_actions.withdraw_consent(business_consent, by=alice)
    login(client, bent)
    client.get(f"/pladser/forslag/{proposal.pk}/")
    assert not AuditEvent.objects.filter(verb=Verb.READ, actor=bent).exists()


def test_the_tovholder_finds_open_places_from_min_side_and_filters_them(
    client: Any, login: Any, dorte: User, place: Place
) -> None:
    login(client, dorte)
    assert "/pladser/ledige/" in client.get("/konto/").content.decode()
    page = client.get("/pladser/ledige/").content.decode()
    assert "Praktik i bogholderiet" in page and f"/pladser/{place.pk}/foreslaa/" in page
    assert "Praktik i bogholderiet" not in client.get("/pladser/ledige/?kind=fleksjob").content.decode()
    assert "Praktik i bogholderiet" in client.get("/pladser/ledige/?kind=ukendt").content.decode()


def test_a_business_member_finds_the_business_page_from_min_side(
    client: Any, login: Any, bent: User, business: Any
) -> None:
    login(client, bent)
    assert f"/pladser/virksomhed/{business.pk}/" in client.get("/konto/").content.decode()
    assert client.get("/pladser/ledige/").status_code == 403
