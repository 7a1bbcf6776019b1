"""Loads Danish demo content and one login per role; `make run` runs it. Running it again changes nothing.

The content is drawn from the citizens' meeting in Assentoft (the seed document): a visiting friend,
a knitting circle, an accounting firm's free hours, an internship place, an open choir evening ...
Everything is fictitious; the logins end in @ressourcebank.test and share one printed password.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ressourcebank.accounts.models import Membership, Organisation, User
from ressourcebank.cases import actions as cases
from ressourcebank.cases.models import Agency, AgencyKind, Case, CaseRole, CaseTeam, PlanAction
from ressourcebank.demo.activities import load_activities
from ressourcebank.demo.appointments import load_appointments
from ressourcebank.demo.inbox import TEAMS, load_inquiries, load_teams
from ressourcebank.demo.placements import load_placements
from ressourcebank.needs.indexing import index_needs
from ressourcebank.needs.models import Need
from ressourcebank.offers.indexing import index_offers
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

PASSWORD = "demo-ressourcebank-2026"  # noqa: S105 - printed on purpose; refused outside DEBUG
SITE = "http://127.0.0.1:8000"

# email prefix, name, role, organisations the person acts for
LOGINS = [
    ("borger", "Birgit Borger", User.Role.CITIZEN, []),
    ("virksomhed", "Viggo Virksomhed", User.Role.CITIZEN, ["Revisionsfirmaet Tal & Tryghed", "Assentoft Byggemarked"]),
    ("forening", "Frede Forening", User.Role.CITIZEN, ["Assentoft Borgerforening", "Assentoft Strikkeklub"]),
    ("tovholder", "Tove Tovholder", User.Role.COORDINATOR, []),
    ("tovholder2", "Thomas Tovholder", User.Role.COORDINATOR, []),
    ("medarbejder", "Mette Medarbejder", User.Role.STAFF, []),
    ("admin", "Anders Admin", User.Role.ADMIN, []),
    ("revisor", "Rasmus Revisor", User.Role.AUDITOR, []),
]

# name, kind, approved, description
ORGANISATIONS = [
    ("Revisionsfirmaet Tal & Tryghed", "virksomhed", True, "Revision og regnskab i Randers og omegn."),
    ("Assentoft Byggemarked", "virksomhed", True, "Byggemarked og trælast i Assentoft."),
    ("Assentoft Borgerforening", "forening", True, "Borgerforeningen for Assentoft og omegn."),
    ("Assentoft Strikkeklub", "forening", True, "Vi strikker, snakker og drikker kaffe."),
    ("Cykelværkstedet Vorup", "virksomhed", False, "Lille cykelværksted, der gerne vil hjælpe."),
]

# key, title, description, category, area, who (login prefix or organisation), capacity, extras
OFFERS: list[tuple[str, str, str, str, str, str, tuple[str, int | None], dict[str, Any]]] = [
    (
        "demo-besoegsven",
        "Besøgsven i Assentoft",
        "Jeg er pensionist og kommer gerne forbi til en kop kaffe, en snak eller en gåtur. Alle kan noget – "
        "og jeg kan lytte.",
        "besoegsven",
        "assentoft",
        "borger",
        ("hours_per_month", 4),
        {"availability": "Hverdage om eftermiddagen"},
    ),
    (
        "demo-strikkeklub",
        "Strikkeklub hver tirsdag",
        "Er du dygtig til at strikke, eller vil du gerne lære det? Vi mødes i forsamlingshuset og strikker "
        "sammen. Garn og pinde kan lånes.",
        "haandarbejde",
        "assentoft",
        "Assentoft Strikkeklub",
        ("places", 12),
        {"availability": "Tirsdage kl. 14–16"},
    ),
    (
        "demo-revisor",
        "5 gratis timer om måneden til regnskab, budget og skat",
        "Vi er et revisionsfirma og giver 5 timer om måneden gratis til borgere, der har brug for hjælp til "
        "budget, regninger, årsopgørelse eller et lille regnskab.",
        "oekonomi-raadgivning",
        "randers-c",
        "Revisionsfirmaet Tal & Tryghed",
        ("hours_per_month", 5),
        {"is_remote": True},
    ),
    (
        "demo-praktik",
        "Praktikplads på lager og i butik",
        "Vi har plads til en borger i virksomhedspraktik eller jobafklaring. Du får en fast kontaktperson og "
        "opgaver, der passer til dig.",
        "praktikplads",
        "assentoft",
        "Assentoft Byggemarked",
        ("places", 2),
        {},
    ),
    (
        "demo-kor",
        "Åben koraften – alle kan synge med",
        "Kom og syng med! Ingen forudsætninger, ingen noder. Her mødes alle som ligeværdige om noget socialt.",
        "faellesskab",
        "assentoft",
        "Assentoft Borgerforening",
        ("one_off", None),
        {"availability": "Første torsdag i måneden kl. 19"},
    ),
    (
        "demo-lektier",
        "Lektiehjælp i matematik og dansk",
        "Frivillige voksne hjælper skolebørn med lektierne i klubhuset. Der er saftevand og frugt.",
        "lektiehjaelp",
        "assentoft",
        "Assentoft Borgerforening",
        ("hours_per_week", 4),
        {"has_child_contact": True, "child_check": True, "availability": "Mandag og onsdag kl. 15–17"},
    ),
    (
        "demo-laegen",
        "Kørsel til lægen eller sygehuset",
        "Jeg har bil og tid og kører dig gerne til lægen, tandlægen eller Regionshospitalet – og venter gerne.",
        "transport",
        "langaa",
        "borger",
        ("hours_per_month", 6),
        {},
    ),
    (
        "demo-mitid",
        "IT-hjælp med MitID og Digital Post",
        "Vi hjælper med MitID, Digital Post, mobil og tablet – i foreningshuset eller over telefonen.",
        "it-hjaelp",
        "randers-c",
        "Assentoft Borgerforening",
        ("hours_per_week", 2),
        {"is_remote": True},
    ),
    (
        "demo-saerligt-job",
        "Særligt job: fleksjob i vores trælast",
        "Vi har et job med færre og tilpassede timer til en borger med nedsat arbejdsevne.",
        "saerligt-job",
        "assentoft",
        "Assentoft Byggemarked",
        ("places", 1),
        {},
    ),
    (
        "demo-cv",
        "Hjælp til ansøgning og CV",
        "Jeg har arbejdet med rekruttering i mange år og læser gerne din ansøgning og dit CV igennem.",
        "jobsoegning",
        "hele-kommunen",
        "borger",
        ("one_off", None),
        {"is_remote": True},
    ),
    (
        "demo-gaatur",
        "Gåtur og en snak langs Gudenåen",
        "Jeg går en tur hver formiddag og vil gerne have selskab. Vi går i dit tempo.",
        "motion",
        "randers-c",
        "borger",
        ("one_off", None),
        {},
    ),
    (
        "demo-spisning",
        "Fællesspisning i forsamlingshuset",
        "Vi laver mad sammen og spiser sammen. Det koster ingenting, og alle er velkomne.",
        "foedevarer",
        "spentrup",
        "Assentoft Borgerforening",
        ("places", 30),
        {},
    ),
    (
        "demo-have",
        "Hjælp til havearbejde",
        "Jeg slår gerne græs, klipper hæk eller luger for dig, der ikke selv kan.",
        "praktisk-hjaelp",
        "kristrup",
        "borger",
        ("hours_per_month", 3),
        {},
    ),
    (
        "demo-dansk",
        "Snak dansk over en kop kaffe",
        "Vil du øve dig i at tale dansk? Vi mødes og snakker om løst og fast, og hjælper gerne med at forstå breve.",
        "sprog",
        "randers-c",
        "Assentoft Strikkeklub",
        ("one_off", None),
        {},
    ),
    (
        "demo-reparation",
        "Små reparationer i hjemmet",
        "En dryppende vandhane eller en dør, der binder? Jeg har værktøjet og hjælper gerne.",
        "handyman",
        "haslund",
        "borger",
        ("hours_per_month", 2),
        {},
    ),
    (
        "demo-budget",
        "Styr på budgettet – én samtale",
        "Vi sætter os sammen og laver et overblik over dine faste udgifter.",
        "oekonomi-raadgivning",
        "hele-kommunen",
        "Revisionsfirmaet Tal & Tryghed",
        ("one_off", None),
        {"is_remote": True},
    ),
    # Waits for the organisation to be approved by staff.
    (
        "demo-cykel",
        "Cykelreparation for alle",
        "Vi lapper slanger og justerer bremser gratis den første lørdag i måneden.",
        "handyman",
        "vorup",
        "Cykelværkstedet Vorup",
        ("one_off", None),
        {},
    ),
    # Waits for a børneattest to be recorded.
    (
        "demo-legestue",
        "Legestue for små børn og deres forældre",
        "Hver fredag formiddag leger vi, synger og drikker kaffe. For børn under skolealderen.",
        "boern-familie",
        "assentoft",
        "Assentoft Strikkeklub",
        ("one_off", None),
        {"has_child_contact": True},
    ),
    # A new citizen's first offer waits in the moderation queue.
    (
        "demo-flytning",
        "Hjælp til at flytte",
        "Jeg er stærk og har en trailer. Jeg hjælper gerne, hvis du skal flytte.",
        "praktisk-hjaelp",
        "dronningborg",
        "mads",
        ("one_off", None),
        {"moderation": True},
    ),
]

# key, title, description, area, category, owner (login prefix) or citizen name for the coordinator, visibility
NEEDS = [
    (
        "demo-behov-indkoeb",
        "Hjælp til at handle ind",
        "Jeg har svært ved at gå langt og mangler en, der vil handle ind med mig en gang om ugen.",
        "assentoft",
        "praktisk-hjaelp",
        "borger",
        "public",
    ),
    (
        "demo-behov-gaatur",
        "",
        "Jeg er alene meget og vil gerne have nogen at gå en tur med.",
        "langaa",
        "besoegsven",
        "borger",
        "public",
    ),
    (
        "demo-behov-brev",
        "Forstå brev fra kommunen",
        "Jeg har fået et brev fra kommunen, som jeg ikke forstår. Kan nogen hjælpe mig med at læse det?",
        "randers-c",
        "sprog",
        "borger",
        "public",
    ),
    (
        "demo-behov-jobsamtale",
        "Følges til jobsamtale",
        "Borgeren skal til jobsamtale og vil gerne have en at følges med. Kontakt tovholderen.",
        "randers-c",
        "transport",
        "Karen Jensen",
        "staff",
    ),
]


CASE_TEAM = "Tovholderteamet, Randers Kommune"

# One case per demo coordinator: household (name, relation, age group), agencies (kind, name, contact
# person, role, phone, what they do), plan (goal, actions: title, owner kind, owner, days until due,
# status, given by the citizen), consents (member, purpose, how, agency) and a note.
CASES: list[dict[str, Any]] = [
    {
        "title": "Familien Borger",
        "tovholder": "tovholder",
        "citizen": "borger",
        "kind": "household",
        "members": [("Oskar Borger", "child", "0-14"), ("Ida Borger", "child", "15-17")],
        "agencies": [
            (
                "beskaeftigelse",
                "Jobcenter Randers",
                "Jens Jobkonsulent",
                "Jobkonsulent",
                "89 15 10 00",
                "Hjælper Birgit med at finde et fleksjob.",
            ),
            (
                "skole",
                "Assentoft Skole",
                "Lise Lærer",
                "Klasselærer for Oskar",
                "89 15 20 00",
                "Følger Oskars fremmøde og trivsel.",
            ),
        ],
        "plan": [
            (
                "Oskar kommer i skole hver dag",
                [
                    ("Morgenhjælp to dage om ugen", "volunteer", "", 14, "in_progress", False),
                    ("Samtale med klasselæreren", "agency", "skole", 7, "not_started", False),
                ],
            ),
            (
                "Birgit får et arbejde, der passer til hende",
                [
                    ("Afklaring af fleksjob", "agency", "beskaeftigelse", 30, "not_started", False),
                    ("Birgit lærer to naboer at sy på symaskine", "citizen", "", 21, "not_started", True),
                ],
            ),
        ],
        "consents": [
            ("self", "share_with_volunteer", "oral", None),
            ("self", "contact_email", "digital", None),
            ("self", "share_with_agency", "paper", "skole"),
            ("Oskar Borger", "share_with_agency", "paper", "skole"),
        ],
        "note": "Første samtale hjemme hos familien. Birgit vil gerne have hjælp om morgenen.",
    },
    {
        "title": "Mads",
        "tovholder": "tovholder2",
        "citizen": "mads",
        "kind": "citizen",
        "members": [],
        "agencies": [
            (
                "bolig",
                "Randers Boligforening",
                "Bente Boligsocial",
                "Boligsocial medarbejder",
                "89 15 30 00",
                "Hjælper med en afdragsordning på huslejen.",
            ),
        ],
        "plan": [
            (
                "Mads bliver boende i sin lejlighed",
                [
                    ("Afdragsordning på huslejen", "agency", "bolig", 10, "in_progress", False),
                    # Past its day: the early signal tovholder2 sees on the overview (Mads consented).
                    ("Mads ringer til boligforeningen om huslejen", "citizen", "", -3, "not_started", False),
                    ("Hjælp til at åbne digital post", "volunteer", "", 20, "not_started", False),
                    ("Mads hjælper i cykelværkstedet en eftermiddag om ugen", "citizen", "", 28, "not_started", True),
                ],
            ),
        ],
        "consents": [
            ("self", "share_with_volunteer", "digital", None),
            ("self", "contact_sms", "oral", None),
            ("self", "early_signals", "oral", None),
        ],
        "note": "Mads er glad for at have én at ringe til.",
    },
]


class Command(BaseCommand):
    help = "Indlæser demo-indhold og én demo-bruger pr. rolle. Kan køres igen uden at ændre noget."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # Logins with a published password must never reach a real site.
            raise CommandError("Kun i udvikling (DJANGO_DEBUG=1): demo-brugerne har en kendt adgangskode.")
        with transaction.atomic():
            users = self._users()
            organisations = self._organisations(users)
            offer_ids = self._offers(users, organisations)
            need_ids = self._needs(users)
            load_teams(self._user)
            load_appointments()
            self._cases(users)
            load_inquiries()
            load_activities()
            load_placements(approved_by=users["medarbejder"])
            index_offers(offer_ids)
            index_needs(need_ids)
        self._print_logins()

    def _users(self) -> dict[str, User]:
        users = {}
        for prefix, name, role, _organisations in LOGINS:
            users[prefix] = self._user(f"{prefix}@ressourcebank.test", name, role)
            if users[prefix].needs_second_factor:
                # Set up already, so the login asks for a code (`manage.py demo_totp_code EMAIL`).
                TOTPDevice.objects.get_or_create(user=users[prefix], name="Demo", defaults={"confirmed": True})
        users["mads"] = self._user("mads@ressourcebank.test", "Mads Madsen", User.Role.CITIZEN)
        return users

    def _user(self, email: str, name: str, role: str) -> User:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=PASSWORD,
                name=name,
                role=role,
                is_superuser=role == User.Role.ADMIN,
                email_confirmed_at=timezone.now(),
            )
        return user

    def _organisations(self, users: dict[str, User]) -> dict[str, Organisation]:
        organisations = {}
        for name, kind, approved, description in ORGANISATIONS:
            organisation = Organisation.objects.filter(name=name).first()
            if organisation is None:
                organisation = Organisation.objects.create(
                    name=name,
                    kind=kind,
                    description=description,
                    approved_at=timezone.now() if approved else None,
                    approved_by=users["medarbejder"] if approved else None,
                )
            organisations[name] = organisation
        for prefix, _name, _role, names in LOGINS:
            for name in names:
                Membership.objects.get_or_create(
                    user=users[prefix], organisation=organisations[name], defaults={"is_admin": True}
                )
        Membership.objects.get_or_create(user=users["virksomhed"], organisation=organisations["Cykelværkstedet Vorup"])
        return organisations

    def _offers(self, users: dict[str, User], organisations: dict[str, Organisation]) -> list[int]:
        categories = {c.slug: c for c in Category.objects.all()}
        areas = {a.slug: a for a in Area.objects.all()}
        now = timezone.now()
        ids = []
        for age, (key, title, description, category, area, who, (kind, amount), extras) in enumerate(OFFERS):
            offer = Offer.objects.filter(key=key).first()
            if offer is None:
                organisation = organisations.get(who)
                owner = users["virksomhed" if organisation and organisation.kind == "virksomhed" else "forening"]
                offer = Offer(
                    key=key,
                    title=title,
                    description=description,
                    category=categories[category],
                    area=areas[area],
                    owner=users[who] if organisation is None else owner,
                    organisation=organisation,
                    provider=organisation.kind if organisation else "borger",
                    capacity_kind=kind,
                    capacity_amount=amount,
                    availability=extras.get("availability", ""),
                    is_remote=extras.get("is_remote", False),
                    has_child_contact=extras.get("has_child_contact", False),
                    created_at=now - timedelta(days=len(OFFERS) - age),
                )
                if extras.get("child_check"):
                    offer.child_check_obtained_on = timezone.localdate() - timedelta(days=30)
                    offer.child_check_recorded_by = users["forening"]
                if extras.get("moderation"):
                    offer.requires_moderation = True
                elif organisation is None:
                    # The citizen is trusted: staff approved their offers before.
                    offer.moderated_by, offer.moderated_at = users["medarbejder"], now
                if offer.is_ready_to_publish:
                    offer.status = Offer.Status.PUBLISHED
                    offer.published_at = offer.created_at
                offer.save()
            ids.append(offer.pk)
        return ids

    def _needs(self, users: dict[str, User]) -> list[int]:
        areas = {a.slug: a for a in Area.objects.all()}
        categories = {c.slug: c for c in Category.objects.all()}
        ids = []
        for key, title, description, area, category, who, visibility in NEEDS:
            need = Need.objects.filter(key=key).first()
            if need is None:
                need = Need(
                    key=key,
                    title=title,
                    description=description,
                    area=areas[area],
                    category=categories[category],
                    visibility=visibility,
                )
                if who in users:
                    need.owner = users[who]
                else:
                    need.coordinator, need.citizen_name = users["tovholder"], who
                need.save()
            ids.append(need.pk)
        return ids

    def _cases(self, users: dict[str, User]) -> None:
        """One case per demo coordinator, made through the same actions as the pages. A case already
        there (by its title) is left as it is, so a second run changes nothing."""
        team, _created = CaseTeam.objects.get_or_create(name=CASE_TEAM)
        CaseRole.objects.get_or_create(user=users["medarbejder"], team=team, defaults={"role": CaseRole.Role.LEADER})
        kinds = {kind.slug: kind for kind in AgencyKind.objects.all()}
        for spec in CASES:
            tovholder, citizen = users[spec["tovholder"]], users[spec["citizen"]]
            if Case.objects.filter(title=spec["title"], tovholder=tovholder).exists():
                continue
            case = cases.open_case(
                cases.CaseData(
                    title=spec["title"],
                    kind=spec["kind"],
                    citizen_name=citizen.name,
                    age_group="18-64",
                    citizen=citizen,
                    team=team,
                ),
                by=tovholder,
            )
            members = {"self": case.members.get()}
            for name, relation, age_group in spec["members"]:
                members[name] = cases.add_member(case, name=name, relation=relation, age_group=age_group, by=tovholder)
            agencies = {}
            for kind, name, contact, role, phone, doing in spec["agencies"]:
                agency = Agency(
                    kind=kinds[kind], name=name, contact_person=contact, role=role, phone=phone, doing=doing
                )
                agencies[kind] = cases.add_agency(case, agency, by=tovholder)
            today = timezone.localdate()
            for goal_title, goal_actions in spec["plan"]:
                goal = cases.add_goal(case, title=goal_title, member=None, by=tovholder)
                for title, owner_kind, owner, days, status, is_contribution in goal_actions:
                    action = PlanAction(
                        goal=goal,
                        title=title,
                        owner_kind=owner_kind,
                        owner_member=members.get(owner) if owner_kind == "member" else None,
                        owner_agency=agencies.get(owner) if owner_kind == "agency" else None,
                        due_on=today + timedelta(days=days),
                        status=status,
                        is_contribution=is_contribution,
                    )
                    cases.add_action(case, action, by=tovholder)
            for member, purpose, method, agency in spec["consents"]:
                cases.record_consent(
                    case,
                    member=members[member],
                    purpose=purpose,
                    method=method,
                    agency=agencies.get(agency) if agency else None,
                    by=tovholder,
                )
            cases.add_note(case, written_on=today, body=spec["note"], by=tovholder)

    def _print_logins(self) -> None:
        width = max(len(prefix) for prefix, *_ in LOGINS) + len("@ressourcebank.test")
        lines = [
            "",
            "Ressourcebanken kører på " + SITE,
            "",
            "Demo-logins (samme adgangskode til alle): " + PASSWORD,
        ]
        for prefix, _name, role, organisations in LOGINS:
            email = f"{prefix}@ressourcebank.test"
            note = f" – medlem af {', '.join(organisations)}" if organisations else ""
            lines.append(f"  {email:<{width}}  {User.Role(role).label}{note}")
        lines += [
            "",
            "Tovholder, medarbejder, admin og revisor logger ind med en kode fra en godkendelses-app.",
            "Koden til demo-brugerne får du med:  python manage.py demo_totp_code medarbejder@ressourcebank.test",
            "Teams, der svarer på henvendelser: "
            + "; ".join(
                f"{name} ({', '.join(f'{p}@ressourcebank.test' for p, _n in staff)})"
                for _s, name, *_r, staff, _t in TEAMS
            ),
            "",
        ]
        self.stdout.write("\n".join(lines))
