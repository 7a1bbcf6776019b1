"""The inbox's rate limit per client (form and API together), instead of a CAPTCHA that would shut
out people who cannot solve one. The client is the address our own proxies saw (accounts.lockout);
only a hash of it reaches the cache."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from ressourcebank.accounts.lockout import client_ip

WINDOW_SECONDS = 3600


def take_allowance(request: HttpRequest) -> bool:
    """Counts one message from this client; False once it has sent its allowance this hour."""
    client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    window = int(time.time() // WINDOW_SECONDS)
    key = f"inbox-rate:{client}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 60)
        sent = 1
    return sent <= settings.INBOX_RATE_PER_HOUR
