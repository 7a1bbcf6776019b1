"""A short-lived cache of public lists for visitors who are not logged in.

The search page and the public API lists are the busiest pages and the same for every anonymous
visitor. This middleware sits near the top of the stack, so a hit skips sessions, authentication
and rendering alike; the stored response keeps the security headers the lower middleware added.

What it must never do is serve one person's page to another, so it only serves and stores:
- GET/HEAD of the paths in settings.PUBLIC_PAGE_CACHE_PATHS (exact paths, any query string);
- requests that carry no cookie but the language choice and no Authorization header;
- 200 responses that set no cookie and are not marked private.
A change to an offer shows up for anonymous visitors within PUBLIC_PAGE_CACHE_SECONDS (0 turns
the cache off); people who are logged in always see the live page.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


def _cache_key(request: HttpRequest) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    htmx = "1" if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request") else ""
    raw = "\n".join([request.method or "", request.get_full_path(), language, htmx])
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not self._is_cacheable_request(request):
            return self.get_response(request)
        key = _cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self._is_cacheable_response(response):
            cache.set(key, response, seconds)
        return response

    @staticmethod
    def _is_cacheable_request(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and request.path in settings.PUBLIC_PAGE_CACHE_PATHS
            and set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME}
            and "Authorization" not in request.headers
        )

    @staticmethod
    def _is_cacheable_response(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
