"""The second-factor gate for staff, administrators and coordinators.

After the password, such a person is sent to enter (or first set up) a TOTP code, and until they
have, every page is closed to them — public pages and Django's admin included, the simplest rule
that is safe. Only the second-factor pages themselves, logging out, static files and the language
switch stay open. Must come after django_otp's OTPMiddleware, which provides `is_verified()`.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not self._is_open(request.path)
        ):
            target = reverse("accounts:otp_verify")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        open_paths = (
            reverse("accounts:otp_verify"),
            reverse("accounts:otp_setup"),
            reverse("accounts:logout"),
        )
        if path in open_paths:
            return True
        prefixes = (settings.STATIC_URL or "/static/", "/sprog/")
        return path.startswith(prefixes)
