"""Who may do what with accounts and organisations. Views and other apps ask here.

`require_staff` and `require_coordinator_or_staff` guard views: an anonymous visitor is sent to
log in, a logged-in person without the role gets 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from .models import ApiToken, Organisation, User

AnyUser = User | AnonymousUser
View = Callable[..., HttpResponse]


def is_member(user: AnyUser, organisation: Organisation | None) -> bool:
    """The one membership rule: the person belongs to the organisation (as admin or not)."""
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


def is_municipal_staff(user: AnyUser) -> bool:
    """Staff or admin, logged in; False for an anonymous visitor."""
    return user.is_authenticated and user.is_municipal_staff


def is_organisation_admin(user: AnyUser, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user, is_admin=True).exists()


def organisations_for(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user may act for, approved or not."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def can_add_member(user: AnyUser, organisation: Organisation) -> bool:
    return is_organisation_admin(user, organisation)


def get_organisation_for_member(user: AnyUser, pk: int) -> Organisation:
    """An organisation the user belongs to (or staff); 404 for everyone else."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    if not (is_member(user, organisation) or is_municipal_staff(user)):
        raise Http404
    return organisation


def get_api_token_for_owner(user: AnyUser, pk: int) -> ApiToken:
    """One of the user's own API tokens; 404 for anyone else's."""
    api_token = ApiToken.objects.filter(pk=pk, user_id=user.pk).first() if user.is_authenticated else None
    if api_token is None:
        raise Http404
    return api_token


def _require(predicate: Callable[[User], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_staff_user(user: User) -> bool:
    return user.is_municipal_staff


def is_coordinator_or_staff(user: User) -> bool:
    return user.is_coordinator or user.is_municipal_staff


def can_read_access_log(user: User) -> bool:
    """The audit role, and only the roles ACCESS_LOG_READER_ROLES names: not administrators by
    default, as the log is what holds their break-glass reads to account."""
    return user.role in settings.ACCESS_LOG_READER_ROLES


def is_staff_or_access_log_reader(user: User) -> bool:
    return user.is_municipal_staff or can_read_access_log(user)


require_staff = _require(is_staff_user)
require_access_log_reader = _require(can_read_access_log)
require_staff_or_access_log_reader = _require(is_staff_or_access_log_reader)
require_coordinator_or_staff = _require(is_coordinator_or_staff)


def can_export_for_citizen(user: AnyUser) -> bool:
    """Staff who take out a citizen's data on the citizen's request (DATA_REQUEST_ROLES)."""
    return user.is_authenticated and user.role in settings.DATA_REQUEST_ROLES
