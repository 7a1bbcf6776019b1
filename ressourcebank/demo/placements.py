"""Demo places at a business: Assentoft Byggemarked (virksomhed@ressourcebank.test acts for it)
has a workplace with 30 ordinary employees and two approved places of one person each.

Idempotent like the rest of load_demo: the workplace is found by organisation and name, a place
by workplace and title.
"""

from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area

BUSINESS = "Assentoft Byggemarked"
WORKPLACE = ("Byggemarkedet i Assentoft", "Assentoft Bygade 12, 8960 Randers SØ", "assentoft", 30)

# kind, title, tasks, learning, hours from, hours to, young, adjustments, mentor, accessibility
PLACES = [
    (
        Place.Kind.VIRKSOMHEDSPRAKTIK,
        "Praktik på lageret og i trælasten",
        "Tage imod varer, fylde hylder op, holde orden i trælasten og hjælpe kunder med at læsse.",
        "At arbejde i et team, bruge en håndscanner og køre med palleløfter.",
        15,
        30,
        True,
        "Vi kan starte med korte dage og lægge pauser ind.",
        "Jens Lagerchef",
        "Lageret er i stueplan. Bus 212 stopper ved døren.",
    ),
    (
        Place.Kind.SKAANEJOB,
        "Skånejob i butikken",
        "Prismærke varer, sætte varer på plads og svare kunder ved farveblanderen.",
        "",
        10,
        15,
        False,
        "Ingen tunge løft. Arbejdet kan foregå siddende.",
        "Susanne Butikschef",
        "Niveaufri adgang og handicaptoilet.",
    ),
]


def load_placements(approved_by: User) -> None:
    organisation = Organisation.objects.get(name=BUSINESS)
    name, address, area, employees = WORKPLACE
    workplace, _created = Workplace.objects.get_or_create(
        organisation=organisation,
        name=name,
        defaults={"address": address, "area": Area.objects.get(slug=area), "ordinary_employees": employees},
    )
    contact = organisation.memberships.select_related("user").order_by("pk").first()
    for kind, title, tasks, learning, least, most, young, adjustments, mentor, accessibility in PLACES:
        if Place.objects.filter(workplace=workplace, title=title).exists():
            continue
        Place.objects.create(
            workplace=workplace,
            kind=kind,
            title=title,
            tasks=tasks,
            learning=learning,
            hours_per_week_min=least,
            hours_per_week_max=most,
            places=1,
            young=young,
            adjustments=adjustments,
            mentor=mentor,
            accessibility=accessibility,
            status=Place.Status.OPEN,
            created_by=contact.user if contact else None,
            approved_at=timezone.now(),
            approved_by=approved_by,
        )
