from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import Connection
from ressourcebank.notifications import actions
from ressourcebank.notifications.models import Event, Frequency, OutboxMail

pytestmark = pytest.mark.django_db


def test_the_provider_gets_a_danish_mail_with_a_link_when_asked(
    immediate_tasks: None, ask: Callable[[], Connection], carla: User, settings: Any
) -> None:
    settings.SITE_URL = "https://ressourcebank.example"
    connection = ask()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [carla.email]
    assert message.subject == "Ressourcebanken: Du er blevet spurgt om hjælp"
    link = f"https://ressourcebank.example/forbindelser/{connection.pk}/"
    assert "Hej Carla" in message.body
    assert "Besøgsven i Assentoft" in message.body
    assert link in message.body
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert OutboxMail.objects.get().state == OutboxMail.State.SENT


def test_the_person_who_acts_gets_no_mail_about_their_own_step(
    immediate_tasks: None, ask: Callable[[], Connection], alice: User
) -> None:
    ask()

    assert mail.outbox
    assert all(alice.email not in m.to for m in mail.outbox)
    assert not OutboxMail.objects.filter(recipient=alice).exists()


def test_a_person_who_wants_no_mail_gets_none_but_still_sees_the_event(
    immediate_tasks: None, ask: Callable[[], Connection], carla: User
) -> None:
    actions.set_frequency(carla, Frequency.NONE)

    ask()

    assert mail.outbox == []
    assert not OutboxMail.objects.exists()
    assert Event.objects.filter(user=carla, read_at__isnull=True).count() == 1


def test_a_daily_person_gets_no_mail_at_once(immediate_tasks: None, ask: Callable[[], Connection], carla: User) -> None:
    actions.set_frequency(carla, Frequency.DAILY)

    ask()

    assert mail.outbox == []
    assert Event.objects.get(user=carla).mailed_at is None


def test_the_mail_and_its_task_are_stored_with_the_change(ask: Callable[[], Connection]) -> None:
    # The real task backend (django-tasks-db): the delivery job is a row in the same database.
    ask()

    outbox = OutboxMail.objects.get()
    assert outbox.state == OutboxMail.State.PENDING
    assert DBTaskResult.objects.filter(args_kwargs__args=[outbox.pk]).exists()


def test_a_change_that_rolls_back_leaves_no_mail_and_no_task(ask: Callable[[], Connection]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        ask()
        raise RuntimeError("the change fails after notify")

    assert not OutboxMail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_same_event_is_never_queued_twice(ask: Callable[[], Connection], carla: User) -> None:
    ask()
    event = Event.objects.get(user=carla)

    assert actions.queue_event_mail(event) is None
    assert OutboxMail.objects.count() == 1
