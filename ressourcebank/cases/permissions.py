"""Who may read or change a case: the one place the rule lives.

- The tovholder reads and changes their own cases; the substitute does too, but only on the days
  the tovholder is away (least privilege: a named substitute is not a second tovholder).
- Municipal staff with a case role in the case's team read the team's cases; they never change them.
- An administrator administers the site, not the citizens: no case, unless they hold a break-glass
  grant for it (asked for with a reason on /forloeb/noedadgang/, time-limited, flagged to the audit
  role): then they may read it, never change it, until the grant runs out.
- The citizen sees their own case on their own page (`get_own_case`), never through these lookups.
- Everyone else gets 404, and a refused attempt is written to the access log with the Case as target.
- A closed case is read-only for everyone: a change is refused with a Danish message saying so.
- A closed case is anonymised on the citizen's request by its tovholder or the team leader.
"""

from datetime import date
from enum import IntEnum

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.audit.actions import has_break_glass
from ressourcebank.audit.models import Verb, record

from .models import Case, CaseRole

AnyUser = User | AnonymousUser


class Access(IntEnum):
    NONE = 0
    READ = 1
    EDIT = 2


def is_holding(user: AnyUser, case: Case, today: date | None = None) -> bool:
    """The user is the tovholder, or the substitute on a day the tovholder is away."""
    if not user.is_authenticated:
        return False
    return case.tovholder_id == user.pk or (case.substitute_id == user.pk and case.is_tovholder_away(today))


def has_team_role(user: AnyUser, case: Case) -> bool:
    if not user.is_authenticated or not user.is_municipal_staff or case.team_id is None:
        return False
    return CaseRole.objects.filter(user=user, team_id=case.team_id).exists()


def case_access(user: AnyUser, case: Case, today: date | None = None) -> Access:
    if is_holding(user, case, today):
        return Access.READ if case.is_closed else Access.EDIT
    if has_team_role(user, case):
        return Access.READ
    return Access.NONE


def can_read_case(user: AnyUser, case: Case) -> bool:
    return case_access(user, case) >= Access.READ


def can_edit_case(user: AnyUser, case: Case) -> bool:
    return case_access(user, case) == Access.EDIT


def closed_case_refusal() -> PermissionDenied:
    """The one answer to a change of a closed case, page or action: it says why, in Danish."""
    return PermissionDenied(_("Forløbet er afsluttet, så det kan ikke ændres. Du kan stadig læse det."))


def is_team_leader(user: AnyUser, case: Case) -> bool:
    if not user.is_authenticated or not user.is_municipal_staff or case.team_id is None:
        return False
    return CaseRole.objects.filter(user=user, team_id=case.team_id, role=CaseRole.Role.LEADER).exists()


def can_anonymise_case(user: AnyUser, case: Case) -> bool:
    """On the citizen's request, a closed case is anonymised by its tovholder (or the substitute on
    duty) or the team's leader; an open case must be closed first, so that nobody works on it."""
    if not case.is_closed or case.is_anonymised:
        return False
    return is_holding(user, case) or is_team_leader(user, case)


def may_break_glass(user: AnyUser) -> bool:
    """The roles that may ask for break-glass access to a case (BREAK_GLASS_ROLES: administrators)."""
    return user.is_authenticated and user.role in settings.BREAK_GLASS_ROLES


def can_open_case(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_coordinator


def get_case_for_user(user: AnyUser, pk: int, *, what: str, edit: bool = False) -> Case:
    """The case, if the user may read it (or change it, with `edit`). Someone with no access gets 404;
    a reader asking to change gets 403. Each refusal is logged; the caller logs the read itself
    (`actions.read_case`)."""
    case = Case.objects.select_related("tovholder", "substitute", "team", "citizen").filter(pk=pk).first()
    if case is None or not user.is_authenticated:
        raise Http404
    access = case_access(user, case)
    if access == Access.NONE and not edit and may_break_glass(user) and has_break_glass(user, case):
        return case  # has_break_glass logged the use, with the grant's reason
    if access == Access.NONE or (edit and access != Access.EDIT):
        closed = access == Access.READ and case.is_closed and is_holding(user, case)
        record(user, Verb.REJECT, case, note=f"adgang nægtet: {what}", reason="afsluttet" if closed else "ingen adgang")
        if access == Access.NONE:
            raise Http404
        raise closed_case_refusal() if closed else PermissionDenied
    return case


def get_own_case(user: AnyUser) -> Case:
    """The citizen's own open case (the newest closed one when none is open); 404 when they have none."""
    if not user.is_authenticated:
        raise Http404
    case = (
        Case.objects.filter(citizen=user)
        .select_related("tovholder", "substitute", "team")
        .order_by("status", "-opened_at")  # "open" sorts before "closed"
        .first()
    )
    if case is None:
        raise Http404
    return case
