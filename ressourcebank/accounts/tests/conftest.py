from typing import Any

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Runs background tasks at once, so mails land in mail.outbox during the test."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # PBKDF2's real cost makes every login in the suite slow; the hashing itself is Django's concern.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
