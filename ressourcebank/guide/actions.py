"""Staff write the guide: every save is a new version (who, when), publishing is a step of its own
so a draft can be read first, and going back publishes a copy of an earlier version. Each change is
in the audit log; nothing here deletes a version."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import Verb, record

from .models import GuidePage, GuideVersion


def create_page(*, slug: str, title: str, body: str, by: User) -> GuideVersion:
    """A new page with its first version, not yet public."""
    with transaction.atomic():
        position = (GuidePage.objects.aggregate(last=Max("position"))["last"] or 0) + 10
        page = GuidePage.objects.create(slug=slug, position=position)
        record(by, Verb.CREATE, page, note=slug)
        return save_version(page, title=title, body=body, by=by)


def save_version(
    page: GuidePage, *, title: str, body: str, by: User, copied_from: GuideVersion | None = None
) -> GuideVersion:
    """Keeps the words as a new version of the page. The public keeps seeing the published one."""
    with transaction.atomic():
        # Lock the page so two editors saving at once get numbers one after the other.
        GuidePage.objects.select_for_update().filter(pk=page.pk).first()
        number = (page.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = GuideVersion.objects.create(
            page=page, number=number, title=title, body=body, created_by=by, copied_from=copied_from
        )
        record(by, Verb.CREATE, version, note=f"{page.slug} version {number}")
    return version


def publish_version(version: GuideVersion, *, by: User) -> GuideVersion:
    """Makes this version the one the public sees."""
    with transaction.atomic():
        page = GuidePage.objects.select_for_update().get(pk=version.page_id)
        before = page.published_version_id
        page.published_version = version
        page.published_at = timezone.now()
        page.published_by = by
        page.save(update_fields=["published_version", "published_at", "published_by"])
        record(
            by,
            Verb.UPDATE,
            page,
            note=f"version {version.number} offentliggjort",
            changes={"published_version": (before, version.pk)},
        )
    version.page = page
    return version


def revert_to_version(version: GuideVersion, *, by: User) -> GuideVersion:
    """Going back to an earlier version: its words become a new version, which is published. The
    versions in between stay, so going back can itself be undone."""
    with transaction.atomic():
        copy = save_version(version.page, title=version.title, body=version.body, by=by, copied_from=version)
        return publish_version(copy, by=by)


def unique_slug(title: str) -> str:
    """An address for a new page from its title (æ, ø and å spelt out), numbered if it is taken."""
    base = slugify(title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:70] or "side"
    slug, number = base, 2
    while GuidePage.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
