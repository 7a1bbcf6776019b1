"""/staff/adgangslog/: the audit role searches the access log and reviews break-glass access."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.audit.actions import has_break_glass, open_break_glass
from ressourcebank.audit.models import AuditEvent, BreakGlassGrant, Verb, record
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db

URL = reverse("staff:access_log")
Login = Callable[[Client, User], None]


@pytest.fixture
def auditor(client: Client, login: Login, rikke: User) -> Client:
    login(client, rikke)
    return client


def test_the_auditor_sees_who_read_what_when_and_why(auditor: Client, dorte: User, alices_need: Need) -> None:
    record(dorte, Verb.READ, alices_need, reason="Opfølgning efter møde")

    html = auditor.get(URL).content.decode()

    assert f"Dorte Tovholder (id {dorte.pk})" in html
    assert "tovholder, Randers Kommune" in html
    assert f"Behov nr. {alices_need.pk}" in html
    assert "Opfølgning efter møde" in html


def test_each_search_is_itself_written_to_the_log(auditor: Client, rikke: User, dorte: User) -> None:
    auditor.get(URL, {"person": dorte.pk, "verb": "read"})

    search = AuditEvent.objects.get(verb=Verb.SEARCH_LOG)
    assert (search.actor, search.note) == (rikke, f"person={dorte.pk} verb=read")


def test_the_filters_narrow_the_list(auditor: Client, dorte: User, erik: User, alices_need: Need, need: Need) -> None:
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        record(dorte, Verb.UPDATE, alices_need, reason="gammel")
    record(dorte, Verb.READ, alices_need, reason="læst af dorte")
    record(erik, Verb.READ, need, reason="læst af erik")
    today = timezone.localdate().isoformat()

    def reasons(**query: Any) -> set[str]:
        html = auditor.get(URL, query).content.decode()
        return {reason for reason in ("gammel", "læst af dorte", "læst af erik") if reason in html}

    assert reasons(person=erik.pk) == {"læst af erik"}
    assert reasons(person_id=dorte.pk) == {"gammel", "læst af dorte"}
    assert reasons(verb="update") == {"gammel"}
    assert reasons(target_type="needs.need", target_id=need.pk) == {"læst af erik"}
    assert reasons(since=today) == {"læst af dorte", "læst af erik"}
    assert reasons(until=(timezone.localdate() - timedelta(days=1)).isoformat()) == {"gammel"}


def test_a_wrong_date_is_answered_in_danish_and_kept(auditor: Client) -> None:
    html = auditor.get(URL, {"since": "32.13.2026", "until": ""}).content.decode()

    assert "Indtast en gyldig dato." in html
    assert 'value="32.13.2026"' in html


def test_an_id_without_a_type_is_refused(auditor: Client) -> None:
    assert "Vælg, hvad id&#x27;et hører til." in auditor.get(URL, {"target_id": "12"}).content.decode()


def test_the_log_is_paged(auditor: Client, dorte: User) -> None:
    for n in range(51):
        record(dorte, Verb.READ, dorte, note=f"nr-{n}-")

    first, second = auditor.get(URL).content.decode(), auditor.get(URL, {"page": 2}).content.decode()

    assert "nr-50-" in first and "nr-0-" not in first and "Næste side" in first
    assert "nr-0-" in second and "Forrige side" in second


@pytest.mark.parametrize("persona", ["erik", "frida", "dorte", "alice"])
def test_only_the_audit_role_may_read_the_log(
    persona: str, request: pytest.FixtureRequest, client: Client, login: Login
) -> None:
    login(client, request.getfixturevalue(persona))

    assert client.get(URL).status_code == 403
    assert not AuditEvent.objects.filter(verb=Verb.SEARCH_LOG).exists()


def test_a_visitor_is_sent_to_log_in(client: Client) -> None:
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_administrators_may_read_it_when_the_setting_says_so(
    client: Client, login: Login, frida: User, settings: Any
) -> None:
    settings.ACCESS_LOG_READER_ROLES = ["auditor", "admin"]
    login(client, frida)

    assert client.get(URL).status_code == 200


def test_break_glass_is_highlighted_counted_on_the_front_page_and_reviewed(
    auditor: Client, frida: User, rikke: User, alices_need: Need
) -> None:
    open_break_glass(frida, alices_need, reason="Borgeren svarer ikke, bekymringshenvendelse", minutes=20)
    has_break_glass(frida, alices_need)

    assert "1 nødadgang venter på, at du ser på den." in auditor.get(reverse("staff:home")).content.decode()
    html = auditor.get(URL).content.decode()
    assert html.count('class="access-log-flagged"') == 3  # the grant waiting, and its opening and use in the list
    assert "Borgeren svarer ikke, bekymringshenvendelse" in html

    grant = BreakGlassGrant.objects.get()
    response = auditor.post(reverse("staff:break_glass_review", args=[grant.pk]))

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == rikke
    assert "Se, hvem der har læst eller ændret hvad." in auditor.get(reverse("staff:home")).content.decode()


def test_the_auditor_sees_only_the_log_on_the_staff_front_page(auditor: Client) -> None:
    html = auditor.get(reverse("staff:home")).content.decode()

    assert reverse("staff:access_log") in html
    assert reverse("staff:moderation_queue") not in html
    assert auditor.get(reverse("staff:moderation_queue")).status_code == 403


def test_staff_see_no_door_to_the_log(client: Client, login: Login, erik: User) -> None:
    login(client, erik)

    assert reverse("staff:access_log") not in client.get(reverse("staff:home")).content.decode()


def test_staff_may_not_mark_a_grant_reviewed(
    client: Client, login: Login, erik: User, frida: User, alices_need: Need
) -> None:
    grant = open_break_glass(frida, alices_need, reason="Akut", minutes=5)
    login(client, erik)

    assert client.post(reverse("staff:break_glass_review", args=[grant.pk])).status_code == 403
    assert BreakGlassGrant.objects.unreviewed().exists()
