"""The public guide: the list of pages and one page by its slug. Only published words are shown;
a page staff have not published answers 404, as a page that does not exist."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import GuidePage


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/guide_index.html", {"pages": GuidePage.objects.published()})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    guide_page = get_object_or_404(GuidePage.objects.published(), slug=slug)
    others = [other for other in GuidePage.objects.published() if other.pk != guide_page.pk]
    return render(
        request,
        "guide/guide_page.html",
        {"page": guide_page, "version": guide_page.published_version, "others": others},
    )
