"""Demo counselling hours in three areas and free callback times for both demo teams in the coming
week, counted from the day load_demo runs. Idempotent: counselling hours are found by area, place
and weekday; a callback time that exists is left alone (a later run only adds the new days)."""

from datetime import date, time, timedelta

from django.utils import timezone

from ressourcebank.appointments import actions
from ressourcebank.appointments.models import CounsellingHours, Weekday
from ressourcebank.inbox.models import Team
from ressourcebank.lib.workdays import is_working_day
from ressourcebank.taxonomy.models import Area

# area slug, team slug, title, place, address, weekday, from, to, every n weeks, drop-in, booking minutes
COUNSELLING = [
    (
        "assentoft",
        "borgerservice",
        "Hjælp til økonomi, digital post og ansøgninger",
        "Assentoft Bibliotek",
        "Assentoft Bygade 30, 8960 Randers SØ",
        Weekday.THURSDAY,
        time(14, 0),
        time(16, 0),
        1,
        True,
        20,
    ),
    (
        "langaa",
        "job-og-familie",
        "Rådgivning om job, uddannelse og familie",
        "Langå Bibliotek",
        "Bredgade 1, 8870 Langå",
        Weekday.TUESDAY,
        time(13, 0),
        time(15, 0),
        2,
        True,
        None,
    ),
    (
        "havndal",
        "borgerservice",
        "Hjælp til pension, boligstøtte og selvbetjening",
        "Havndal Hallen, mødelokalet",
        "Skolevej 4, 8970 Havndal",
        Weekday.WEDNESDAY,
        time(10, 0),
        time(12, 0),
        1,
        False,
        30,
    ),
]

# team slug, from, to, minutes: the callback times each team offers on the coming working days.
CALLBACK_HOURS = [
    ("borgerservice", time(13, 0), time(15, 0), 15),
    ("job-og-familie", time(14, 0), time(16, 0), 20),
]
CALLBACK_DAYS = 5


def _coming_working_days(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        day += timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return days


def load_appointments() -> None:
    today = timezone.localdate()
    teams = {team.slug: team for team in Team.objects.all()}
    for area_slug, team_slug, title, place, address, weekday, start, end, every, drop_in, minutes in COUNSELLING:
        area = Area.objects.filter(slug=area_slug).first()
        if area is None:
            continue
        hours, created = CounsellingHours.objects.get_or_create(
            area=area,
            place=place,
            weekday=weekday,
            defaults={
                "team": teams.get(team_slug),
                "title": title,
                "address": address,
                "start_time": start,
                "end_time": end,
                "every_weeks": every,
                "starts_on": today,
                "is_drop_in": drop_in,
                "booking_minutes": minutes,
            },
        )
        actions.make_counselling_slots(hours)
    for team_slug, start, end, minutes in CALLBACK_HOURS:
        team = teams.get(team_slug)
        if team is None:
            continue
        for day in _coming_working_days(today, CALLBACK_DAYS):
            actions.publish_callback_slots(team, on=day, start=start, end=end, minutes=minutes, by=None)
