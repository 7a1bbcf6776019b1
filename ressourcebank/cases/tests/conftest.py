"""A case for the cases tests: Dorte is tovholder for Alice and her son, with an agency, a plan,
a note, a need registered through the bank and Alice's consent to share with a volunteer.

gitte is a second coordinator, erik (staff) gets a role in the case's team when a test asks for
`erik_on_team`, and frida (admin) has no role: she administers the site, not the citizens.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.cases import actions
from ressourcebank.cases.models import (
    Agency,
    AgencyKind,
    Case,
    CaseRole,
    CaseTeam,
    Consent,
    HouseholdMember,
    PlanAction,
)
from ressourcebank.conftest import _user
from ressourcebank.needs.actions import NeedData
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category


@pytest.fixture
def gitte(db: Any) -> User:
    return _user("gitte@randers.dk", "Gitte Tovholder", User.Role.COORDINATOR)


@pytest.fixture
def team(db: Any) -> CaseTeam:
    return CaseTeam.objects.create(name="Tovholderteam Randers Nord")


@pytest.fixture
def erik_on_team(erik: User, team: CaseTeam) -> User:
    CaseRole.objects.create(user=erik, team=team, role=CaseRole.Role.LEADER)
    return erik


@pytest.fixture
def case(dorte: User, alice: User, team: CaseTeam) -> Case:
    case = actions.open_case(
        actions.CaseData(
            title="Familien Andersen",
            kind=Case.Kind.HOUSEHOLD,
            citizen_name="Alice Andersen",
            age_group=HouseholdMember.AgeGroup.ADULT,
            citizen=alice,
            team=team,
        ),
        by=dorte,
    )
    actions.add_member(case, name="Mads Andersen", relation="child", age_group="0-14", by=dorte)
    actions.add_agency(
        case,
        Agency(
            kind=AgencyKind.objects.get(slug="skole"),
            name="Rismølleskolen",
            contact_person="Lene Lærer",
            role="Klasselærer",
            phone="89 15 00 00",
            doing="Følger Mads' fremmøde hver uge.",
        ),
        by=dorte,
    )
    goal = actions.add_goal(case, title="Mads kommer i skole hver dag", member=None, by=dorte)
    actions.add_action(
        case,
        PlanAction(
            goal=goal,
            title="Morgenhjælp tre dage om ugen",
            owner_kind=PlanAction.OwnerKind.VOLUNTEER,
            due_on=timezone.localdate() + timedelta(days=30),
        ),
        by=dorte,
    )
    actions.add_note(case, written_on=timezone.localdate(), body="Alice er træt om morgenen.", by=dorte)
    return case


@pytest.fixture
def alice_self(case: Case) -> HouseholdMember:
    return case.members.get(relation=HouseholdMember.Relation.SELF)


@pytest.fixture
def case_need(case: Case, alice_self: HouseholdMember, dorte: User) -> Need:
    return actions.register_case_need(
        case,
        alice_self,
        NeedData(
            description="Alice vil gerne have en at gå ture med om eftermiddagen.",
            area=Area.objects.get(slug="assentoft"),
            category=Category.objects.get(slug="besoegsven"),
        ),
        by=dorte,
    )


@pytest.fixture
def sharing_consent(case: Case, alice_self: HouseholdMember, dorte: User) -> Consent:
    return actions.record_consent(
        case, member=alice_self, purpose=Consent.Purpose.SHARE_WITH_VOLUNTEER, method=Consent.Method.ORAL, by=dorte
    )
