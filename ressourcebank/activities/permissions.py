"""Who may see and change an activity and its sign-ups. Views, templates and the API ask here."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import is_member, is_municipal_staff

from .models import Activity, Occurrence, Signup

AnyUser = User | AnonymousUser


def is_organiser_of(user: AnyUser, activity: Activity) -> bool:
    """The activity's owner, or a member of the organisation behind it."""
    if not user.is_authenticated:
        return False
    if activity.organisation_id:
        return is_member(user, activity.organisation)
    return activity.owner_id == user.pk


def can_edit_activity(user: AnyUser, activity: Activity) -> bool:
    """The organiser, or municipal staff."""
    return is_municipal_staff(user) or is_organiser_of(user, activity)


def can_moderate_activities(user: AnyUser) -> bool:
    return is_municipal_staff(user)


def can_see_participants(user: AnyUser, activity: Activity) -> bool:
    """Names and contact of those signed up: the organiser and staff (each read is logged)."""
    return can_edit_activity(user, activity)


def can_sign_up_on_behalf(user: AnyUser, activity: Activity) -> bool:
    """A tovholder or staff signing someone up by phone or on paper; the organiser too, who takes
    the calls."""
    if not user.is_authenticated:
        return False
    return user.is_coordinator or can_edit_activity(user, activity)


def can_see_activity(user: AnyUser, activity: Activity) -> bool:
    return activity.is_public or can_edit_activity(user, activity)


def get_activity_for_user(user: AnyUser, pk: int) -> Activity:
    """The activity if the person may see it; 404 otherwise (also for one that does not exist)."""
    activity = Activity.objects.select_related("area", "category", "organisation", "owner").filter(pk=pk).first()
    if activity is None or not can_see_activity(user, activity):
        raise Http404
    return activity


def get_activity_for_editor(user: AnyUser, pk: int) -> Activity:
    activity = Activity.objects.select_related("area", "category", "organisation", "owner").filter(pk=pk).first()
    if activity is None or not can_edit_activity(user, activity):
        raise Http404
    return activity


def get_occurrence_for_user(user: AnyUser, pk: int) -> Occurrence:
    occurrence = (
        Occurrence.objects.select_related(
            "activity__area", "activity__category", "activity__organisation", "activity__owner"
        )
        .filter(pk=pk)
        .first()
    )
    if occurrence is None or not can_see_activity(user, occurrence.activity):
        raise Http404
    return occurrence


def get_own_signup(user: AnyUser, occurrence: Occurrence) -> Signup | None:
    """The logged-in person's own active sign-up at the date, if any."""
    if not user.is_authenticated:
        return None
    return occurrence.signups.active().filter(user=user).first()
