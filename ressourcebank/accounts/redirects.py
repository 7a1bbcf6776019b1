"""Where to send a person after a form: only to a local path they came from."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` parameter when it is a local path, else `default`.

    Only a path starting with "/": redirect() would take a bare word for a URL name, and another
    host would make the site an open redirect.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
