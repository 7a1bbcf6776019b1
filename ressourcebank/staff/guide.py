"""Staff screens for the guide ("Sådan hjælper du"): the pages, writing a new version, reading a
version as the public would see it before publishing, publishing it, and going back to an earlier
one. Behind require_staff; each change is audited by the guide's actions."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.guide import actions
from ressourcebank.guide.forms import GuideVersionForm
from ressourcebank.guide.models import GuidePage
from ressourcebank.guide.permissions import get_page_for_staff, get_version_for_staff


@require_staff
def pages(request: AuthenticatedHttpRequest) -> HttpResponse:
    listed = GuidePage.objects.select_related("published_version").prefetch_related("versions")
    rows = [(page, max((v.number for v in page.versions.all()), default=0)) for page in listed]
    return render(request, "staff/guide_pages.html", {"rows": rows})


@require_staff
def page_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GuideVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        version = actions.create_page(slug=actions.unique_slug(title), title=title, body=body, by=request.user)
        messages.success(request, _("Siden er gemt som kladde. Læs den, og offentliggør den, når den er klar."))
        return redirect("staff:guide_version", version.page.slug, version.number)
    return render(request, "staff/guide_form.html", {"form": form, "page": None, "versions": []})


@require_staff
def page_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The latest words in the form; saving keeps them as a new version, not yet public."""
    page = get_page_for_staff(slug)
    latest = page.latest_version()
    initial = {"title": latest.title, "body": latest.body} if latest else {}
    form = GuideVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = actions.save_version(page, title=data["title"], body=data["body"], by=request.user)
        messages.success(
            request, _("Version %(number)s er gemt. Den er ikke offentlig endnu.") % {"number": version.number}
        )
        return redirect("staff:guide_version", page.slug, version.number)
    versions = page.versions.select_related("created_by", "copied_from")
    return render(request, "staff/guide_form.html", {"form": form, "page": page, "versions": versions})


@require_staff
def version_preview(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    """A version as the public would see it, with the choice to publish it or go back to it."""
    version = get_version_for_staff(slug, number)
    page = version.page
    published = page.published_version
    return render(
        request,
        "staff/guide_version.html",
        {
            "page": page,
            "version": version,
            "published": published,
            "is_published": published is not None and published.pk == version.pk,
            "is_older": published is not None and version.number < published.number,
        },
    )


@require_staff
@require_POST
def version_publish(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    version = get_version_for_staff(slug, number)
    published = version.page.published_version
    if published is not None and version.number < published.number:
        version = actions.revert_to_version(version, by=request.user)
        messages.success(
            request,
            _("Siden er tilbage til version %(old)s (gemt som version %(new)s).")
            % {"old": number, "new": version.number},
        )
    else:
        actions.publish_version(version, by=request.user)
        messages.success(request, _("Version %(number)s er offentlig nu.") % {"number": version.number})
    return redirect(version.page.get_absolute_url())
