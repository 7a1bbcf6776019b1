"""Sign-up: places, the waitlist that moves up by itself and says so, giving a place back, sign-up
without an account confirmed by mail, and on someone's behalf."""

import pytest
from django.core import mail

from ressourcebank.accounts.models import User
from ressourcebank.activities import actions, links
from ressourcebank.activities.models import Occurrence, Signup
from ressourcebank.audit.models import AuditEvent
from ressourcebank.notifications import sms

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def test_places_then_the_waitlist(dinner_date: Occurrence, alice: User, olga: User, bent: User) -> None:
    first, second, third = (actions.sign_up(dinner_date, by=p) for p in (alice, olga, bent))

    assert [s.status for s in (first, second, third)] == ["confirmed", "confirmed", "waitlisted"]
    dinner_date.refresh_from_db()
    assert (dinner_date.taken, dinner_date.free_places) == (2, 0)


def test_giving_a_place_back_moves_the_first_on_the_waitlist_up_and_mails_them(
    dinner_date: Occurrence, alice: User, olga: User, bent: User, frida: User
) -> None:
    mine = actions.sign_up(dinner_date, by=alice)
    actions.sign_up(dinner_date, by=olga)
    bents = actions.sign_up(dinner_date, by=bent)
    fridas = actions.sign_up(dinner_date, by=frida)
    mail.outbox.clear()

    actions.give_back(mine, by=alice)

    bents.refresh_from_db()
    fridas.refresh_from_db()
    assert (bents.status, fridas.status) == ("confirmed", "waitlisted")
    assert [m.to for m in mail.outbox] == [[bent.email]]
    assert "Du har fået en plads" in mail.outbox[0].subject
    dinner_date.refresh_from_db()
    assert dinner_date.taken == 2


def test_giving_back_twice_changes_nothing(dinner_date: Occurrence, alice: User) -> None:
    signup = actions.sign_up(dinner_date, by=alice)
    actions.give_back(signup, by=alice)
    actions.give_back(signup, by=alice)

    dinner_date.refresh_from_db()
    assert dinner_date.taken == 0


def test_signing_up_twice_is_refused(dinner_date: Occurrence, alice: User) -> None:
    actions.sign_up(dinner_date, by=alice)

    with pytest.raises(actions.AlreadySignedUp):
        actions.sign_up(dinner_date, by=alice)


def test_a_cancelled_date_takes_no_sign_ups(dinner_date: Occurrence, carla: User, alice: User) -> None:
    actions.cancel_occurrence(dinner_date, "", by=carla)

    with pytest.raises(actions.SignupClosed):
        actions.sign_up(dinner_date, by=alice)


def test_an_activity_without_sign_up_takes_none(choir: object, alice: User) -> None:
    with pytest.raises(actions.SignupClosed):
        actions.sign_up(choir.occurrences.first(), by=alice)  # type: ignore[attr-defined]


def test_without_an_account_the_mailed_link_confirms(dinner_date: Occurrence) -> None:
    signup = actions.sign_up(dinner_date, by=None, name="Birthe Borger", email="Birthe@Example.dk")

    assert signup.status == Signup.Status.UNCONFIRMED
    dinner_date.refresh_from_db()
    assert dinner_date.taken == 0
    (confirm,) = mail.outbox
    assert confirm.to == ["birthe@example.dk"]
    link = next(word for word in confirm.body.split() if "/faellesskaber/bekraeft/" in word)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert signup.key in token and "example" not in token.lower() and "Birthe" not in token, link

    confirmed = actions.confirm_signup(links.signup_to_confirm(token))  # type: ignore[arg-type]

    assert confirmed.status == Signup.Status.CONFIRMED
    dinner_date.refresh_from_db()
    assert dinner_date.taken == 1


def test_a_changed_confirmation_link_finds_nothing(dinner_date: Occurrence) -> None:
    signup = actions.sign_up(dinner_date, by=None, name="Birthe Borger", email="birthe@example.dk")
    token = links.confirm_url(signup).rstrip("/").rsplit("/", 1)[-1]

    assert links.signup_to_confirm(token[:-2] + "xx") is None
    assert links.signup_to_manage(token) is None  # a confirmation link is not a manage link


def test_a_tovholder_signs_someone_up_by_phone_and_it_is_recorded(dinner_date: Occurrence, dorte: User) -> None:
    signup = actions.sign_up(
        dinner_date, by=dorte, name="Hans Hansen", phone="12 34 56 78", channel=Signup.Channel.PHONE, on_behalf=True
    )

    assert signup.status == Signup.Status.CONFIRMED
    assert (signup.registered_by, signup.channel, signup.user) == (dorte, "phone", None)
    assert signup.is_on_behalf
    event = AuditEvent.objects.filter(target_id=str(signup.pk)).latest("pk")
    assert "på vegne af" in event.note
    assert sms.outbox[-1].to == "+4512345678"
    assert "Du har fået en plads" in sms.outbox[-1].text


def test_an_outsider_cannot_sign_up_on_someones_behalf(dinner_date: Occurrence, olga: User) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.sign_up(dinner_date, by=olga, name="Hans", phone="12345678", on_behalf=True)
