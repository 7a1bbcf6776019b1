from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import Connection
from ressourcebank.notifications.models import Event, Frequency, NotificationPreference, OutboxMail

pytestmark = pytest.mark.django_db


def test_the_news_page_lists_my_unread_events_in_danish(
    client: Client, ask: Callable[[], Connection], carla: User
) -> None:
    connection = ask()
    client.force_login(carla)

    response = client.get(reverse("notifications:events"))

    assert response.status_code == 200
    assert "Du er blevet spurgt om hjælp" in response.content.decode()
    assert reverse("connections:detail", args=[connection.pk]) in response.content.decode()


def test_the_news_page_does_not_show_other_peoples_events(
    client: Client, ask: Callable[[], Connection], olga: User
) -> None:
    ask()
    client.force_login(olga)

    response = client.get(reverse("notifications:events"))

    assert "Der er ikke noget nyt." in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    for url in [
        reverse("notifications:events"),
        reverse("notifications:preferences"),
        reverse("notifications:event_read_all"),
        reverse("staff:mail"),
        reverse("staff:mail_retry", args=[1]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"]


def test_marking_an_event_read_removes_it_from_the_list(
    client: Client, ask: Callable[[], Connection], carla: User
) -> None:
    ask()
    event = Event.objects.get(user=carla)
    client.force_login(carla)

    response = client.post(reverse("notifications:event_read", args=[event.pk]))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.read_at is not None


def test_an_outsider_cannot_mark_another_persons_event_read(
    client: Client, ask: Callable[[], Connection], carla: User, olga: User
) -> None:
    ask()
    event = Event.objects.get(user=carla)
    client.force_login(olga)

    client.post(reverse("notifications:event_read", args=[event.pk]))

    event.refresh_from_db()
    assert event.read_at is None


def test_marking_all_read(client: Client, ask: Callable[[], Connection], carla: User) -> None:
    ask()
    client.force_login(carla)

    response = client.post(reverse("notifications:event_read_all"), follow=True)

    assert "Alt er markeret som læst." in response.content.decode()
    assert not Event.objects.filter(user=carla, read_at__isnull=True).exists()


def test_marking_read_needs_a_post(client: Client, carla: User) -> None:
    client.force_login(carla)

    assert client.get(reverse("notifications:event_read_all")).status_code == 405


def test_choosing_a_daily_digest_is_saved(client: Client, alice: User) -> None:
    client.force_login(alice)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    assert "Med det samme" in page.content.decode()

    response = client.post(reverse("notifications:preferences"), {"frequency": "daily"}, follow=True)

    assert "Dit valg er gemt." in response.content.decode()
    assert NotificationPreference.objects.get(user=alice).frequency == Frequency.DAILY


def test_a_choice_that_does_not_exist_is_answered_in_danish(client: Client, alice: User) -> None:
    client.force_login(alice)

    response = client.post(reverse("notifications:preferences"), {"frequency": "hourly"})

    assert response.status_code == 400
    assert "Vælg en af mulighederne." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_min_side_links_to_news_and_mail_choice(client: Client, alice: User) -> None:
    client.force_login(alice)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert reverse("notifications:events") in page
    assert reverse("notifications:preferences") in page


@pytest.fixture
def failed_mail(ask: Callable[[], Connection]) -> OutboxMail:
    ask()
    mail = OutboxMail.objects.get()
    OutboxMail.objects.filter(pk=mail.pk).update(
        state=OutboxMail.State.FAILED, attempts=9, last_error="SMTPServerDisconnected: gone"
    )
    return mail


def test_staff_see_the_mails_that_could_not_be_sent(
    client: Client, login: Callable[..., None], erik: User, failed_mail: OutboxMail
) -> None:
    login(client, erik)

    home = client.get(reverse("staff:home")).content.decode()
    response = client.get(reverse("staff:mail"))

    assert reverse("staff:mail") in home
    assert response.status_code == 200
    assert "SMTPServerDisconnected: gone" in response.content.decode()
    assert failed_mail.subject in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "dorte"])
def test_citizens_and_coordinators_cannot_see_failed_mail(
    client: Client, login: Callable[..., None], who: str, request: Any, failed_mail: OutboxMail
) -> None:
    login(client, request.getfixturevalue(who))

    response = client.get(reverse("staff:mail"))

    assert response.status_code in (403, 404)


def test_staff_can_try_a_failed_mail_again(
    client: Client, login: Callable[..., None], erik: User, failed_mail: OutboxMail
) -> None:
    from django.core import mail as django_mail

    from ressourcebank.audit.models import AuditEvent
    from ressourcebank.notifications.tasks import deliver_mail

    login(client, erik)

    response = client.post(reverse("staff:mail_retry", args=[failed_mail.pk]), follow=True)

    assert "Vi prøver at sende den igen nu." in response.content.decode()
    assert AuditEvent.objects.filter(target_id=str(failed_mail.pk), note="mail sendt igen").exists()
    assert deliver_mail.call(failed_mail.pk) is True
    assert len(django_mail.outbox) == 1


def test_trying_again_a_mail_that_did_not_fail_changes_nothing(
    client: Client, login: Callable[..., None], erik: User, ask: Callable[[], Connection]
) -> None:
    ask()
    pending = OutboxMail.objects.get()
    login(client, erik)

    response = client.post(reverse("staff:mail_retry", args=[pending.pk]))

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == OutboxMail.State.PENDING
    assert pending.attempts == 0


def test_only_staff_can_try_a_mail_again(
    client: Client, login: Callable[..., None], alice: User, failed_mail: OutboxMail
) -> None:
    login(client, alice)

    response = client.post(reverse("staff:mail_retry", args=[failed_mail.pk]))

    assert response.status_code in (403, 404)
    failed_mail.refresh_from_db()
    assert failed_mail.state == OutboxMail.State.FAILED
