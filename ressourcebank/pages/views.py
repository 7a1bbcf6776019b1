from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from ressourcebank.accounts.redirects import safe_next_url
from ressourcebank.taxonomy.models import Area, Category

from .content import default_contact_body
from .hooks import area_sections, home_sections
from .models import Page


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/home.html",
        {
            "categories": Category.objects.filter(is_active=True),
            "areas": Area.objects.all(),
            # From the apps above (registered in their AppConfig.ready), e.g. counselling near you.
            "sections": [section for hook in home_sections if (section := hook(request))],
        },
    )


def area(request: HttpRequest, slug: str) -> HttpResponse:
    """An area's own page: what happens there, from the apps above, and the way to its offers."""
    area = get_object_or_404(Area, slug=slug)
    sections = [section for hook in area_sections if (section := hook(request, area))]
    return render(request, "pages/area.html", {"area": area, "sections": sections, "areas": Area.objects.all()})


def contact(request: HttpRequest) -> HttpResponse:
    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    body = page.body if page else default_contact_body()
    return render(request, "pages/contact.html", {"page": page, "body": body})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remembers the language a person picked in the footer and sends them back where they were.

    A link rather than Django's set_language form: that form needs a CSRF token on every page.
    Only the choice of language is stored, and only a local `next` is followed.
    """
    next_url = safe_next_url(request, "/")
    response = redirect(next_url)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from a page too old (or without cookies), said in Danish in
    the site's layout, with the way back to the page it came from when that page is ours."""
    referer = request.headers.get("referer", "")
    back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
