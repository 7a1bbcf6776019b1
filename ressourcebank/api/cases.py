"""Cases for the people in them, under the same rules as the pages: a tovholder's own cases and
those they substitute on, a team's cases for staff with a role in the team, and a citizen's own.
Someone else's case answers 404 and the refusal is logged; every read of one case is logged. The
tovholder's notes are not in the API: they stay on the page, where the reader is a person."""

from datetime import date, datetime
from typing import Any

from ninja import Path, Router, Schema
from pydantic import Field

from ressourcebank.accounts.models import User
from ressourcebank.cases.actions import read_case, read_case_titles
from ressourcebank.cases.models import Case, PlanAction
from ressourcebank.cases.permissions import get_case_for_user

from .auth import TokenRequest, token_auth
from .errors import MAX_ID
from .schemas import ErrorOut

router = Router(tags=["Forløb"], auth=token_auth)


class CaseOut(Schema):
    id: int
    title: str
    kind: str = Field(description="`citizen` (én borger) eller `household` (en familie).")
    status: str = Field(description="`open` eller `closed` (et afsluttet forløb kan kun læses).")
    tovholder: str
    is_mine_as_citizen: bool = Field(description="Sandt, når forløbet er dit eget som borger.")
    opened_at: datetime
    closed_at: datetime | None

    @staticmethod
    def of(case: Case, user: User) -> dict[str, Any]:
        return {
            "id": case.pk,
            "title": case.title,
            "kind": case.kind,
            "status": case.status,
            "tovholder": case.tovholder.name,
            "is_mine_as_citizen": case.citizen_id == user.pk,
            "opened_at": case.opened_at,
            "closed_at": case.closed_at,
        }


class MemberOut(Schema):
    id: int
    name: str
    relation: str
    age_group: str


class AgencyOut(Schema):
    id: int
    kind: str
    name: str
    contact_person: str
    role: str
    phone: str
    email: str
    doing: str


class ActionOut(Schema):
    id: int
    title: str
    owner: str
    owner_kind: str
    due_on: date | None
    status: str
    follow_up: str
    is_contribution: bool = Field(description="Det, borgeren selv giver (alle kan noget).")


class GoalOut(Schema):
    id: int
    title: str
    member: int | None
    actions: list[ActionOut]


class ConsentOut(Schema):
    id: int
    member: int
    purpose: str
    agency: int | None
    text_version: str
    method: str
    recorded_at: datetime
    ends_on: date | None
    withdrawn_at: datetime | None
    is_in_force: bool


class CaseDetailOut(CaseOut):
    members: list[MemberOut]
    agencies: list[AgencyOut]
    goals: list[GoalOut]
    consents: list[ConsentOut]


def _action(action: PlanAction) -> dict[str, Any]:
    return {
        "id": action.pk,
        "title": action.title,
        "owner": action.owner_text(),
        "owner_kind": action.owner_kind,
        "due_on": action.due_on,
        "status": action.status,
        "follow_up": action.follow_up,
        "is_contribution": action.is_contribution,
    }


def _detail(case: Case, user: User) -> dict[str, Any]:
    goals = case.goals.prefetch_related("actions__owner_member", "actions__owner_agency")
    return {
        **CaseOut.of(case, user),
        "members": [
            {"id": m.pk, "name": m.name, "relation": m.relation, "age_group": m.age_group} for m in case.members.all()
        ],
        "agencies": [
            {
                "id": a.pk,
                "kind": a.kind.slug,
                "name": a.name,
                "contact_person": a.contact_person,
                "role": a.role,
                "phone": a.phone,
                "email": a.email,
                "doing": a.doing,
            }
            for a in case.agencies.select_related("kind")
        ],
        "goals": [
            {"id": g.pk, "title": g.title, "member": g.member_id, "actions": [_action(a) for a in g.actions.all()]}
            for g in goals
        ],
        "consents": [
            {
                "id": c.pk,
                "member": c.member_id,
                "purpose": c.purpose,
                "agency": c.agency_id,
                "text_version": c.text_version,
                "method": c.method,
                "recorded_at": c.recorded_at,
                "ends_on": c.ends_on,
                "withdrawn_at": c.withdrawn_at,
                "is_in_force": c.is_in_force(),
            }
            for c in case.consents.all()
        ],
    }


@router.get("", response=list[CaseOut], summary="Mine forløb")
def list_cases(request: TokenRequest) -> list[dict[str, Any]]:
    """Forløb, du er tovholder eller stedfortræder for, dit teams forløb (medarbejdere med en rolle i
    teamet), og dit eget forløb som borger."""
    user = request.auth
    professional = list(Case.objects.readable_by(user).select_related("tovholder")[:500])
    read_case_titles(professional, by=user)
    own = [case for case in Case.objects.filter(citizen=user).select_related("tovholder") if case not in professional]
    return [CaseOut.of(case, user) for case in own + professional]


@router.get("/{case_id}", response={200: CaseDetailOut, 404: ErrorOut}, summary="Ét forløb")
def get_case(request: TokenRequest, case_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """Husstanden, instanserne, planen og samtykkerne. Andres forløb svarer 404."""
    user = request.auth
    own = Case.objects.filter(pk=case_id, citizen=user).select_related("tovholder").first()
    case = own or read_case(get_case_for_user(user, case_id, what="api"), by=user, what="api")
    return _detail(case, user)
