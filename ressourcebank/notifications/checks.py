"""`manage.py check --deploy`: an SMS setting that would silently never reach a phone in production."""

from typing import Any

from django.conf import settings
from django.core import checks

DEVELOPMENT_BACKENDS = {"console", "file", "locmem"}


@checks.register(checks.Tags.compatibility, deploy=True)
def check_sms_backend(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.SMS_BACKEND in DEVELOPMENT_BACKENDS:
        return [
            checks.Warning(
                f"SMS_BACKEND is {settings.SMS_BACKEND!r}: SMS are not sent to phones.",
                hint="Set SMS_BACKEND=http and SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN (README, Indstillinger).",
                id="notifications.W001",
            )
        ]
    if settings.SMS_BACKEND == "http" and not settings.SMS_GATEWAY_URL.startswith("https://"):
        return [checks.Error("SMS_BACKEND=http needs SMS_GATEWAY_URL, an https:// address.", id="notifications.E001")]
    return []
