"""Seeds the reference taxonomy from DESIGN.md: categories and the areas of Randers Kommune.

The data lives here, not in app code, so this migration means the same thing forever.
"""

from django.db import migrations

CATEGORIES = [
    ("besoegsven", "Besøgsven og samvær", "Nogen at snakke med, gå en tur med eller drikke kaffe med.",
     "besøg besøgsven besøgsvenner samvær selskab ensom ensomhed alene snakke snak kaffe gåtur ven venner hyggelig"),
    ("praktisk-hjaelp", "Praktisk hjælp", "Hjælp i hjemmet og i haven, indkøb og små gøremål.",
     "praktisk indkøb handle rengøring have græs plæne snerydning flytning flytte bære ærinder"),
    ("transport", "Kørsel og ledsagelse", "Et lift eller en at følges med til lægen, sygehuset eller butikken.",
     "kørsel køre kørsler lift bil transport ledsager ledsagelse følges læge sygehus hospital tandlæge"),
    ("lektiehjaelp", "Lektiehjælp", "Hjælp til lektier og skole for børn og unge.",
     "lektier lektie lektiehjælp skole matematik dansk engelsk opgave opgaver eksamen elev elever"),
    ("mentor", "Mentor", "En voksen at spejle sig i, som følger én over tid.",
     "mentor rollemodel støtte sparring unge voksen vejledning"),
    ("oekonomi-raadgivning", "Økonomi, regnskab og skat", "Hjælp til budget, regninger, skat og regnskab.",
     "økonomi budget regninger gæld skat selvangivelse årsopgørelse regnskab bogføring revisor revision penge"),
    ("it-hjaelp", "IT-hjælp og digital post", "Hjælp til computer, mobil, MitID og Digital Post.",
     "it computer pc mobil telefon tablet ipad mitid digital post e-boks nemid internet mail"),
    ("sprog", "Sprog og dansk", "Øve dansk, oversætte eller forstå breve.",
     "sprog dansk oversætte oversættelse tolk tolkning breve læse skrive samtale"),
    ("haandarbejde", "Håndarbejde og kreativitet", "Strik, syning, hækling og andet kreativt sammen med andre.",
     "håndarbejde strik strikke strikning hækle hækling sy syning kreativ maling tegning"),
    ("motion", "Motion og bevægelse", "Gå, løbe, danse eller træne sammen.",
     "motion bevægelse gå gåtur løb løbe træning træne dans danse svømning cykling gymnastik"),
    ("faellesskab", "Fællesskaber og aktiviteter", "Steder hvor alle kan mødes som ligeværdige.",
     "fællesskab fællesskaber aktivitet aktiviteter kor sang spisning café klub forening mødested"),
    ("foedevarer", "Mad og fødevarer", "Mad, madlavning og fødevarer til dem, der mangler.",
     "mad fødevarer madlavning måltid spise fødevarebank madpakker aftensmad"),
    ("praktikplads", "Virksomhedspraktik", "Praktikpladser i lokale virksomheder.",
     "praktik praktikplads virksomhedspraktik jobafklaring afklaring arbejdsprøvning"),
    ("saerligt-job", "Særlige job (fleksjob, skånejob)", "Job med færre eller tilpassede timer.",
     "fleksjob skånejob særligt job job tilpasset nedsat arbejdsevne løntilskud"),
    ("jobsoegning", "Jobsøgning og CV", "Hjælp til ansøgning, CV og jobsamtale.",
     "job jobsøgning ansøgning ansøgninger cv jobsamtale arbejde stilling"),
    ("boern-familie", "Børn og familie", "Hjælp og samvær for børn, unge og familier.",
     "børn barn familie familier forældre unge baby barnepige pasning legeaftale"),
    ("bolig", "Bolig", "Hjælp til at finde eller holde på en bolig.",
     "bolig lejlighed hus husleje udlejer flytning boligstøtte"),
    ("sundhed-trivsel", "Sundhed og trivsel", "Støtte til et godt og sundt liv.",
     "sundhed trivsel helbred sygdom psykisk mental stress angst depression sorg"),
    ("juridisk", "Juridisk rådgivning", "Gratis råd om jura, kontrakter og rettigheder.",
     "jura juridisk advokat retshjælp kontrakt rettigheder klage testamente"),
    ("handyman", "Håndværkerhjælp", "Små reparationer i hjemmet.",
     "håndværker handyman reparation reparere maler tømrer elektriker vvs cykel værktøj"),
]

AREAS = [
    ("hele-kommunen", "Hele kommunen", None, None, True),
    ("randers-c", "Randers C", 56.461, 10.036, False),
    ("assentoft", "Assentoft", 56.442, 10.151, False),
    ("langaa", "Langå", 56.391, 9.895, False),
    ("spentrup", "Spentrup", 56.536, 10.036, False),
    ("havndal", "Havndal", 56.646, 10.198, False),
    ("asferg", "Asferg", 56.555, 9.855, False),
    ("dronningborg", "Dronningborg", 56.477, 10.031, False),
    ("kristrup", "Kristrup", 56.450, 10.065, False),
    ("vorup", "Vorup", 56.453, 10.005, False),
    ("haslund", "Haslund", 56.445, 10.120, False),
    ("sdr-borup", "Sdr. Borup", 56.437, 10.012, False),
    ("oe-bjerregrav", "Øster Bjerregrav", 56.513, 9.940, False),
]


def seed(apps, schema_editor):
    Category = apps.get_model("taxonomy", "Category")
    Area = apps.get_model("taxonomy", "Area")
    for position, (slug, name, description, keywords) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "keywords": keywords, "position": position},
        )
    for position, (slug, name, lat, lon, whole) in enumerate(AREAS):
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "latitude": lat,
                "longitude": lon,
                "is_whole_municipality": whole,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
