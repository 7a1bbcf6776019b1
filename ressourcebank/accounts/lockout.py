"""What django-axes counts login failures by: the e-mail as the login matches it, and the client's
address as our own proxies saw it.

Login matches e-mails case-insensitively, so axes must count "Anna@X.dk" and "anna@x.dk" as one
account, or each casing gets its own five tries. Behind proxies every request comes from the proxy's
address; only the entries our own proxies appended to X-Forwarded-For are believed (a client can
write anything in front of them), so one person cannot lock everyone out, nor dodge the count.
"""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def normalised_email(value: object) -> str:
    """The form in which an e-mail is stored and compared: stripped and lower-case."""
    return str(value or "").strip().lower()


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the typed e-mail, normalised like the account's own."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        return normalised_email(credentials[field])
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalised_email(data.get(field))


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE, and the rate limits' notion of a client.

    With TRUSTED_PROXY_COUNT = N proxies in front of us, the last of them is REMOTE_ADDR and each
    appended the address it saw to X-Forwarded-For: the client is the N-th address from the right of
    "X-Forwarded-For, REMOTE_ADDR". With N = 0 (no proxy) the header is ignored: anyone can send it.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    # Fewer entries than proxies: the request did not pass all of them; the leftmost is all we have.
    candidate = chain[-(count + 1)] if len(chain) > count else chain[0]
    return candidate if _is_address(candidate) else remote
