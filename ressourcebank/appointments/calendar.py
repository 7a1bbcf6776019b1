"""The iCal feed (RFC 5545) of an area's counselling hours: one event per date of the coming
weeks rather than a recurrence rule, so that public holidays and closing days (lib.workdays), which
have no counselling, are simply not there in any calendar program."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ressourcebank.taxonomy.models import Area

from .models import CounsellingHours

WEEKS_IN_FEED = 26


def feed(area: Area, hours: list[CounsellingHours], *, site_url: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    host = site_url.split("://", 1)[-1].split("/", 1)[0] or "ressourcebank"
    cal = Calendar()
    cal.add("prodid", "-//Randers Kommune//Ressourcebanken//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Fremskudt rådgivning · %(area)s") % {"area": area.name})
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in hours:
        for day in entry.occurrences(today, today + timedelta(weeks=WEEKS_IN_FEED)):
            event = Event()
            event.add("uid", f"counselling-{entry.pk}-{day.isoformat()}@{host}")
            event.add("dtstamp", timezone.now())
            event.add("dtstart", entry.at(day, entry.start_time).astimezone(zone))
            event.add("dtend", entry.at(day, entry.end_time).astimezone(zone))
            event.add("summary", f"{entry.title} · {entry.place}")
            event.add("location", f"{entry.place}, {entry.address}")
            event.add("description", entry.description)
            event.add("url", f"{site_url}/omraader/{area.slug}/")
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
