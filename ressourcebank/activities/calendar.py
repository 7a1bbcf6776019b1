"""iCal feeds (RFC 5545) of activities, in the style of appointments' counselling feed: one event
per date rather than a recurrence rule, so a cancelled date is simply not there and a moved one
is at its new time in every calendar program."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ressourcebank.taxonomy.models import Area

from .models import Activity, Occurrence
from .recurrence import zone

DAYS_IN_FEED = 182
MAX_EVENTS = 500


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Randers Kommune//Ressourcebanken//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(occurrence: Occurrence, host: str) -> Event:
    activity = occurrence.activity
    event = Event()
    event.add("uid", f"activity-occurrence-{occurrence.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occurrence.starts_at.astimezone(zone()))
    event.add("dtend", occurrence.ends_at.astimezone(zone()))
    event.add("summary", activity.title)
    event.add("location", ", ".join(part for part in (activity.place, activity.address) if part))
    description = activity.description
    if occurrence.note:
        description = f"{occurrence.note}\n\n{description}"
    event.add("description", f"{description}\n\n{_('Pris')}: {activity.cost_display()}")
    event.add("url", settings.SITE_URL + occurrence.get_absolute_url())
    return event


def _feed(cal: Calendar, occurrences: list[Occurrence]) -> bytes:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "ressourcebank"
    for occurrence in occurrences:
        cal.add_component(_event(occurrence, host))
    cal.add_missing_timezones()
    return cal.to_ical()


def activity_feed(activity: Activity) -> bytes:
    now = timezone.now()
    dates = (
        Occurrence.objects.listed()
        .filter(activity=activity)
        .between(now - timedelta(days=1), now + timedelta(days=DAYS_IN_FEED))
        .select_related("activity")
        .order_by("starts_at")[:MAX_EVENTS]
    )
    return _feed(_calendar(activity.title), list(dates))


def area_feed(area: Area) -> bytes:
    now = timezone.now()
    dates = Occurrence.objects.upcoming_in_area(area, now - timedelta(days=1), now + timedelta(days=DAYS_IN_FEED))
    return _feed(_calendar(_("Fællesskaber · %(area)s") % {"area": area.name}), list(dates[:MAX_EVENTS]))
