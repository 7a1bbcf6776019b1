"""The site's URLs plus /_bench/plain: a bare Django view that returns a fixed string.

It goes through the same middleware as every page, so the ratio to it measures our own work.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/plain", plain), *site_urlpatterns]
