from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions as connection_actions
from ressourcebank.connections.models import Connection
from ressourcebank.needs.models import Need
from ressourcebank.notifications import actions
from ressourcebank.notifications.models import Event, Frequency, NotificationPreference, OutboxMail
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def test_a_daily_person_gets_the_days_events_in_one_mail(
    immediate_tasks: None, make_offer: Callable[..., Offer], carla: User, alice: User, dorte: User
) -> None:
    actions.set_frequency(carla, Frequency.DAILY)
    first = make_offer(owner=carla, title="Besøgsven i Assentoft")
    second = make_offer(owner=carla, title="Hjælp med indkøb")
    connection_actions.ask_for_help(first, by=alice)
    connection_actions.ask_for_help(second, by=alice)
    assert mail.outbox == []

    call_command("send_daily_digests", stdout=StringIO())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [carla.email]
    assert message.subject == "Ressourcebanken: 2 nye hændelser i dag"
    assert "Besøgsven i Assentoft" in message.body
    assert "Hjælp med indkøb" in message.body
    assert not Event.objects.filter(user=carla, mailed_at__isnull=True).exists()


def test_a_second_digest_run_sends_nothing_new(
    immediate_tasks: None, ask: Callable[[], Connection], carla: User
) -> None:
    actions.set_frequency(carla, Frequency.DAILY)
    ask()
    actions.send_daily_digests()

    assert actions.send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_people_who_want_mail_at_once_or_none_get_no_digest(
    immediate_tasks: None, ask: Callable[[], Connection], carla: User
) -> None:
    actions.set_frequency(carla, Frequency.NONE)
    ask()

    assert actions.send_daily_digests() == 0
    assert mail.outbox == []


def test_leaving_the_daily_digest_does_not_send_a_heap_later(
    immediate_tasks: None, ask: Callable[[], Connection], carla: User
) -> None:
    actions.set_frequency(carla, Frequency.DAILY)
    ask()
    actions.set_frequency(carla, Frequency.AT_ONCE)
    actions.set_frequency(carla, Frequency.DAILY)

    assert actions.send_daily_digests() == 0


@pytest.fixture
def alices_need(alice: User) -> Need:
    return Need.objects.create(
        owner=alice,
        title="Besøgsven til min mor",
        description="Min mor sidder alene hele dagen og vil gerne have en besøgsven til kaffe og en snak",
        category=Category.objects.get(slug="besoegsven"),
        area=Area.objects.get(slug="assentoft"),
    )


def test_the_owner_of_an_open_need_hears_about_new_matching_offers_once(
    immediate_tasks: None, make_offer: Callable[..., Offer], alices_need: Need, alice: User, carla: User
) -> None:
    make_offer(owner=carla, title="Besøgsven i Assentoft")

    call_command("send_weekly_need_digests", stdout=StringIO())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    assert message.subject == "Ressourcebanken: nye tilbud, der kan hjælpe dig"
    assert "Besøgsven i Assentoft" in message.body
    assert "Besøgsven til min mor" in message.body
    # A week later, with nothing new, nothing is sent.
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        assert actions.send_weekly_need_digests() == 0
    assert len(mail.outbox) == 1


def test_the_weekly_mail_only_tells_about_offers_newer_than_the_last_one(
    immediate_tasks: None, make_offer: Callable[..., Offer], alices_need: Need, alice: User, carla: User
) -> None:
    make_offer(owner=carla, title="Besøgsven i Assentoft")
    actions.send_weekly_need_digests()
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        make_offer(owner=carla, title="Besøgsven med hund", published_at=timezone.now())
        assert actions.send_weekly_need_digests() == 1

    latest = mail.outbox[-1].body
    assert "Besøgsven med hund" in latest
    assert "Besøgsven i Assentoft" not in latest


def test_no_weekly_mail_for_closed_needs_or_people_who_want_none(
    immediate_tasks: None, make_offer: Callable[..., Offer], alices_need: Need, alice: User, carla: User
) -> None:
    make_offer(owner=carla, title="Besøgsven i Assentoft")
    actions.set_frequency(alice, Frequency.NONE)
    assert actions.send_weekly_need_digests() == 0

    actions.set_frequency(alice, Frequency.AT_ONCE)
    Need.objects.filter(pk=alices_need.pk).update(status=Need.Status.CLOSED)
    assert actions.send_weekly_need_digests() == 0
    assert mail.outbox == []
    assert not OutboxMail.objects.exists()
    assert NotificationPreference.objects.get(user=alice).need_digest_sent_at is None
