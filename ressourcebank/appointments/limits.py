"""How many bookings one client may make: enough for a family, a wall for a program that would
take every free time. A fixed window in Django's cache, keyed by the hashed client address (the
lockout's rule for who the client is), so no address is stored."""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest

from ressourcebank.accounts.lockout import client_ip

BOOKINGS_PER_HOUR = 10
WINDOW_SECONDS = 60 * 60


def _key(request: HttpRequest) -> str:
    client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"appointments-bookings:{client}:{int(time.time() // WINDOW_SECONDS)}"


def booking_allowed(request: HttpRequest) -> bool:
    """Counts this attempt; False once the client has used its allowance this hour."""
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 5)
        count = 1
    return count <= BOOKINGS_PER_HOUR
