"""The weekly mail about new offers for an open need (matching finds them, notifications mails them)."""

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.matching.digests import send_weekly_need_digests
from ressourcebank.needs.models import Need
from ressourcebank.notifications.actions import set_frequency
from ressourcebank.notifications.models import Frequency, NotificationPreference, OutboxMail
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


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
        assert send_weekly_need_digests() == 0
    assert len(mail.outbox) == 1


def test_the_weekly_mail_only_tells_about_offers_newer_than_the_last_one(
    immediate_tasks: None, make_offer: Callable[..., Offer], alices_need: Need, alice: User, carla: User
) -> None:
    make_offer(owner=carla, title="Besøgsven i Assentoft")
    send_weekly_need_digests()
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        make_offer(owner=carla, title="Besøgsven med hund", published_at=timezone.now())
        assert send_weekly_need_digests() == 1

    latest = mail.outbox[-1].body
    assert "Besøgsven med hund" in latest
    assert "Besøgsven i Assentoft" not in latest


def test_no_weekly_mail_for_closed_needs_or_people_who_want_none(
    immediate_tasks: None, make_offer: Callable[..., Offer], alices_need: Need, alice: User, carla: User
) -> None:
    make_offer(owner=carla, title="Besøgsven i Assentoft")
    set_frequency(alice, Frequency.NONE)
    assert send_weekly_need_digests() == 0

    set_frequency(alice, Frequency.AT_ONCE)
    Need.objects.filter(pk=alices_need.pk).update(status=Need.Status.CLOSED)
    assert send_weekly_need_digests() == 0
    assert mail.outbox == []
    assert not OutboxMail.objects.exists()
    assert NotificationPreference.objects.get(user=alice).need_digest_sent_at is None
