"""Who may see what of the guide: everyone sees published pages; staff (the staff area's
require_staff) see drafts and versions, fetched here so that an unknown slug or number is a 404."""

from django.shortcuts import get_object_or_404

from .models import GuidePage, GuideVersion


def get_page_for_staff(slug: str) -> GuidePage:
    return get_object_or_404(GuidePage, slug=slug)


def get_version_for_staff(slug: str, number: int) -> GuideVersion:
    return get_object_or_404(GuideVersion.objects.select_related("page", "created_by"), page__slug=slug, number=number)
