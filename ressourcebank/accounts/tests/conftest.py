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
