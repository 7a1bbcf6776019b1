from django.urls import reverse

from ressourcebank.accounts.models import ApiToken


def test_administrator_sees_the_account_pages_in_django_admin(client, frida, alice, business, login):
    ApiToken.issue(alice)
    login(client, frida)
    for name in ["user", "organisation", "membership", "apitoken"]:
        assert client.get(reverse(f"admin:accounts_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:accounts_user_change", args=[alice.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    assert client.get(reverse("admin:accounts_organisation_change", args=[business.pk])).status_code == 200


def test_api_tokens_cannot_be_added_or_their_digest_edited_in_admin(client, frida, alice, login):
    ApiToken.issue(alice)
    token = ApiToken.objects.get()
    login(client, frida)
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    content = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert token.digest not in content


def test_administrator_creates_a_user_in_admin(client, frida, login):
    login(client, frida)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "ny@randers.dk",
            "name": "Ny Medarbejder",
            "role": "staff",
            "usable_password": "true",
            "password1": "groen-traktor-i-regnvejr",
            "password2": "groen-traktor-i-regnvejr",
        },
    )
    assert response.status_code == 302
    from ressourcebank.accounts.models import User

    assert User.objects.get(email="ny@randers.dk").role == "staff"


def test_staff_member_who_is_not_admin_cannot_use_django_admin(client, erik, login):
    login(client, erik)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
