"""Who may see and change a need. A need shown only to staff is sensitive: reading it is logged."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import is_municipal_staff

from .hooks import ProviderView, provider_sharing
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


def provider_view(need: Need) -> ProviderView | None:
    """What a connection's provider may see of the need, when an app above governs it by consent
    (None: it follows the need's own visibility). Asked fresh unless `prime_provider_views` ran, so
    a withdrawn consent stops the sharing on the next page or API call."""
    if "_provider_view" not in need.__dict__:
        prime_provider_views([need])
    return need.__dict__["_provider_view"]  # type: ignore[no-any-return]


def prime_provider_views(needs: Iterable[Need]) -> None:
    """Asks the hooks once for many needs (a list of connections), not once per need."""
    pending = {need.pk: need for need in needs if "_provider_view" not in need.__dict__}
    views: dict[int, ProviderView] = {}
    for governs in provider_sharing:
        views.update(governs(list(pending)))
    for pk, need in pending.items():
        need.__dict__["_provider_view"] = views.get(pk)
