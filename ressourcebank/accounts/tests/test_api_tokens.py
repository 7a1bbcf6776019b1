"""API tokens (issue 7, finding 7): issued under Min side → Mine API-nøgler, and for a role that logs in
with TOTP only after the code in that session; scoped, expiring, revocable, and their use logged."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts import actions
from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.audit.models import AuditEvent, Verb
from ressourcebank.needs.models import Need

PAGE = reverse("accounts:api_tokens")
NEED = {"description": "Jeg har brug for hjælp til at handle.", "area": "assentoft"}


def api(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def post_need(token: str):
    return api(token).post("/api/v1/needs", NEED, content_type="application/json")


def create_on_page(client: Client, name: str = "Min app", scope: str = "read", lifetime: str = "90"):
    return client.post(PAGE, {"name": name, "scope": scope, "lifetime": lifetime})


def new_token_in(response) -> str:
    html = response.content.decode()
    start = html.index('id="new-token"')
    value = html[start:].split('value="', 1)[1].split('"', 1)[0]
    assert value.startswith("rb_")
    return value


# --- The page -----------------------------------------------------------------------------------


def test_the_page_needs_a_login(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_min_side_links_to_the_page(client, login, alice):
    login(client, alice)
    assert PAGE in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_citizen_makes_a_read_token_which_is_shown_once(client, login, alice):
    login(client, alice)
    response = create_on_page(client, name="Foreningens hjemmeside", scope="read", lifetime="30")
    assert response.status_code == 200
    token = new_token_in(response)
    stored = ApiToken.objects.get(user=alice)
    assert (stored.name, stored.scope, stored.digest) == ("Foreningens hjemmeside", "read", ApiToken.digest_of(token))
    assert timedelta(days=29) < stored.expires_at - timezone.now() <= timedelta(days=30)
    assert response["Cache-Control"].startswith("max-age=0")
    again = client.get(PAGE).content.decode()
    assert token not in again
    assert "Foreningens hjemmeside" in again and "Kun læse" in again


def test_a_token_without_a_name_or_with_a_bad_choice_is_answered_beside_the_field(client, login, alice):
    login(client, alice)
    response = client.post(PAGE, {"name": "  ", "scope": "admin", "lifetime": "9999"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Giv nøglen et navn." in html
    assert "Vælg, hvad nøglen må." in html
    assert "Vælg en af mulighederne." in html
    assert not ApiToken.objects.exists()


def test_a_staff_member_gets_a_token_only_after_the_code_in_this_session(client, login, erik):
    client.force_login(erik)
    response = create_on_page(client, scope="write")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert not ApiToken.objects.exists()

    login(client, erik)  # now with the second factor verified
    token = new_token_in(create_on_page(client, scope="write"))
    assert ApiToken.objects.get(user=erik).issued_with_second_factor
    assert post_need(token).status_code == 201


def test_the_action_refuses_a_token_for_a_totp_role_without_the_code(dorte):
    with pytest.raises(actions.SecondFactorRequired):
        actions.create_api_token(
            dorte, name="x", scope="write", lifetime=timedelta(days=30), second_factor_verified=False
        )
    assert not ApiToken.objects.exists()


def test_a_staff_members_token_made_without_the_code_does_not_work(erik):
    # The finding: a staff member's token wrote without TOTP ever entered. Such a token (made before
    # this rule, or before the person got the role) is refused like an unknown one.
    token = ApiToken.issue(erik, scope="write")
    assert post_need(token).status_code == 401
    assert api(token).get("/api/v1/needs").status_code == 401
    assert not Need.objects.exists()


def test_a_citizen_who_becomes_coordinator_loses_her_old_token(alice):
    token = ApiToken.issue(alice, scope="write")
    assert post_need(token).status_code == 201
    User.objects.filter(pk=alice.pk).update(role=User.Role.COORDINATOR)
    assert post_need(token).status_code == 401


# --- Scope, expiry, revocation, logging ---------------------------------------------------------


def test_a_read_token_reads_but_cannot_write(alice):
    token = ApiToken.issue(alice, scope="read")
    assert api(token).get("/api/v1/needs").status_code == 200
    response = post_need(token)
    assert response.status_code == 403
    assert "kun læse" in response.json()["detail"]
    assert not Need.objects.exists()


def test_an_expired_token_is_refused(alice):
    token = ApiToken.issue(alice, scope="write", expires_at=timezone.now() - timedelta(seconds=1))
    assert api(token).get("/api/v1/needs").status_code == 401


def test_revoking_asks_first_then_the_token_stops_working(client, login, alice):
    token = ApiToken.issue(alice, scope="write", name="Gammel app")
    stored = ApiToken.objects.get()
    login(client, alice)
    revoke = reverse("accounts:api_token_revoke", args=[stored.pk])
    assert revoke in client.get(PAGE).content.decode()
    confirm = client.get(revoke)
    assert confirm.status_code == 200
    assert "Vil du tilbagekalde nøglen?" in confirm.content.decode()
    stored.refresh_from_db()
    assert stored.revoked_at is None

    response = client.post(revoke, follow=True)
    assert "er tilbagekaldt" in response.content.decode()
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert api(token).get("/api/v1/needs").status_code == 401
    assert AuditEvent.objects.filter(verb=Verb.REVOKE, target_id=str(stored.pk), actor=alice).exists()


def test_nobody_else_can_see_or_revoke_my_token(client, login, alice, olga):
    ApiToken.issue(alice, name="Alices app")
    stored = ApiToken.objects.get()
    login(client, olga)
    assert "Alices app" not in client.get(PAGE).content.decode()
    revoke = reverse("accounts:api_token_revoke", args=[stored.pk])
    assert client.get(revoke).status_code == 404
    assert client.post(revoke).status_code == 404
    stored.refresh_from_db()
    assert stored.revoked_at is None


def test_each_write_is_logged_and_the_last_use_recorded(alice):
    token = ApiToken.issue(alice, scope="write")
    stored = ApiToken.objects.get()
    assert post_need(token).status_code == 201
    assert post_need(token).status_code == 201
    api(token).get("/api/v1/needs")
    writes = AuditEvent.objects.filter(verb=Verb.API_WRITE, target_id=str(stored.pk), actor=alice)
    assert [event.note for event in writes] == ["POST /api/v1/needs"] * 2
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_making_a_token_on_the_page_is_logged(client, login, alice):
    login(client, alice)
    create_on_page(client)
    assert AuditEvent.objects.filter(verb=Verb.CREATE, target_type="accounts.apitoken", actor=alice).exists()


# --- The management command ---------------------------------------------------------------------


def test_the_command_takes_a_scope_a_lifetime_and_a_name(alice):
    out = StringIO()
    call_command("create_api_token", alice.email, "--scope", "read", "--days", "7", "--name", "Script", stdout=out)
    stored = ApiToken.objects.get(user=alice)
    assert (stored.scope, stored.name) == ("read", "Script")
    assert timedelta(days=6) < stored.expires_at - timezone.now() <= timedelta(days=7)
    assert stored.digest == ApiToken.digest_of(out.getvalue().strip())


def test_the_command_still_makes_a_writing_token_by_default(alice):
    out = StringIO()
    call_command("create_api_token", alice.email, stdout=out)
    assert post_need(out.getvalue().strip()).status_code == 201


def test_the_command_refuses_a_role_with_a_second_factor_and_a_bad_lifetime(erik, alice):
    with pytest.raises(CommandError, match="Mine API-nøgler"):
        call_command("create_api_token", erik.email)
    with pytest.raises(CommandError, match="--days"):
        call_command("create_api_token", alice.email, "--days", "0")
    assert not ApiToken.objects.exists()
