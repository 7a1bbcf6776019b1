"""Demo activities ("fællesskaber") in several areas: an open choir evening and a knitting café in
Assentoft, an opera evening for everyone in Randers C with sign-up, a community dinner in Langå
that is full with a waitlist, and a citizen's first activity waiting for staff. Made through the
actions, counted from the day load_demo runs. Idempotent: an activity is found by title and area,
a sign-up by person and date."""

from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.activities.recurrence import Recurrence
from ressourcebank.taxonomy.models import Area, Category

# (organiser's e-mail prefix, organisation or None, area slug, category slug, fields)
ACTIVITIES: list[tuple[str, str | None, str, str, dict[str, Any]]] = [
    (
        "forening",
        "Assentoft Borgerforening",
        "assentoft",
        "faellesskab",
        {
            "title": "Åben koraften",
            "description": "Vi synger danske sange og lidt fra hele verden. Du behøver ikke kunne noder eller have "
            "sunget før. Der er kaffe i pausen.",
            "place": "Assentoft Forsamlingshus",
            "address": "Assentoft Bygade 22, 8960 Randers SØ",
            "weekday": 2,
            "recurrence": Recurrence.WEEKLY,
            "start_time": time(19, 0),
            "end_time": time(21, 0),
            "labels": ["bare-moed-op", "fint-at-komme-alene", "ingen-tilmelding", "ingen-forudsaetninger"],
            "accessibility": ["trinfri-adgang", "teleslynge", "handicaptoilet"],
            "contact": "Spørg Frede på 22 33 44 55",
        },
    ),
    (
        "forening",
        "Assentoft Strikkeklub",
        "assentoft",
        "haandarbejde",
        {
            "title": "Strikkecafé",
            "description": "Tag dit strikketøj med, eller lån garn og pinde af os. Vi hjælper gerne, hvis du vil "
            "lære at strikke. Det vigtigste er snakken.",
            "place": "Assentoft Bibliotek",
            "address": "Assentoft Bygade 30, 8960 Randers SØ",
            "weekday": 3,
            "recurrence": Recurrence.FORTNIGHTLY,
            "start_time": time(14, 0),
            "end_time": time(16, 0),
            "cost_text": "10 kr. for kaffe og kage",
            "labels": ["bare-moed-op", "fint-at-komme-alene", "ingen-tilmelding"],
            "accessibility": ["trinfri-adgang", "stille-rum", "offentlig-transport"],
        },
    ),
    (
        "medarbejder",
        None,
        "randers-c",
        "faellesskab",
        {
            "title": "Operaaften for alle",
            "description": "Vi ser en opera sammen på storskærm, og en sanger fortæller om den i pausen. Alle er "
            "velkomne, uanset om man har været i operaen før. Gratis, men meld dig til, så vi ved, hvor mange "
            "stole vi skal sætte frem.",
            "place": "Randers Bibliotek, salen",
            "address": "Stemannsgade 2, 8900 Randers C",
            "weekday": 4,
            "recurrence": Recurrence.MONTHLY,
            "start_time": time(19, 0),
            "end_time": time(22, 0),
            "labels": ["fint-at-komme-alene", "ingen-forudsaetninger"],
            "accessibility": ["trinfri-adgang", "teleslynge", "tegnsprog", "handicaptoilet", "offentlig-transport"],
            "needs_signup": True,
            "capacity": 40,
            "contact": "Ring til Borgerservice på 89 15 15 15",
        },
    ),
    (
        "forening",
        "Assentoft Borgerforening",
        "langaa",
        "foedevarer",
        {
            "title": "Fællesspisning i Langå",
            "description": "Vi laver mad sammen og spiser ved lange borde. Kom alene eller tag naboen med.",
            "place": "Langå Medborgerhus",
            "address": "Bredgade 14, 8870 Langå",
            "weekday": 0,
            "recurrence": Recurrence.MONTHLY,
            "start_time": time(17, 30),
            "end_time": time(19, 30),
            "cost_text": "35 kr., børn under 12 gratis",
            "labels": ["fint-at-komme-alene", "boern-velkomne"],
            "accessibility": ["trinfri-adgang", "parkering-taet-paa"],
            "needs_signup": True,
            "capacity": 4,
        },
    ),
    (
        "mads",
        None,
        "kristrup",
        "motion",
        {
            "title": "Gåtur langs Gudenåen",
            "description": "En rolig gåtur på en time, og bagefter en kop kaffe på bænken. Vi går i det tempo, "
            "den langsomste går.",
            "place": "P-pladsen ved Kristrup Kirke",
            "weekday": 5,
            "recurrence": Recurrence.WEEKLY,
            "start_time": time(10, 0),
            "end_time": time(11, 30),
            "labels": ["bare-moed-op", "fint-at-komme-alene", "ingen-tilmelding"],
        },
    ),
]

# Sign-ups: (activity title, e-mail prefix of a demo user, or a name and phone signed up by the tovholder)
SIGNUPS: list[tuple[str, str | None, tuple[str, str] | None]] = [
    ("Operaaften for alle", "borger", None),
    ("Operaaften for alle", "mads", None),
    ("Operaaften for alle", None, ("Inger Jensen", "+4522446688")),
    ("Fællesspisning i Langå", "borger", None),
    ("Fællesspisning i Langå", "mads", None),
    ("Fællesspisning i Langå", "forening", None),
    ("Fællesspisning i Langå", "virksomhed", None),
    ("Fællesspisning i Langå", None, ("Ole Olsen", "+4533557799")),
]


def _next(weekday: int, today: date) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _user(prefix: str) -> User:
    return User.objects.get(email=f"{prefix}@ressourcebank.test")


def load_activities() -> None:
    today = timezone.localdate()
    by_title: dict[str, Activity] = {}
    for prefix, organisation_name, area_slug, category_slug, fields in ACTIVITIES:
        area = Area.objects.get(slug=area_slug)
        existing = Activity.objects.filter(title=fields["title"], area=area).first()
        if existing is None:
            values = dict(fields)
            weekday = values.pop("weekday")
            organisation = Organisation.objects.get(name=organisation_name) if organisation_name else None
            existing = actions.create_activity(
                actions.ActivityData(
                    category=Category.objects.get(slug=category_slug),
                    area=area,
                    starts_on=_next(weekday, today),
                    organisation=organisation,
                    **values,
                ),
                by=_user(prefix),
            )
        by_title[existing.title] = existing
    tovholder = _user("tovholder")
    for title, who, other in SIGNUPS:
        first: Occurrence | None = by_title[title].occurrences.upcoming().order_by("starts_at").first()
        if first is None:
            continue
        if who is not None:
            user = _user(who)
            if not Signup.objects.filter(occurrence=first, user=user).exists():
                actions.sign_up(first, by=user)
        elif other is not None and not Signup.objects.filter(occurrence=first, name=other[0]).exists():
            actions.sign_up(
                first, by=tovholder, name=other[0], phone=other[1], channel=Signup.Channel.PHONE, on_behalf=True
            )
