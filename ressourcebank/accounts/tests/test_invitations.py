"""Members join an organisation by accepting an invitation (issue 7, finding 2): the answer to the
inviter never tells whether an address has an account, the member list shows no name before a yes,
and only a person with a confirmed e-mail registers an organisation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts import actions
from ressourcebank.accounts.models import Invitation, Membership, Organisation, User
from ressourcebank.notifications.models import OutboxMail

CREATE = reverse("accounts:organisation_create")
DASHBOARD = reverse("accounts:dashboard")


def detail(organisation: Organisation) -> str:
    return reverse("accounts:organisation_detail", args=[organisation.pk])


def answer(invitation: Invitation, yes: bool) -> str:
    return reverse("accounts:invitation_answer", args=[invitation.pk, "ja" if yes else "nej"])


def invite(client, organisation: Organisation, email: str):
    return client.post(detail(organisation), {"email": email}, follow=True)


def test_inviting_makes_no_member_and_the_page_shows_no_name_before_a_yes(client, carla, alice, association):
    client.force_login(carla)
    html = invite(client, association, "ALICE@example.dk").content.decode()
    assert not Membership.objects.filter(user=alice).exists()
    assert "Alice Andersen" not in html
    assert "alice@example.dk" in html and "venter på svar" in html
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by, invitation.is_admin) == ("alice@example.dk", carla, False)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(client, carla, alice, association):
    client.force_login(carla)
    known = invite(client, association, "alice@example.dk").content.decode()
    unknown = invite(client, association, "ingen@example.dk").content.decode()
    member = invite(client, association, carla.email).content.decode()

    def message(html: str, email: str) -> str:
        start = html.index("Vi har inviteret")
        return html[start : html.index("</", start)].replace(email, "EMAIL")

    assert message(known, "alice@example.dk") == message(unknown, "ingen@example.dk") == message(member, carla.email)
    assert "Vi kan ikke finde en konto" not in unknown
    assert "allerede medlem" not in member


def test_an_invited_person_with_an_account_gets_a_mail_through_the_outbox(client, carla, alice, association):
    client.force_login(carla)
    invite(client, association, "alice@example.dk")
    invite(client, association, "alice@example.dk")  # a second click sends no second mail
    mails = OutboxMail.objects.filter(kind=OutboxMail.Kind.ORGANISATION_INVITATION)
    assert [(mail.recipient, mail.to_address) for mail in mails] == [(alice, "alice@example.dk")]
    mail = mails.get()
    assert "Assentoft Strikkeklub" in mail.subject
    assert "Carla har inviteret dig" in mail.text_body
    assert "/konto/" in mail.text_body
    assert Invitation.objects.count() == 1


def test_the_invited_person_sees_the_invitation_on_min_side_and_says_yes(client, carla, alice, association):
    invitation = actions.invite_member(association, "alice@example.dk", is_admin=True, by=carla)
    client.force_login(alice)
    html = client.get(DASHBOARD).content.decode()
    assert "Invitationer" in html and "Assentoft Strikkeklub" in html
    response = client.post(answer(invitation, yes=True))
    assert response["Location"] == detail(association)
    assert Membership.objects.get(user=alice, organisation=association).is_admin
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert "Invitationer" not in client.get(DASHBOARD).content.decode()

    client.force_login(carla)
    assert "Alice Andersen" in client.get(detail(association)).content.decode()


def test_saying_no_makes_no_member(client, carla, alice, association):
    invitation = actions.invite_member(association, "alice@example.dk", by=carla)
    client.force_login(alice)
    assert client.post(answer(invitation, yes=False))["Location"] == DASHBOARD
    assert not Membership.objects.filter(user=alice).exists()
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert client.post(answer(invitation, yes=True)).status_code == 404


def test_nobody_else_can_answer_an_invitation(client, carla, alice, olga, association):
    invitation = actions.invite_member(association, "alice@example.dk", by=carla)
    client.force_login(olga)
    assert "Assentoft Strikkeklub" not in client.get(DASHBOARD).content.decode()
    assert client.post(answer(invitation, yes=True)).status_code == 404
    assert client.get(answer(invitation, yes=True)).status_code == 405
    assert not Membership.objects.filter(organisation=association, user=olga).exists()


def test_an_account_with_an_unconfirmed_address_cannot_take_an_invitation(client, carla, association):
    invitation = actions.invite_member(association, "ny@example.dk", by=carla)
    newcomer = User.objects.create_user(email="ny@example.dk", password="x-y-z-w-1234", name="Ny Person")
    client.force_login(newcomer)
    assert "Invitationer" not in client.get(DASHBOARD).content.decode()
    assert client.post(answer(invitation, yes=True)).status_code == 404
    newcomer.confirm_email()
    assert client.post(answer(invitation, yes=True)).status_code == 302
    assert Membership.objects.filter(user=newcomer, organisation=association).exists()


def test_only_an_administrator_of_the_organisation_invites(carla, alice, olga, association):
    Membership.objects.create(user=alice, organisation=association, is_admin=False)
    with pytest.raises(actions.PermissionDenied):
        actions.invite_member(association, olga.email, by=alice)
    assert not Invitation.objects.exists()


def test_a_bad_address_is_answered_beside_the_field(client, carla, association):
    client.force_login(carla)
    response = client.post(detail(association), {"email": "ikke-en-mail"})
    assert response.status_code == 400
    assert "Skriv en rigtig e-mail." in response.content.decode()
    assert not Invitation.objects.exists()


def test_creating_an_organisation_needs_a_confirmed_email(client, db):
    unconfirmed = User.objects.create_user(email="ny@example.dk", password="x-y-z-w-1234", name="Ny Person")
    client.force_login(unconfirmed)
    data = {"name": "Skygge ApS", "kind": "virksomhed", "cvr": "12345674", "description": "", "website": ""}
    response = client.post(CREATE, data)
    assert response.status_code == 403
    assert "Bekræft din e-mail først" in response.content.decode()
    assert client.get(CREATE).status_code == 403
    assert not Organisation.objects.exists()
    with pytest.raises(actions.PermissionDenied):
        actions.create_organisation(by=unconfirmed, **data)

    unconfirmed.email_confirmed_at = timezone.now()
    unconfirmed.save(update_fields=["email_confirmed_at"])
    assert client.post(CREATE, data).status_code == 302
