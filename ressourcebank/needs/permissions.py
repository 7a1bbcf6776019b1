"""Who may see and change a need. A need shown only to staff is sensitive: reading it is logged."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import is_municipal_staff

from .models import Need

AnyUser = User | AnonymousUser
RELATED = ("area", "category", "owner", "coordinator")


def can_edit_need(user: AnyUser, need: Need) -> bool:
    """Only the owner, or the coordinator who follows the citizen (`Need.objects.editable_by` for many)."""
    if not user.is_authenticated:
        return False
    return need.owner_id == user.pk or need.coordinator_id == user.pk


def can_register_need_for_citizen(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_coordinator or user.is_municipal_staff)


def shows_private_details(user: AnyUser, need: Need) -> bool:
    """The owner's name and the citizen's name are for the owner, their coordinator and staff only."""
    if not user.is_authenticated:
        return False
    return can_edit_need(user, need) or is_municipal_staff(user)


def get_need_for_viewer(user: AnyUser, pk: int) -> Need:
    """A need the user may read (`Need.objects.visible_to`); 404 for everyone else."""
    need = Need.objects.visible_to(user).select_related(*RELATED).filter(pk=pk).first()
    if need is None:
        raise Http404
    return need


def get_need_for_editor(user: AnyUser, pk: int) -> Need:
    need = Need.objects.editable_by(user).select_related(*RELATED).filter(pk=pk).first()
    if need is None:
        raise Http404
    return need
