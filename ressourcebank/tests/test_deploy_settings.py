"""Production settings: with DEBUG off the site refuses to start without a real secret key, and
`check --deploy` is clean with the settings the README names."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

# What the README's "Drift" section names for a clean `check --deploy`.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "MAIL_BACKEND": "smtp",
    "SMS_BACKEND": "http",
    "SMS_GATEWAY_URL": "https://sms.example.dk/send",
}


def _check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    # Without what the test run itself sets (the browser tests allow async-unsafe calls).
    inherited = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    environment = inherited | PRODUCTION | env
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "dev-only-insecure-key-do-not-use-in-production-5f1c2b",  # the one in config/settings.py
        "django-insecure-" + "a1b2c3d4e5" * 5,
        "kort-nøgle",
        "x" * 60,
    ],
    ids=["missing", "empty", "the-committed-development-key", "django-insecure", "short", "one-character"],
)
def test_debug_off_refuses_to_start_without_a_real_secret_key(key: str | None) -> None:
    result = _check_deploy(**({} if key is None else {"DJANGO_SECRET_KEY": key}))

    assert result.returncode != 0
    assert "DJANGO_DEBUG=0 needs a real DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_a_real_key_and_the_settings_the_readme_names() -> None:
    result = _check_deploy(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SMS_BACKEND": "console"}, "SMS are not sent to phones"),
        ({"SMS_GATEWAY_URL": ""}, "needs SMS_GATEWAY_URL"),
        ({"SMS_GATEWAY_URL": "http://sms.example.dk/send"}, "needs SMS_GATEWAY_URL"),
    ],
    ids=["console", "no-gateway", "plain-http"],
)
def test_check_deploy_names_an_sms_setting_that_would_not_reach_a_phone(env: dict[str, str], message: str) -> None:
    result = _check_deploy(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), **env)

    assert result.returncode != 0
    assert message in result.stderr
