from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions
from ressourcebank.connections.models import (
    ConfidentialityDeclaration,
    Connection,
    ContactShare,
    HoursEntry,
    Thanks,
)
from ressourcebank.connections.permissions import receiver_name_for
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import Event
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def accepted(offer: Offer, asker: User, provider: User, **kwargs: object) -> Connection:
    connection = actions.ask_for_help(offer, by=asker)
    return actions.accept_connection(connection, by=provider, **kwargs)  # type: ignore[arg-type]


def test_asking_creates_a_request_and_tells_every_member_of_the_providing_organisation(
    alice: User, carla: User, carlas_offer: Offer, alices_need: Need
) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice, need=alices_need, message="Hej", share_phone=True)

    assert (connection.state, connection.need, connection.request_message) == ("requested", alices_need, "Hej")
    assert ContactShare.objects.get(connection=connection, user=alice).share_phone
    assert list(Event.objects.filter(kind="asked").values_list("user", flat=True)) == [carla.pk]


def test_asking_twice_gives_the_first_request_back(alice: User, carlas_offer: Offer) -> None:
    first = actions.ask_for_help(carlas_offer, by=alice)
    assert actions.ask_for_help(carlas_offer, by=alice) == first
    assert Connection.objects.count() == 1


def test_the_database_refuses_two_open_requests_for_the_same_offer(alice: User, carlas_offer: Offer) -> None:
    Connection.objects.create(offer=carlas_offer, requester=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Connection.objects.create(offer=carlas_offer, requester=alice)


def test_nobody_asks_their_own_offer_or_for_someone_elses_need(
    carla: User, olga: User, carlas_offer: Offer, alices_need: Need
) -> None:
    with pytest.raises(PermissionDenied):
        actions.ask_for_help(carlas_offer, by=carla)
    with pytest.raises(PermissionDenied):
        actions.ask_for_help(carlas_offer, by=olga, need=alices_need)


def test_a_coordinator_asks_for_the_need_of_a_citizen_they_follow(
    dorte: User, carla: User, declared: User, carlas_offer: Offer, alice: User
) -> None:
    need = Need.objects.create(coordinator=dorte, citizen_name="Hanne", description="Indkøb", area=carlas_offer.area)
    connection = actions.accept_connection(actions.ask_for_help(carlas_offer, by=dorte, need=need), by=carla)

    assert receiver_name_for(dorte, connection) == "Hanne"
    assert receiver_name_for(carla, connection) == "en borger, som Dorte er tovholder for"
    assert Event.objects.filter(user=dorte, kind="accepted").exists()


def test_accepting_needs_the_current_confidentiality_declaration(alice: User, carla: User, carlas_offer: Offer) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice)
    with pytest.raises(actions.DeclarationRequired):
        actions.accept_connection(connection, by=carla)

    declaration = actions.accept_declaration(by=carla)
    actions.accept_connection(connection, by=carla, message="Jeg kommer gerne")

    connection.refresh_from_db()
    assert (connection.state, connection.provider_message) == ("accepted", "Jeg kommer gerne")
    assert declaration.version == "2025-1" and ConfidentialityDeclaration.objects.count() == 1
    assert Event.objects.filter(user=alice, kind="accepted").exists()


def test_the_receiver_cannot_accept_their_own_request(alice: User, declared: User, carlas_offer: Offer) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice)
    with pytest.raises(PermissionDenied):
        actions.accept_connection(connection, by=alice)


def test_an_offer_with_child_contact_cannot_be_accepted_without_a_child_check(
    alice: User, carla: User, declared: User, carlas_offer: Offer
) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice)
    Offer.objects.filter(pk=carlas_offer.pk).update(has_child_contact=True, status="paused")

    with pytest.raises(ValidationError, match="børneattest"):
        actions.accept_connection(connection, by=carla)

    Offer.objects.filter(pk=carlas_offer.pk).update(child_check_obtained_on=TODAY())
    assert actions.accept_connection(connection, by=carla).state == "accepted"


def test_a_places_offer_accepts_no_more_than_its_places(
    make_offer: Callable[..., Offer], bent: User, business: object, alice: User, olga: User
) -> None:
    ConfidentialityDeclaration.objects.create(user=bent, version="2025-1")
    offer = make_offer(
        owner=bent, organisation=business, provider="virksomhed", capacity_kind="places", capacity_amount=1
    )
    accepted(offer, alice, bent)
    second = actions.ask_for_help(offer, by=olga)

    with pytest.raises(ValidationError, match="pladser"):
        actions.accept_connection(second, by=bent)


def test_a_quota_offer_reserves_hours_and_refuses_more_than_the_quota(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User
) -> None:
    accepted(carlas_offer, alice, carla, reserved_hours=Decimal(4))
    second = actions.ask_for_help(carlas_offer, by=olga)

    with pytest.raises(ValidationError, match="kun 1 timer tilbage"):
        actions.accept_connection(second, by=carla, reserved_hours=Decimal(2))
    assert actions.accept_connection(second, by=carla, reserved_hours=Decimal(1)).reserved_hours == 1


def test_declining_and_cancelling_free_the_reserved_hours(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User, dorte: User
) -> None:
    first = accepted(carlas_offer, alice, carla, reserved_hours=Decimal(5))
    declined = actions.decline_connection(actions.ask_for_help(carlas_offer, by=olga), by=carla, message="Desværre")
    actions.cancel_connection(first, by=alice)

    assert (declined.state, declined.provider_message) == ("declined", "Desværre")
    assert Event.objects.filter(user=olga, kind="declined").exists()
    assert Event.objects.filter(user=carla, kind="cancelled").exists()
    assert accepted(carlas_offer, dorte, carla, reserved_hours=Decimal(5)).state == "accepted"


def test_a_declined_request_cannot_be_accepted_later(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    connection = actions.decline_connection(actions.ask_for_help(carlas_offer, by=alice), by=carla)
    with pytest.raises(ValidationError):
        actions.accept_connection(connection, by=carla)


def test_an_outsider_can_neither_cancel_nor_complete(carlas_offer: Offer, alice: User, olga: User) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice)
    with pytest.raises(PermissionDenied):
        actions.cancel_connection(connection, by=olga)
    with pytest.raises(PermissionDenied):
        actions.complete_connection(connection, by=olga)


def test_messages_are_written_once_accepted_and_tell_the_other_side(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User
) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice)
    with pytest.raises(ValidationError):
        actions.post_message(connection, "Hej", by=alice)
    actions.accept_connection(connection, by=carla)

    message = actions.post_message(connection, "  Hej Carla  ", by=alice)

    assert message.body == "Hej Carla"
    assert Event.objects.filter(user=carla, kind="message").exists()
    with pytest.raises(PermissionDenied):
        actions.post_message(connection, "Hej", by=olga)
    with pytest.raises(ValidationError):
        actions.post_message(connection, " ", by=alice)
    with pytest.raises(ValidationError):
        actions.post_message(connection, "x" * 2001, by=alice)


def test_recorded_hours_show_in_the_offers_capacity(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    with time_machine.travel("2025-11-19 12:00 +01:00"):
        connection = accepted(carlas_offer, alice, carla, reserved_hours=Decimal(2))
    with time_machine.travel("2025-11-20 12:00 +01:00"):
        actions.record_hours(connection, TODAY(), Decimal("1.5"), "Kaffe og gåtur", by=carla)
        actions.record_hours(connection, TODAY() - timedelta(days=1), Decimal("0.5"), by=carla)
        with pytest.raises(ValidationError, match="før"):
            actions.record_hours(connection, TODAY() - timedelta(days=2), Decimal("0.5"), by=carla)
        offer = Offer.objects.get(pk=carlas_offer.pk)

        assert offer.hours_recorded_in_period() == Decimal(2)
        assert offer.capacity_text() == "3 af 5 timer tilbage i november"
        annotated = Offer.objects.with_hours_used().get(pk=offer.pk)
        assert annotated.hours_in_period == Decimal(2)  # type: ignore[attr-defined]
    assert Event.objects.filter(user=alice, kind="hours_recorded").count() == 2


def test_hours_in_another_month_do_not_count_in_this_one(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    with time_machine.travel("2025-10-31 12:00 +01:00"):
        connection = accepted(carlas_offer, alice, carla)
        actions.record_hours(connection, TODAY(), Decimal(5), by=carla)
    with time_machine.travel("2025-11-02 12:00 +01:00"):
        assert Offer.objects.get(pk=carlas_offer.pk).capacity_text() == "5 af 5 timer tilbage i november"
        actions.record_hours(connection, TODAY(), Decimal(5), by=carla)


def test_recording_never_exceeds_the_periods_quota(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User
) -> None:
    first = accepted(carlas_offer, alice, carla, reserved_hours=Decimal(3))
    second = accepted(carlas_offer, olga, carla, reserved_hours=Decimal(1))
    actions.record_hours(second, TODAY(), Decimal(2), by=carla)  # its own hour and the one unreserved

    with pytest.raises(ValidationError, match="kun 0 timer"):
        actions.record_hours(second, TODAY(), Decimal("0.25"), by=carla)
    actions.record_hours(first, TODAY(), Decimal(3), by=carla)
    assert HoursEntry.objects.total() == 5


def test_recording_refuses_bad_hours_dates_and_the_wrong_side(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User
) -> None:
    connection = accepted(carlas_offer, alice, carla)
    for hours in (Decimal(0), Decimal("0.1"), Decimal(25), Decimal("-1")):
        with pytest.raises(ValidationError):
            actions.record_hours(connection, TODAY(), hours, by=carla)
    with pytest.raises(ValidationError, match="fremtiden"):
        actions.record_hours(connection, TODAY() + timedelta(days=1), Decimal(1), by=carla)
    for person in (alice, olga):
        with pytest.raises(PermissionDenied):
            actions.record_hours(connection, TODAY(), Decimal(1), by=person)
    assert not HoursEntry.objects.exists()


def test_hours_are_immutable_and_a_correction_is_a_new_negative_entry(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    connection = accepted(carlas_offer, alice, carla)
    entry = actions.record_hours(connection, TODAY(), Decimal(2), by=carla)
    entry.hours = Decimal(1)
    with pytest.raises(ValueError, match="immutable"):
        entry.save()

    correction = actions.correct_hours(entry, Decimal("0.5"), "Skrev forkert", by=carla)

    assert (correction.hours, correction.corrects) == (Decimal("-0.5"), entry)
    assert HoursEntry.objects.total() == Decimal("1.5")
    with pytest.raises(ValidationError):
        actions.correct_hours(entry, Decimal(2), by=carla)
    with pytest.raises(ValidationError):
        actions.correct_hours(correction, Decimal("0.25"), by=carla)


def test_the_database_refuses_out_of_range_hours(carlas_offer: Offer, alice: User) -> None:
    connection = Connection.objects.create(offer=carlas_offer, requester=alice, state="accepted")
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursEntry.objects.create(connection=connection, given_on=TODAY(), hours=Decimal(30))
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursEntry.objects.create(connection=connection, given_on=TODAY(), hours=Decimal(-1))


def test_the_receiver_confirms_hours_once_and_an_outsider_cannot(
    carlas_offer: Offer, carla: User, declared: User, alice: User, olga: User
) -> None:
    connection = accepted(carlas_offer, alice, carla)
    entry = actions.record_hours(connection, TODAY(), Decimal(1), by=carla)
    for person in (olga, carla):
        with pytest.raises(PermissionDenied):
            actions.confirm_hours(entry, by=person)

    confirmed = actions.confirm_hours(entry, by=alice)

    assert confirmed.confirmed_by == alice and confirmed.confirmed_at is not None
    assert Event.objects.filter(user=carla, kind="hours_confirmed").exists()
    with pytest.raises(ValidationError):
        actions.confirm_hours(entry, by=alice)


def test_unconfirmed_hours_confirm_themselves_after_14_days(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    connection = accepted(carlas_offer, alice, carla)
    entry = actions.record_hours(connection, TODAY(), Decimal(1), by=carla)

    assert actions.confirm_overdue_hours(timezone.now() + timedelta(days=13)) == 0
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        out = StringIO()
        call_command("confirm_overdue_hours", stdout=out)
    entry.refresh_from_db()
    assert entry.confirmed_at is not None and entry.confirmed_by is None
    assert out.getvalue().startswith("1 ")


def test_the_receiver_says_thanks_once(carlas_offer: Offer, carla: User, declared: User, alice: User) -> None:
    connection = accepted(carlas_offer, alice, carla)
    with pytest.raises(PermissionDenied):
        actions.say_thanks(connection, "Tak", by=carla)
    actions.complete_connection(connection, by=carla)

    thanks = actions.say_thanks(connection, "Tusind tak!", by=alice)

    assert thanks.body == "Tusind tak!"
    assert Event.objects.filter(user=carla, kind="thanked").exists()
    with pytest.raises(ValidationError):
        actions.say_thanks(connection, "Tak igen", by=alice)


def test_a_thank_you_is_never_empty(carlas_offer: Offer, carla: User, declared: User, alice: User) -> None:
    connection = accepted(carlas_offer, alice, carla)
    with pytest.raises(ValidationError, match="Skriv et par ord"):
        actions.say_thanks(connection, "   ", by=alice)
    assert not Thanks.objects.exists()


def test_a_completed_connection_cannot_be_cancelled(
    carlas_offer: Offer, carla: User, declared: User, alice: User
) -> None:
    connection = actions.complete_connection(accepted(carlas_offer, alice, carla), by=alice)
    with pytest.raises(ValidationError):
        actions.cancel_connection(connection, by=carla)
