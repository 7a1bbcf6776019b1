"""Use cases that change needs. A need is the citizen's own words: only the owner or their
coordinator changes it, and the search index only ever holds public, open needs."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import Verb, record
from ressourcebank.needs.indexing import index_needs
from ressourcebank.taxonomy.models import Area, Category

from .models import Need
from .permissions import can_edit_need, can_register_need_for_citizen, shows_private_details


@dataclass
class NeedData:
    description: str
    area: Area
    title: str = ""
    category: Category | None = None
    urgency: str = Need.Urgency.LOW
    visibility: str = Need.Visibility.STAFF
    has_child_contact: bool = False


def _apply(need: Need, data: NeedData) -> None:
    need.description = data.description.strip()
    need.area = data.area
    need.title = data.title.strip()
    need.category = data.category
    need.urgency = data.urgency
    need.visibility = data.visibility
    need.has_child_contact = data.has_child_contact


# A second submit of the same need within this time gives the first one back (a double click,
# a reload after a slow answer), so nobody ends up with two copies.
DUPLICATE_WINDOW = timedelta(minutes=10)


def _save_unless_duplicate(need: Need, *, by: User) -> Need:
    with transaction.atomic():
        # Locking the person's row queues their concurrent submits, so the check below sees the first.
        User.objects.select_for_update().filter(pk=by.pk).first()
        duplicate = (
            Need.objects.filter(
                owner=need.owner,
                coordinator=need.coordinator,
                citizen_name=need.citizen_name,
                description=need.description,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            )
            .order_by("-pk")
            .first()
        )
        if duplicate is not None:
            return duplicate
        need.save()
        index_needs([need.pk])
    return need


def create_need(data: NeedData, *, by: User) -> Need:
    """A citizen describes what they need, in their own words. A double submit gives one need."""
    need = Need(owner=by)
    _apply(need, data)
    return _save_unless_duplicate(need, by=by)


def register_need_for_citizen(data: NeedData, citizen_name: str, *, by: User) -> Need:
    """A coordinator registers a need for a citizen who has no account; the coordinator follows it."""
    if not can_register_need_for_citizen(by):
        raise PermissionDenied
    need = Need(coordinator=by, citizen_name=citizen_name.strip())
    _apply(need, data)
    return _save_unless_duplicate(need, by=by)


def update_need(need: Need, data: NeedData, *, by: User) -> Need:
    if not can_edit_need(by, need):
        raise PermissionDenied
    _apply(need, data)
    with transaction.atomic():
        need.save()
        index_needs([need.pk])
    return need


def close_need(need: Need, *, by: User) -> Need:
    if not can_edit_need(by, need):
        raise PermissionDenied
    need.status = Need.Status.CLOSED
    need.closed_at = timezone.now()
    with transaction.atomic():
        need.save(update_fields=["status", "closed_at", "updated_at"])
        index_needs([need.pk])
    return need


def reopen_need(need: Need, *, by: User) -> Need:
    if not can_edit_need(by, need):
        raise PermissionDenied
    need.status = Need.Status.OPEN
    need.closed_at = None
    with transaction.atomic():
        need.save(update_fields=["status", "closed_at", "updated_at"])
        index_needs([need.pk])
    return need


def record_private_read(need: Need, *, by: User | AnonymousUser) -> None:
    """Staff or a coordinator opened a citizen's need with the names on it: a sensitive read. The
    owner reading their own need is not logged."""
    if by.is_authenticated and shows_private_details(by, need) and need.owner_id != by.pk:
        record(by, Verb.READ, need)


def record_staff_only_titles_read(needs: Iterable[Need], *, by: User) -> None:
    """A list showed the titles of needs meant for staff only (the unmet needs): one read per need,
    except the needs of citizens the reader follows as coordinator."""
    with transaction.atomic():
        for need in needs:
            if need.visibility != Need.Visibility.PUBLIC and need.coordinator_id != by.pk:
                record(by, Verb.READ, need, note="udækkede behov")


def anonymise_needs(need_ids: Iterable[int], *, text: str) -> int:
    """Needs that belonged to an anonymised case lose their words and the name (a case's retention or
    the citizen's request; the case logs it); the rows stay, so the statistics keep counting them."""
    ids = list(need_ids)
    with transaction.atomic():
        count = Need.objects.filter(pk__in=ids).update(title="", description=text, citizen_name="")
        index_needs(ids)
    return count
