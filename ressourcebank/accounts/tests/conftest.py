import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def tasks_run_at_once(immediate_tasks: None) -> None:
    """Every account test sees its mails in mail.outbox (the root conftest's immediate_tasks)."""


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()
