import pytest


@pytest.fixture(autouse=True)
def fresh_booking_allowance() -> None:
    """The per-client allowance (limits.py) lives in the cache: each test starts with a full one."""
    from django.core.cache import cache

    cache.clear()
