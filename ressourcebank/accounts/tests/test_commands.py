from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from ressourcebank.accounts.models import ApiToken, User


def test_create_api_token_prints_a_token_whose_digest_is_stored(alice):
    out = StringIO()
    call_command("create_api_token", "Alice@Example.dk", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("rb_")
    stored = ApiToken.objects.get(user=alice)
    assert stored.digest == ApiToken.digest_of(token)
    assert token not in stored.digest


def test_create_api_token_for_an_unknown_email_fails_in_danish(db):
    with pytest.raises(CommandError, match="Der er ingen aktiv bruger med den e-mail."):
        call_command("create_api_token", "ukendt@example.dk")
    assert not ApiToken.objects.exists()


def test_create_api_token_exits_1_with_the_message_on_stderr(db, capsys):
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import ManagementUtility

        ManagementUtility(["manage.py", "create_api_token", "ukendt@example.dk"]).execute()
    assert exit_info.value.code == 1
    assert "Der er ingen aktiv bruger" in capsys.readouterr().err


def demo_user() -> User:
    return User.objects.create_user(
        email="medarbejder@ressourcebank.test", password="x-demo-demo-demo", name="Demo", role=User.Role.STAFF
    )


def test_demo_totp_code_prints_the_code_the_device_accepts(db, settings):
    settings.DEBUG = True
    user = demo_user()
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    out = StringIO()
    call_command("demo_totp_code", user.email, stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert device.verify_token(code)


def test_demo_totp_code_refuses_without_debug(db, settings):
    settings.DEBUG = False
    demo_user()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp_code", "medarbejder@ressourcebank.test")


def test_demo_totp_code_refuses_a_real_address(erik, settings):
    settings.DEBUG = True
    TOTPDevice.objects.create(user=erik, name="App", confirmed=True)
    with pytest.raises(CommandError, match="ressourcebank.test"):
        call_command("demo_totp_code", erik.email)


def test_demo_totp_code_gives_a_demo_user_without_an_app_a_working_device(client, db, settings):
    settings.DEBUG = True
    user = demo_user()
    out = StringIO()
    call_command("demo_totp_code", user.email, stdout=out)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.verify_token(out.getvalue().strip())
