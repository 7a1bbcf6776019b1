"""Rules cases hands to the apps below it through their hooks: who in the municipality may read a
case's needs (needs.hooks.staff_need_rule), and how the access log names a professional
(audit.describe_actor): their role, and the municipality with the case team they work in, or the
organisation a volunteer acts for, so the citizen's "who opened my case" says who, not just where."""

from typing import Any

from django.conf import settings
from django.db.models import Q

from ressourcebank.audit.models import ActorSnapshot, BreakGlassGrant

from .models import Case, CaseTeam


def staff_need_rule(user: Any) -> Q:
    """A need registered on a case is read by the case's staff (tovholder, substitute on duty, the
    team's roles) or with an active break-glass grant; every other need as before."""
    grants = BreakGlassGrant.objects.active().filter(user_id=user.pk, target_type=Case._meta.label_lower)
    readable = Case.objects.readable_by(user).values("pk")
    return (
        Q(case_need__isnull=True)
        | Q(case_need__case__in=readable)
        | Q(case_need__case_id__in=[int(pk) for pk in grants.values_list("target_id", flat=True)])
    )


def describe_actor(user: Any) -> ActorSnapshot | None:
    """The organisation an actor acts for, as the log remembers it: for the municipality's people
    the municipality and the case teams they belong to (a staff member's roles, a tovholder's open
    cases' teams); for anyone else the organisations they are a member of, or nothing."""
    # Once per user object (one request): a page that logs a read of each row in a list must not
    # ask again for each row.
    if (known := user.__dict__.get(_SNAPSHOT)) is not None:
        return known  # type: ignore[no-any-return]
    role = str(getattr(user, "role", ""))
    if getattr(user, "needs_second_factor", False):  # coordinators, staff, administrators, auditors
        teams = CaseTeam.objects.filter(Q(roles__user=user) | Q(cases__tovholder=user, cases__status="open"))
        names = sorted(set(teams.values_list("name", flat=True)))
        snapshot = ActorSnapshot(role=role, organisation=", ".join([settings.ACCESS_LOG_ORGANISATION, *names]))
    else:
        snapshot = ActorSnapshot(
            role=role, organisation=", ".join(sorted(user.organisations.values_list("name", flat=True)))
        )
    user.__dict__[_SNAPSHOT] = snapshot
    return snapshot


_SNAPSHOT = "_access_log_snapshot"
