"""The weekly mail to the owner of an open need about new offers that match it. It lives with matching,
which finds the offers; notifications owns the mail, the outbox and each person's choice of mail."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.notifications.actions import queue_mail, render_mail
from ressourcebank.notifications.models import Frequency, NotificationPreference, OutboxMail, frequency_of

from .ranking import suggest_offers

# A person with no earlier weekly mail hears about offers from the last week.
NEED_DIGEST_FIRST_WINDOW = timedelta(days=7)
NEED_DIGEST_OFFERS = 5


def send_weekly_need_digests(now: datetime | None = None) -> int:
    """Tells the owner of an open need about offers that match it and were published since their last
    weekly mail. Nothing is sent when there is nothing new, or to people who want no mail."""
    now = now or timezone.now()
    year, week, _weekday = timezone.localdate(now).isocalendar()
    needs_by_owner: dict[int, list[Need]] = defaultdict(list)
    for need in (
        Need.objects.filter(status=Need.Status.OPEN, owner__isnull=False, owner__is_active=True)
        .select_related("owner", "area", "category")
        .order_by("owner_id", "created_at")
    ):
        needs_by_owner[need.owner_id].append(need)  # type: ignore[index]
    queued = 0
    for needs in needs_by_owner.values():
        owner: User = needs[0].owner  # type: ignore[assignment]
        if frequency_of(owner) == Frequency.NONE or not owner.email:
            continue
        preference, _created = NotificationPreference.objects.get_or_create(user=owner)
        since = preference.need_digest_sent_at or now - NEED_DIGEST_FIRST_WINDOW
        sections = []
        for need in needs:
            suggestions = suggest_offers(need.title, need.description, need.area, category=need.category, limit=20)
            new_offers = [
                {"title": s.offer.title, "link": settings.SITE_URL + s.offer.get_absolute_url()}
                for s in suggestions
                # Only offers that fit: a need with no good match hears when one appears.
                if s.confidence != "low"
                and s.offer.published_at
                and since < s.offer.published_at <= now
                and s.offer.owner_id != owner.pk
            ][:NEED_DIGEST_OFFERS]
            if new_offers:
                link = settings.SITE_URL + need.get_absolute_url()
                sections.append({"title": need.display_title(), "link": link, "offers": new_offers})
        if not sections:
            continue
        with transaction.atomic():
            context = {"user": owner, "needs": sections}
            key = f"need:{owner.pk}:{year}-{week:02d}"
            if queue_mail(owner, OutboxMail.Kind.NEED_DIGEST, key, render_mail("need_digest", context)):
                queued += 1
            NotificationPreference.objects.filter(pk=preference.pk).update(need_digest_sent_at=now)
    return queued
