from urllib.parse import quote

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from ressourcebank.accounts.management.commands.demo_totp_code import current_code

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


def device_for(user, confirmed=True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=confirmed)


def test_staff_member_is_asked_for_a_code_after_the_password(client, erik, password):
    device_for(erik)
    response = client.post(LOGIN, {"username": erik.email, "password": password})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote(reverse('accounts:dashboard'), safe='')}"


def test_staff_member_without_an_app_is_sent_on_to_set_one_up(client, erik):
    client.force_login(erik)
    response = client.get(VERIFY + "?next=/staff/?a=1%26b=2")
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2Fstaff%2F%3Fa%3D1%26b%3D2"


def test_setup_page_shows_a_qr_code_as_inline_svg_and_the_secret_for_typing(client, dorte):
    client.force_login(dorte)
    response = client.get(SETUP)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content
    assert "<script" not in content.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=dorte, confirmed=False)
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    assert secret[:4] in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_setup_reuses_the_same_unconfirmed_device_on_reload(client, dorte):
    client.force_login(dorte)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=dorte).count() == 1


def test_setup_with_the_right_code_confirms_the_device_and_verifies_the_session(client, dorte):
    client.force_login(dorte)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dorte)
    response = client.post(SETUP, {"token": current_code(device), "next": reverse("staff:home")})
    assert response["Location"] == reverse("staff:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_setup_with_a_wrong_code_is_answered_and_leaves_the_device_unconfirmed(client, dorte):
    client.force_login(dorte)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dorte)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert "Koden passer ikke" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_code_must_be_six_digits(client, erik):
    device_for(erik)
    client.force_login(erik)
    content = client.post(VERIFY, {"token": "12ab"}).content.decode()
    assert "Koden skal være 6 cifre." in content


def test_the_right_code_lets_the_staff_member_in_and_follows_next(client, erik):
    device = device_for(erik)
    client.force_login(erik)
    response = client.post(VERIFY, {"token": current_code(device), "next": reverse("accounts:dashboard")})
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_wrong_code_keeps_the_staff_member_out(client, erik):
    device = device_for(erik)
    client.force_login(erik)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert "Koden passer ikke" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_repeated_wrong_codes_are_throttled(client, erik):
    device = device_for(erik)
    client.force_login(erik)
    client.post(VERIFY, {"token": "000000" if current_code(device) != "000000" else "111111"})
    content = client.post(VERIFY, {"token": current_code(device)}).content.decode()
    assert "for mange gange" in content


def test_middleware_blocks_every_page_for_an_unverified_staff_member(client, erik):
    client.force_login(erik)
    for path in ["/", reverse("accounts:dashboard"), reverse("staff:home"), "/admin/", "/tilbud/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path


def test_middleware_blocks_posts_too_without_a_next_link(client, erik):
    client.force_login(erik)
    response = client.post(reverse("accounts:organisation_create"), {"name": "X", "kind": "forening"})
    assert response["Location"] == VERIFY


def test_unverified_staff_member_can_still_log_out_and_switch_language(client, erik):
    client.force_login(erik)
    switched = client.get(reverse("pages:language", args=["en"]), {"next": "/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/"
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_django_admin_needs_the_second_factor_for_an_administrator(client, frida, login):
    client.force_login(frida)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    login(client, frida)
    assert client.get("/admin/").status_code == 200


def test_citizen_is_never_asked_for_a_code(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_login_fixture_gives_a_verified_session(client, erik, login):
    login(client, erik)
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_otp_pages_need_a_logged_in_person(client, db):
    assert client.get(VERIFY)["Location"].startswith(LOGIN)
    assert client.get(SETUP)["Location"].startswith(LOGIN)


def test_the_right_code_with_a_next_that_is_not_a_path_goes_to_the_dashboard(client, erik):
    device = device_for(erik)
    client.force_login(erik)
    response = client.post(VERIFY, {"token": current_code(device), "next": "ukendt-side"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_the_session_key_changes_when_the_code_is_accepted(client, erik):
    # Issue 7, finding 10: a session key known before the second factor must not be verified after it.
    device = device_for(erik)
    client.force_login(erik)
    before = client.session.session_key
    response = client.post(VERIFY, {"token": current_code(device)})
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_the_session_key_changes_when_the_app_is_set_up(client, dorte):
    client.force_login(dorte)
    client.get(SETUP)
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=dorte)
    client.post(SETUP, {"token": current_code(device)})
    assert client.session.session_key != before
    assert client.get(reverse("accounts:dashboard")).status_code == 200
