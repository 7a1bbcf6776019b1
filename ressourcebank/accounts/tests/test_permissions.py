import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from ressourcebank.accounts.permissions import (
    is_member,
    organisations_for,
    require_coordinator_or_staff,
    require_staff,
)


@require_staff
def staff_view(request):
    return HttpResponse("ok")


@require_coordinator_or_staff
def coordinator_view(request):
    return HttpResponse("ok")


def request_as(user):
    request = RequestFactory().get("/staff/noget/")
    request.user = user
    return request


def test_is_member_is_true_only_for_members(bent, alice, business):
    assert is_member(bent, business)
    assert not is_member(alice, business)
    assert not is_member(AnonymousUser(), business)
    assert not is_member(bent, None)


def test_organisations_for_lists_the_persons_organisations(bent, carla, business, association, alice):
    assert list(organisations_for(bent)) == [business]
    assert list(organisations_for(carla)) == [association]
    assert list(organisations_for(alice)) == []
    assert list(organisations_for(AnonymousUser())) == []


def test_require_staff_lets_staff_and_admins_in(erik, frida):
    assert staff_view(request_as(erik)).status_code == 200
    assert staff_view(request_as(frida)).status_code == 200


def test_require_staff_refuses_citizens_and_coordinators(alice, dorte):
    for person in (alice, dorte):
        with pytest.raises(PermissionDenied):
            staff_view(request_as(person))


def test_require_staff_sends_an_anonymous_visitor_to_log_in(db):
    response = staff_view(request_as(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind/?next=")


def test_require_coordinator_or_staff_lets_coordinators_and_staff_in_but_not_citizens(dorte, erik, alice):
    assert coordinator_view(request_as(dorte)).status_code == 200
    assert coordinator_view(request_as(erik)).status_code == 200
    with pytest.raises(PermissionDenied):
        coordinator_view(request_as(alice))
