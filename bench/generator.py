"""Varied, realistic Danish offers for benchmarks and load tests (never for the demo); the command
`manage.py generate_offers N` runs it. It lives with the benchmarks, not in an app.

Titles and descriptions are assembled from templates per category, so word frequencies look like a
real bank: some words in nearly every offer ("hjælp", "gerne"), many in few. Seeded, so the same N
gives the same offers. Every generated offer has a key starting with "gen-".
"""

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import lru_cache
from itertools import batched
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ressourcebank.lib.limits import max_length
from ressourcebank.offers.models import CapacityKind, Offer
from ressourcebank.search.analysis import index_terms
from ressourcebank.search.index import insert_entries, join_terms, optimize, terms_of_categories
from ressourcebank.search.models import SearchEntry
from ressourcebank.taxonomy.models import Area, Category

KEY_PREFIX = "gen-"
TITLE_MAX = max_length(Offer, "title")

# (title templates, description sentences) per category slug; {x} picks from the category's fillers.
TEMPLATES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "besoegsven": (
        ["Besøgsven {x}", "Kaffe og en snak {x}", "Gåture og selskab {x}", "Besøgsven for ældre {x}"],
        [
            "Jeg kommer gerne på besøg til en kop kaffe og en god snak.",
            "Vi kan gå en tur, spille kort eller bare hygge os sammen.",
            "Har du brug for selskab, så kig forbi, jeg har tid om eftermiddagen.",
            "Mange føler sig ensomme, og en besøgsven kan gøre en stor forskel.",
            "Jeg er pensionist og har god tid til at besøge en, der sidder alene.",
            "Vi kan læse avis sammen, tale om gamle dage eller lave et puslespil.",
        ],
        ["i weekenden", "om tirsdagen", "hver uge", "for ældre", "for nye i byen", "med hund"],
    ),
    "praktisk-hjaelp": (
        ["Hjælp til {x}", "Praktisk hjælp med {x}", "Jeg hjælper gerne med {x}"],
        [
            "Jeg kan hjælpe med indkøb, havearbejde og små gøremål i hjemmet.",
            "Græsslåning, hækklipning og snerydning om vinteren.",
            "Har du brug for en hånd til at bære, flytte eller rydde op, så ring.",
            "Jeg har egen trailer og kan køre på genbrugspladsen.",
            "Rengøring af vinduer og hjælp til storvask efter aftale.",
        ],
        ["havearbejde", "indkøb", "snerydning", "flytning", "oprydning", "græsslåning", "vinduespudsning"],
    ),
    "transport": (
        ["Kørsel til {x}", "Lift til {x}", "Ledsager til {x}"],
        [
            "Jeg har bil og kører gerne til lægen, sygehuset eller tandlægen.",
            "Kan du ikke selv komme ud at handle, kan jeg give et lift.",
            "Jeg følges gerne med dig til aftaler, så du ikke skal gå alene.",
            "Kørsel med kørestol er muligt i min minibus.",
            "Jeg kører fast til Randers om formiddagen og har plads til en mere.",
        ],
        ["lægen", "sygehuset", "tandlægen", "indkøb", "kirken", "banegården", "genoptræning"],
    ),
    "lektiehjaelp": (
        ["Lektiehjælp i {x}", "Hjælp til lektier i {x}", "Lektiecafé med {x}"],
        [
            "Jeg er tidligere lærer og hjælper gerne med lektier og afleveringer.",
            "Lektiehjælp til børn i indskolingen og på mellemtrinnet.",
            "Vi øver læsning, stavning og matematik i roligt tempo.",
            "Forberedelse til prøver og eksamen i udskolingen.",
            "Jeg studerer på universitetet og kan hjælpe med fysik og kemi.",
        ],
        ["matematik", "dansk", "engelsk", "tysk", "fysik", "kemi", "læsning", "stil"],
    ),
    "mentor": (
        ["Mentor for {x}", "Sparring og støtte til {x}", "Voksenven for {x}"],
        [
            "Jeg vil gerne være mentor for en ung, der mangler en voksen at spejle sig i.",
            "Vi mødes en gang om ugen og taler om uddannelse, job og hverdag.",
            "Erfaren mentor med baggrund i socialt arbejde.",
            "Støtte til at komme i gang med uddannelse eller job.",
        ],
        ["unge", "nydanskere", "studerende", "ledige", "iværksættere", "unge mødre"],
    ),
    "oekonomi-raadgivning": (
        ["Hjælp til {x}", "Gratis rådgivning om {x}", "{x} - vi hjælper gratis"],
        [
            "Revisionsfirmaet giver 5 gratis timer om måneden til hjælp med selvangivelse og årsopgørelse.",
            "Jeg hjælper med at lægge et budget og få overblik over regninger og gæld.",
            "Få styr på skat, fradrag og forskudsopgørelse.",
            "Bogføring og regnskab for små foreninger.",
            "Vi gennemgår din økonomi i fortrolighed.",
        ],
        ["skat", "budget", "regnskab", "gæld", "årsopgørelse", "forskudsopgørelse", "bogføring"],
    ),
    "it-hjaelp": (
        ["IT-hjælp til {x}", "Hjælp med {x}", "Computerhjælp: {x}"],
        [
            "Jeg hjælper med MitID, Digital Post og netbank.",
            "Har du problemer med din computer, tablet eller mobiltelefon, så kom forbi.",
            "Hjælp til at sende mails, tage billeder og bruge apps.",
            "Opsætning af printer, internet og videoopkald til familien.",
            "Vi gennemgår sikkerhed på nettet, så du undgår svindel.",
        ],
        ["MitID", "Digital Post", "computer", "mobil", "tablet", "netbank", "e-Boks", "videoopkald"],
    ),
    "sprog": (
        ["Dansk {x}", "Sprogcafé: {x}", "Hjælp til {x}"],
        [
            "Øv dansk i en tryg samtale over en kop kaffe.",
            "Jeg hjælper med at forstå breve fra kommunen og skrive svar.",
            "Jeg taler arabisk, engelsk og dansk og kan oversætte.",
            "Samtaletræning for nydanskere på alle niveauer.",
        ],
        ["samtaletræning", "breve", "oversættelse", "udtale", "for begyndere", "på arabisk", "på ukrainsk"],
    ),
    "haandarbejde": (
        ["Strikkeklub {x}", "Hækling og syning {x}", "Kreativt værksted {x}"],
        [
            "Vi strikker, hækler og syr sammen hver torsdag, og alle er velkomne.",
            "Lær at strikke sokker, huer og tørklæder.",
            "Jeg har symaskine og hjælper med reparation af tøj.",
            "Maling og tegning for begyndere i foreningens lokaler.",
            "Garn og pinde kan lånes, hvis du ikke har dine egne.",
        ],
        ["i Assentoft", "for begyndere", "om torsdagen", "for alle aldre", "i forsamlingshuset"],
    ),
    "motion": (
        ["Gåtur {x}", "Motion {x}", "Stolegymnastik {x}", "Løbeklub {x}"],
        [
            "Vi går en tur på fem kilometer hver morgen fra kirken.",
            "Stolegymnastik for ældre, rolig bevægelse og godt humør.",
            "Løbetræning for nybegyndere, vi løber i samlet flok.",
            "Svømning i svømmehallen med instruktør.",
            "Cykelture i lokalområdet om søndagen.",
        ],
        ["for alle", "for seniorer", "om morgenen", "i naturen", "ved åen", "for nybegyndere"],
    ),
    "faellesskab": (
        ["Fællesspisning {x}", "Åben korsang {x}", "Café og fællesskab {x}", "Klubaften {x}"],
        [
            "Alle er velkomne til fællesspisning i medborgerhuset.",
            "Åben koraften, hvor alle kan synge med uden at kunne noder.",
            "Vi spiller kort, brætspil og drikker kaffe hver onsdag.",
            "Et mødested for nye og gamle borgere i byen.",
        ],
        ["hver fredag", "i medborgerhuset", "for hele familien", "i sognegården", "om aftenen"],
    ),
    "foedevarer": (
        ["Madpakker {x}", "Fællesmad {x}", "Overskudsmad {x}"],
        [
            "Vi deler overskudsmad ud fra bageren og supermarkedet.",
            "Hjælp til madlavning og sund mad på et lille budget.",
            "Aftensmad til familier, der har brug for det.",
            "Jeg laver gerne mad til en, der ikke selv kan.",
        ],
        ["til familier", "fra bageren", "hver mandag", "til ældre", "på budget"],
    ),
    "praktikplads": (
        ["Praktikplads {x}", "Virksomhedspraktik {x}", "Praktik hos os {x}"],
        [
            "Vi tilbyder en praktikplads i vores værksted med tæt oplæring.",
            "Virksomhedspraktik med mulighed for ansættelse bagefter.",
            "Arbejdsprøvning og jobafklaring i et rummeligt miljø.",
            "Du får en fast kontaktperson i hele praktikforløbet.",
        ],
        ["i lager og logistik", "i butik", "på kontor", "i køkken", "på værksted", "i gartneri"],
    ),
    "saerligt-job": (
        ["Fleksjob {x}", "Skånejob {x}", "Job med løntilskud {x}"],
        [
            "Vi har et fleksjob med få timer om ugen og plads til pauser.",
            "Skånejob med tilpassede opgaver efter dine behov.",
            "Job med løntilskud til dig med nedsat arbejdsevne.",
        ],
        ["i kantinen", "i butik", "på kontor", "i lageret", "som pedel"],
    ),
    "jobsoegning": (
        ["Hjælp til {x}", "Jobsøgning: {x}", "Gennemlæsning af {x}"],
        [
            "Jeg er tidligere HR-chef og hjælper gerne med ansøgning og CV.",
            "Vi øver jobsamtalen, så du føler dig klar.",
            "Hjælp til at finde stillinger og skrive en god ansøgning.",
        ],
        ["CV", "ansøgning", "jobsamtale", "LinkedIn", "uopfordret ansøgning"],
    ),
    "boern-familie": (
        ["Barnepige {x}", "Familieven {x}", "Hjælp til børnefamilier {x}"],
        [
            "Jeg passer gerne børn, så forældrene kan få en pause.",
            "Familieven for en familie med små børn.",
            "Legeaftaler og udflugter for børn i weekenden.",
        ],
        ["om aftenen", "i weekenden", "for enlige forældre", "for små børn"],
    ),
    "bolig": (
        ["Hjælp til {x}", "Boligrådgivning om {x}"],
        [
            "Jeg hjælper med at finde en lejlighed og skrive til udlejer.",
            "Rådgivning om husleje, boligstøtte og depositum.",
            "Hjælp til flytning og indretning af ny bolig.",
        ],
        ["boligstøtte", "husleje", "flytning", "lejekontrakt", "depositum"],
    ),
    "sundhed-trivsel": (
        ["Samtalegruppe {x}", "Trivsel {x}", "Støtte {x}"],
        [
            "En samtalegruppe for dig, der har mistet en nær.",
            "Stresshåndtering og afspænding i små hold.",
            "Vi taler om angst og depression i et trygt rum.",
        ],
        ["om sorg", "om stress", "for pårørende", "for unge", "om angst"],
    ),
    "juridisk": (
        ["Gratis retshjælp {x}", "Juridisk rådgivning om {x}"],
        [
            "Advokat giver gratis råd om kontrakter, klager og testamente.",
            "Retshjælp om rettigheder som lejer og forbruger.",
        ],
        ["testamente", "lejeret", "klager", "arv", "forbrugerret"],
    ),
    "handyman": (
        ["Håndværkerhjælp: {x}", "Små reparationer {x}", "Cykelreparation {x}"],
        [
            "Jeg er pensioneret tømrer og hjælper med små reparationer i hjemmet.",
            "Skift af pærer, ophængning af lamper og hylder.",
            "Cykelreparation og lapning af slanger.",
            "Hjælp med maling og små elektrikeropgaver.",
        ],
        ["i hjemmet", "af cykler", "af møbler", "hylder og lamper", "i haven"],
    ),
}

GENERIC = [
    "Skriv til mig, så finder vi en tid, der passer.",
    "Det er gratis, og du skal ikke have noget med.",
    "Jeg kan også hjælpe over telefonen.",
    "Tilbuddet er for alle i kommunen.",
    "Vi er en lille forening, der gerne vil gøre en forskel.",
    "Virksomheden stiller gerne op som en del af vores sociale ansvar.",
    "Jeg har ren børneattest og straffeattest.",
    "Du er velkommen til at tage en ven med.",
]
AVAILABILITY = ["Hverdage efter kl. 16", "Weekender", "Efter aftale", "Tirsdag og torsdag formiddag", ""]


OFFER_COLUMNS = [
    "id",
    "key",
    "title",
    "description",
    "category_id",
    "area_id",
    "provider",
    "capacity_kind",
    "capacity_amount",
    "availability",
    "is_remote",
    "has_child_contact",
    "status",
    "requires_moderation",
    "rejection_reason",
    "created_at",
    "updated_at",
    "published_at",
]


@lru_cache(maxsize=10_000)
def _terms(text: str) -> str:
    """The analysed terms of a title or sentence; the generator repeats them, so analyse each once
    (terms of sentences joined by spaces are the terms of the joined text)."""
    return " ".join(index_terms(text))


def _offer(rng: random.Random, n: int, category: Category, area: Area) -> dict[str, Any]:
    titles, sentences, fillers = TEMPLATES.get(category.slug, TEMPLATES["praktisk-hjaelp"])
    title = rng.choice(titles).format(x=rng.choice(fillers))
    body = rng.sample(sentences, k=min(len(sentences), rng.randint(2, 4)))
    body += rng.sample(GENERIC, k=rng.randint(1, 2))
    body.append(f"Jeg bor i {area.name}.")
    rng.shuffle(body)
    availability = rng.choice(AVAILABILITY)
    body_terms = " ".join(t for t in (*(_terms(s) for s in body), _terms(availability)) if t)
    provider = rng.choices(["borger", "forening", "virksomhed"], weights=[6, 3, 2])[0]
    capacity = rng.choice(list(CapacityKind))
    return {
        "key": f"{KEY_PREFIX}{n}",
        "title": title[:TITLE_MAX],
        "description": " ".join(body),
        "category_id": category.pk,
        "area_id": area.pk,
        "provider": provider,
        "capacity_kind": capacity.value,
        "capacity_amount": None if capacity == CapacityKind.ONE_OFF else rng.randint(1, 10),
        "availability": availability,
        "is_remote": rng.random() < 0.15,
        "has_child_contact": False,
        "status": Offer.Status.PUBLISHED.value,
        "requires_moderation": False,
        "rejection_reason": "",
        "_title_terms": _terms(title[:TITLE_MAX]),
        "_body_terms": body_terms,
    }


def _batches(count: int, size: int) -> Iterator[int]:
    while count > 0:
        yield min(size, count)
        count -= size


def _insert(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs: one statement per few hundred rows instead of one per row (the ORM's
    bulk_create spends more time building objects than the database spends storing them)."""
    per_statement = max(1, 900 // len(columns)) if connection.vendor == "sqlite" else 500
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for part in batched(rows, per_statement):
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row_sql] * len(part))}",  # noqa: S608
                [value for row in part for value in row],
            )


def generate_offers(
    count: int, *, seed: int = 42, chunk: int = 10_000, progress: Callable[[int], None] | None = None
) -> int:
    """Creates `count` published offers, indexed, published over the last two years oldest first.

    Offers and their index entries are written with raw multi-row INSERTs, one transaction per
    chunk; the entries are built from the generated text directly (the same join_terms as
    index_offers), which is what makes a million offers a matter of minutes.
    """
    start = Offer.objects.filter(key__startswith=KEY_PREFIX).count()
    rng = random.Random(seed + start)  # noqa: S311 - test data, reproducible on purpose
    categories = list(Category.objects.filter(is_active=True))
    areas = list(Area.objects.all())
    category_terms = terms_of_categories()
    ops = connection.ops
    now = timezone.now()
    span = timedelta(days=730)
    known_terms: set[str] = set()
    done = 0
    for size in _batches(count, chunk):
        with transaction.atomic():
            next_id = (Offer.objects.aggregate(m=Max("id"))["m"] or 0) + 1
            offers, entries = [], []
            for i in range(size):
                n = start + done + i
                published_at = now - span + span * ((done + i + 1) / count)
                when = ops.adapt_datetimefield_value(published_at)
                offer = _offer(rng, n, rng.choice(categories), rng.choice(areas))
                offer.update(id=next_id + i, created_at=when, updated_at=when, published_at=when)
                offers.append(tuple(offer[c] for c in OFFER_COLUMNS))
                terms = join_terms(
                    kind=SearchEntry.Kind.OFFER,
                    title_terms=offer["_title_terms"],
                    body_terms=offer["_body_terms"],
                    category_id=offer["category_id"],
                    area_id=offer["area_id"],
                    provider=offer["provider"],
                    is_remote=offer["is_remote"],
                    category_terms=category_terms.get(offer["category_id"], ""),
                )
                entries.append(
                    (
                        SearchEntry.Kind.OFFER,
                        offer["id"],
                        terms,
                        published_at,
                        offer["category_id"],
                        offer["area_id"],
                        offer["provider"],
                        offer["is_remote"],
                    )
                )
            _insert(Offer._meta.db_table, OFFER_COLUMNS, offers)
            insert_entries(entries, known_terms)
        done += size
        if progress:
            progress(done)
    if connection.vendor == "postgresql" and done:
        with connection.cursor() as cursor:
            table = Offer._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
    optimize()
    return done
