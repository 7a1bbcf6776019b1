"""Who may see an inquiry. A citizen: through their own status link, or logged in as its author.
Staff: the queues of their own teams, the shared queue and what is assigned to them; an
administrator sees all; a coordinator (tovholder) only what is assigned to them. Everyone else: 404."""

from django.core import signing
from django.db.models import Q
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.accounts.permissions import AnyUser

from .models import Attachment, Inquiry, Team
from .tokens import read_status_token


def can_work_inbox(user: AnyUser) -> bool:
    return isinstance(user, User) and user.is_active and (user.is_municipal_staff or user.is_coordinator)


def inquiries_visible_to(user: AnyUser) -> "Q":
    """The condition on Inquiry for one staff member; `Q(pk__in=[])` for someone with no inbox."""
    if not isinstance(user, User) or not can_work_inbox(user):
        return Q(pk__in=[])
    if user.role == User.Role.ADMIN:
        return Q()
    if user.is_coordinator:
        return Q(assigned_to=user)
    return Q(team__members=user) | Q(team__isnull=True) | Q(assigned_to=user)


def teams_for(user: AnyUser) -> list[Team]:
    """The teams whose queues the person sees."""
    if not isinstance(user, User) or not can_work_inbox(user) or user.is_coordinator:
        return []
    if user.role == User.Role.ADMIN:
        return list(Team.objects.all())
    return list(Team.objects.filter(members=user))


def get_inquiry_for_staff(user: AnyUser, pk: int) -> Inquiry:
    inquiry = Inquiry.objects.filter(inquiries_visible_to(user), pk=pk).select_related("team", "topic").first()
    if inquiry is None:
        raise Http404
    return inquiry


def get_attachment_for_staff(user: AnyUser, pk: int) -> Attachment:
    attachment = (
        Attachment.objects.filter(pk=pk)
        .filter(**{"message__inquiry__in": Inquiry.objects.filter(inquiries_visible_to(user))})
        .select_related("message__inquiry")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def get_inquiry_for_token(token: str) -> Inquiry:
    """The inquiry a status link opens; 404 for a link that is forged, expired or replaced."""
    try:
        pk, key = read_status_token(token)
    except signing.BadSignature:
        raise Http404 from None
    inquiry = Inquiry.objects.filter(pk=pk, link_key=key).select_related("team", "topic").first()
    if inquiry is None:
        raise Http404
    return inquiry


def get_inquiry_for_citizen(user: AnyUser, reference: str) -> Inquiry:
    """A logged-in citizen's own inquiry by its reference; 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404
    inquiry = Inquiry.objects.filter(reference=reference, citizen=user).select_related("team", "topic").first()
    if inquiry is None:
        raise Http404
    return inquiry
