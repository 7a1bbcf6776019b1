"""Guessing which categories a free text is about ("min mor sidder alene" -> besøgsven).

Pure functions, no database. The text is analysed exactly as search analyses it
(ressourcebank/search/analysis.py: stems, compound parts, synonyms), and its terms are looked up in
one vocabulary per category: the category's name and keywords plus the everyday phrasings below,
which is how people who need help actually write. A term shared by several categories counts for
each of them, but less ("læge" is both kørsel and sundhed). A word that search could not split is
tried as a compound against the vocabulary here ("skatteregler" starts with "skat").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ressourcebank.search.analysis import STOP_WORDS, index_terms, split_compound, stem, tokenize, word_terms

MIN_PART = 4  # shorter prefixes/suffixes match too much by chance ("bil" in "bilag")

# Everyday words and phrasings per category slug, beside the category's own name and keywords.
# Inflections need not be listed (the stemmer handles them); compounds are found by their parts.
EVERYDAY_WORDS: dict[str, str] = {
    "besoegsven": """
        besøg besøgsven besøgsvenner besøge besøger selskab samvær ensom ensomme ensomhed alene
        savner savne snakke snak sludre sludder hyggesnak kaffe kop kage hygge hyggelig gåtur gå
        tur venskab ven veninde isoleret isolation keder kedelig kedsomhed enke enkemand
        enlig afsides tale lytte lytter kontakt pårørende mor far bedstemor bedstefar plejehjem
        ældre pensionist gammel gamle oldefar oldemor nabo naboer spil kortspil skak højtlæsning
        læse højt oplæsning telefonven ringe opringning weekend søndag aftener
    """,
    "praktisk-hjaelp": """
        praktisk praktiske indkøb købe handle handler handleture butik supermarked varer købmand
        rengøring gøre rent støvsuge vaske vask tøjvask opvask rydde oprydning have haven
        havearbejde græs græsslåning plæne slå luge ukrudt hæk hække klippe blade rive sne
        snerydning skovle fejning ærinder ærinde bære tunge løfte flytning flytte pakke kasser
        apotek posthus vinduespudsning pudse vinduer skrald affald genbrug hund lufte kat dyr
    """,
    "transport": """
        kørsel køre kører lift bil transport ledsager ledsagelse følges følge med hente bringe
        læge lægen tandlæge sygehus sygehuset hospital hospitalet ambulatorie undersøgelse
        kontrol aftale kommune rådhus tur ture bus busser tog station rollator kørestol
        fysioterapeut speciallæge øjenlæge frisør kirkegård gravsted indkøbstur
    """,
    "lektiehjaelp": """
        lektier lektie lektiehjælp lektiecafé skole skolen skolearbejde klasse klassetrin
        folkeskole gymnasium hf eksamen prøve prøver afgangsprøve matematik matte regning brøker
        dansk stavning retskrivning læsning læse engelsk tysk fransk fysik kemi biologi historie
        opgave opgaver stil stile afleveringer elev elever barnebarn søn datter dreng pige
        karakterer terminsprøve læsevanskeligheder ordblind ordblindhed
    """,
    "mentor": """
        mentor mentorordning rollemodel sparring støtte voksen voksne forbillede vejleder
        vejledning ung unge teenager teenagere knægt retning motivation motivere selvtillid
        fremtid uddannelse uddannelsesvalg vej valg tro på sig selv
    """,
    "oekonomi-raadgivning": """
        økonomi økonomisk budget budgetter regninger regning betale betaling gæld gældsrådgivning
        skylder skyldner inkasso rykker rykkere afdrag lån kviklån kredit penge pengene løn
        skat skatten selvangivelse årsopgørelse forskudsopgørelse fradrag skattekort restskat
        regnskab bogføring bogholderi revisor revision moms bank konto netbank pension
        opsparing økonomisk rådgivning sparekasse husholdning kontanthjælp ydelse ydelser
        boligstøtte
    """,
    "it-hjaelp": """
        it computer computeren pc bærbar laptop mobil mobiltelefon smartphone telefon telefonen
        tablet ipad iphone android app apps mitid nemid digital digitalt post e-boks eboks
        internet internettet net nettet wifi mail email e-mail kode adgangskode login logge
        printer printe opdatering opdatere virus skærm tastatur sms billeder facetime skype
        video videoopkald zoom teams facebook borger.dk sundhed.dk selvbetjening online teknik
        teknologi elektronisk software programmer program
    """,
    "sprog": """
        sprog sproget dansk danskundervisning dansktræning udtale tale snakke tolk tolkning
        tolke oversætte oversættelse oversætter breve brev forstå forstår læse skrive
        flygtning flygtninge indvandrer ukrainsk arabisk somali tyrkisk polsk engelsk udlænding
        nydansker samtale samtaletræning ordforråd grammatik sprogskole sprogcafé
    """,
    "haandarbejde": """
        håndarbejde strik strikke strikning strikketøj hækle hækling sy syning symaskine sytøj
        lappe reparere tøj garn pinde broderi brodere quilt patchwork kreativ kreative maling male
        tegning tegne akvarel keramik ler træarbejde snitte perler smykker pynt julepynt
    """,
    "motion": """
        motion motionere bevægelse bevæge gå gåtur gåture gåtursgruppe løb løbe løbetur jogge
        træning træne træner fitness styrke balance dans danse svømning svømme svømmehal
        cykling cykle cykeltur gymnastik stolegymnastik yoga pilates stavgang vandreture vandre
        fodbold bold petanque krolf badminton sport kondition form vægt
    """,
    "faellesskab": """
        fællesskab fællesskaber aktivitet aktiviteter forening foreninger klub klubber café
        mødested samles mødes møde ligesindede kor sang synge spisning fællesspisning banko
        foredrag udflugt udflugter arrangement arrangementer fest netværk socialt sociale ny
        tilflytter nye venner netværksgruppe herreklub mandegruppe kvindegruppe
    """,
    "foedevarer": """
        mad maden madlavning lave mad koge bage måltid måltider spise aftensmad middag frokost
        madpakke madpakker fødevarer fødevarebank madkasse overskudsmad madspild sult sulten
        køleskab tomt råd til mad varm ret retter opskrifter madhjælp mættet
    """,
    "praktikplads": """
        praktik praktikplads praktikforløb virksomhedspraktik afklaring jobafklaring
        arbejdsprøvning arbejdsmarked arbejdsplads jobcenter sygemeldt
        ressourceforløb revalidering erfaring
    """,
    "saerligt-job": """
        fleksjob skånejob særligt job tilpasset nedsat arbejdsevne løntilskud få timer
        deltid skåne handicap kronisk syg smerter skånehensyn
    """,
    "jobsoegning": """
        job jobsøgning søge job ansøgning ansøgninger ansøge cv jobsamtale samtale arbejde
        stilling stillinger ledig ledighed arbejdsløs arbejdsløshed jobopslag linkedin
        jobannonce jobnet dagpenge a-kasse fyret opsagt karriere
    """,
    "boern-familie": """
        børn barn baby babyer småbørn familie familier familien forældre mor far mødre fædre
        eneforsørger enlig mor far alenemor alenefar søskende barnepige babysitter pasning
        passe børnepasning legeaftale legekammerat lege leg legeplads bedsteforælder
        reservebedstemor reservebedstefar aflastning weekendfar skilsmisse
    """,
    "bolig": """
        bolig boligen lejlighed lejligheden hus huset husleje udlejer lejekontrakt depositum
        boligstøtte flytning flytte flytter boligsøgning opsagt udsættelse hjemløs hjemløshed
        værelse tag over hovedet boligforening andelsbolig fraflytning indflytning
    """,
    "sundhed-trivsel": """
        sundhed sund trivsel trives helbred sygdom syg psykisk psykiske mental mentalt stress
        stresset angst angstanfald depression deprimeret sorg sørger sorggruppe mistet død
        dødsfald ked trist tristhed nedtrykt søvn sove kræft diabetes demens hukommelse smerter
        selvværd samtalegruppe terapi psykolog misbrug alkohol ryge rygestop kost bange
        nervøs nervøsitet panik hjertebanken uro urolig bekymret bekymringer læge operation
        genoptræning ondt knæ ryg hofte
    """,
    "juridisk": """
        jura juridisk juridiske advokat retshjælp ret retten rettigheder rettighed klage klager
        klagesag kontrakt kontrakter testamente arv arveret dødsbo skilsmisse bodeling samvær
        forældremyndighed lov love lovgivning afgørelse afgørelser anke partshøring paragraf
        forsikring erstatning dom sag sagen politi bøde
    """,
    "handyman": """
        håndværker håndværkerhjælp handyman reparation reparationer reparere reparere ordne
        fikse fix lave gået i stykker i stykker ødelagt maler male maling tapet tømrer snedker
        elektriker stikkontakt lampe lamper pære vvs blikkenslager vandhane toilet dryp
        cykel cyklen punktering værktøj boremaskine skrue hylde hylder ophænge skab dør vindue
        gulv møbler samle ikea
    """,
}

# Everyday phrasings whose words alone say little ("købe ind", "kender ingen"). Matched on the
# stems of the text in order, stop words included; each phrase is one vote.
PHRASES: dict[str, list[str]] = {
    "besoegsven": [
        "ingen at snakke med",
        "ingen at tale med",
        "sidder alene",
        "føler mig alene",
        "kommer aldrig ud",
        "ser aldrig nogen",
        "savner nogen",
        "lange dage",
    ],
    "praktisk-hjaelp": ["købe ind", "handle ind", "gøre rent", "slå græs", "rydde op", "bære tunge"],
    "transport": ["køre mig", "hente mig", "ingen bil", "har ikke bil", "komme til lægen", "komme frem"],
    "faellesskab": [
        "kender ingen",
        "ny i byen",
        "lige flyttet",
        "møde nye",
        "møde andre",
        "nye mennesker",
        "flyttet hertil",
        "være sammen med andre",
    ],
    "sundhed-trivsel": [
        "ked af det",
        "har det svært",
        "har det skidt",
        "gå ned med flaget",
        "ondt i",
        "sover dårligt",
        "bange for",
        "går i panik",
        "mistet min",
    ],
    "oekonomi-raadgivning": ["skylder penge", "styr på økonomien", "slå til", "betale mine"],
    "it-hjaelp": ["logge ind", "logge på", "komme på nettet", "digital post"],
    "jobsoegning": ["søge arbejde", "finde arbejde", "finde job", "blevet fyret", "mistet mit job", "søge job"],
    "saerligt-job": ["få timer", "nedsat tid", "færre timer", "kan ikke arbejde fuld tid"],
    "bolig": ["sat ud", "smide mig ud", "sted at bo", "tag over hovedet", "miste min lejlighed"],
    "boern-familie": ["alene med børn", "passe børn", "passe mine børn", "tid til mig selv", "alene med to"],
    "juridisk": ["blive skilt", "skal skilles", "klage over", "i retten"],
    "foedevarer": ["råd til mad", "penge til mad", "intet at spise", "tomt køleskab", "lave mad"],
    "handyman": ["gået i stykker", "virker ikke", "sætte op", "skifte pære", "hænge op"],
    "motion": ["bevæge mig", "komme i form", "komme ud at gå", "gå en tur"],
    "lektiehjaelp": ["i skole", "i skolen", "med lektierne"],
    "mentor": ["se op til", "voksen at tale med", "på rette vej", "voksen at spejle sig i"],
    "sprog": ["lære dansk", "tale dansk", "forstå breve", "forstår ikke brevet"],
    "haandarbejde": ["lære at sy", "lære at strikke", "lære at hækle"],
    "praktikplads": ["prøve kræfter", "komme ud på arbejdsmarkedet"],
}

# Words that stand for the same thing in a need and in an offer, though not synonyms: a need's
# word also matches an offer with another word of its group, at a discount ("mistet" finds "sorg").
RELATED_WORDS = [
    "sorg sørge mistet miste død døde dødsfald enke enkemand begravelse afdøde",
    "alene ensom ensomhed isoleret selskab savne savner",
    "handle indkøb købe supermarked butik varer dagligvarer",
    "tilflytter tilflyttere flyttet ny nye fremmed",
    "skilt skilles skilsmisse samlivsophævelse bodeling",
    "smerter ondt ryg ryggen knæ hofte gigt",
    "træne træning motion bevæge gymnastik",
    "angst bange nervøs panik hjertebanken",
    "computer pc bærbar laptop",
    "mobil telefon smartphone iphone",
    "video videoopkald facetime skype videoringe",
    "penge økonomi budget",
    "mad fødevarer madkasse madkasser spise sulten",
    "regning regninger betale betaling rykker rykkere",
    "bil kørsel køre lift chauffør",
    "læge lægen sygehus hospital tandlæge undersøgelse kontrol ambulatorie",
    "brev breve post",
    "lektier skole skolearbejde opgaver",
    "job arbejde stilling",
    "cykel cykler punktering kæde",
    "have græs hæk plæne ukrudt",
    "dansk danskundervisning sprog",
    "demens glemsom hukommelse",
    "stress stresset udbrændt sygemeldt",
    "lampe lamper pære lys",
    "hund hunde lufte",
]


@lru_cache(maxsize=1)
def related_terms() -> dict[str, frozenset[str]]:
    """stem -> the stems of the other words in its groups."""
    related: dict[str, set[str]] = {}
    for group in RELATED_WORDS:
        stems = {stem(w) for w in group.split()}
        for s in stems:
            related.setdefault(s, set()).update(stems - {s})
    return {s: frozenset(others) for s, others in related.items()}


# Words that say nothing about what kind of help is wanted; they never vote for a category.
GENERIC_WORDS = """
    hjælp hjælpe hjælper brug behov gerne god godt lidt nogen noget person personer tid
    tak ønske ønsker kan vil have gøre få giver give tilbyde tilbud hej kære ting
""".split()  # noqa: SIM905 - a word list reads better as text


@dataclass(frozen=True)
class CategoryGuess:
    slug: str
    score: float  # 0..1, the share of the text's category evidence that points here


Vocabulary = dict[str, dict[str, float]]  # term -> {slug: weight}


def _terms(text: str) -> set[str]:
    """A vocabulary text's words as whole-word terms (stem and synonyms, not compound parts: the
    parts of "dagpenge" are not about days)."""
    terms: set[str] = set()
    for word in tokenize(text):
        if word in STOP_WORDS:
            continue
        parts = {stem(p) for p in split_compound(word)} - {stem(word)}
        terms.update(t for t in word_terms(word) if t not in parts)
    return terms - _generic_terms()


@lru_cache(maxsize=1)
def _generic_terms() -> frozenset[str]:
    return frozenset(t for w in GENERIC_WORDS for t in index_terms(w))


def build_vocabulary(categories: Iterable[tuple[str, str, str]]) -> Vocabulary:
    """term -> {category slug: weight} from (slug, name, keywords) of the categories plus the
    everyday words. A term in n categories weighs 1/n in each: shared words decide less."""
    owners: dict[str, set[str]] = {}
    for slug, name, keywords in categories:
        for term in _terms(f"{name} {keywords} {EVERYDAY_WORDS.get(slug, '')}"):
            owners.setdefault(term, set()).add(slug)
    return {term: {slug: 1.0 / len(slugs) for slug in slugs} for term, slugs in owners.items()}


def _prefixes(vocabulary: Vocabulary) -> dict[str, dict[str, float]]:
    return {t: v for t, v in vocabulary.items() if len(t) >= MIN_PART}


def compound_hits(word: str, vocabulary: Vocabulary) -> list[dict[str, float]]:
    """For a word the vocabulary does not know: its longest known first part and last part
    ("skatteregler" -> skat, "computerproblemer" -> comput), each as a half vote."""
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return []
    hits = []
    for cut in range(len(word) - MIN_PART + 1, MIN_PART - 1, -1):
        head = stem(word[:cut])
        if head in vocabulary and len(head) >= MIN_PART:
            hits.append(vocabulary[head])
            break
    for cut in range(1, len(word) - MIN_PART + 1):
        tail = stem(word[cut:])
        if tail in vocabulary and len(tail) >= MIN_PART and cut >= MIN_PART - 1:
            hits.append(vocabulary[tail])
            break
    return [{slug: weight * 0.5 for slug, weight in hit.items()} for hit in hits]


def category_evidence(terms: Iterable[str], vocabulary: Vocabulary) -> dict[str, float]:
    """Raw votes per category for already analysed terms (each distinct term votes once)."""
    votes: dict[str, float] = {}
    for term in set(terms):
        for slug, weight in vocabulary.get(term, {}).items():
            votes[slug] = votes.get(slug, 0.0) + weight
    return votes


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple(
        (tuple(stem(w) for w in tokenize(phrase)), slug) for slug, phrases in PHRASES.items() for phrase in phrases
    )


def phrase_votes(words: list[str]) -> dict[str, float]:
    """One vote per everyday phrasing found in the (lowercase) words, in order."""
    stems = [stem(w) for w in words]
    votes: dict[str, float] = {}
    for phrase, slug in _phrases():
        n = len(phrase)
        if any(tuple(stems[i : i + n]) == phrase for i in range(len(stems) - n + 1)):
            votes[slug] = votes.get(slug, 0.0) + 1.0
    return votes


def classify(text: str, vocabulary: Vocabulary, *, limit: int = 3) -> list[CategoryGuess]:
    """The categories the text most likely belongs to, best first, with scores that sum to at most
    1; empty when no word points anywhere."""
    words = tokenize(text)
    votes = phrase_votes(words)
    seen: set[str] = set()
    generic = _generic_terms()
    for word in words:
        if word in STOP_WORDS:
            continue
        whole = [t for t in word_terms(word) if t not in generic]
        if not whole:
            continue
        parts = {stem(p) for p in split_compound(word)} - {stem(word)}
        known = [t for t in whole if t in vocabulary and t not in parts]
        hits = [vocabulary[t] for t in known if t not in seen]
        seen.update(known)
        if not known:
            # A compound's parts, or its known beginning or end, say less than the whole word.
            known_parts = [p for p in parts if p in vocabulary and p not in seen]
            seen.update(known_parts)
            hits = [{s: w * 0.5 for s, w in vocabulary[p].items()} for p in known_parts]
            hits = hits or compound_hits(word, vocabulary)
        # A word votes once, however many of its terms (stem, parts, synonyms) are known.
        merged: dict[str, float] = {}
        for hit in hits:
            for slug, weight in hit.items():
                merged[slug] = max(merged.get(slug, 0.0), weight)
        for slug, weight in merged.items():
            votes[slug] = votes.get(slug, 0.0) + weight
    total = sum(votes.values())
    if total <= 0:
        return []
    # Smoothing: one weak word must not look like certainty.
    denominator = max(total, 1.5)
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [CategoryGuess(slug, round(weight / denominator, 4)) for slug, weight in ranked]
