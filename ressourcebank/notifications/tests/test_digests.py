from collections.abc import Callable
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions as connection_actions
from ressourcebank.connections.models import Connection
from ressourcebank.notifications import actions
from ressourcebank.notifications.models import Event, Frequency
from ressourcebank.offers.models import Offer

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
