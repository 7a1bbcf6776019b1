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

from ressourcebank.search.analysis import STOP_WORDS, index_terms, stem, tokenize

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
        praktisk praktiske indkøb handle handler handleture butik supermarked varer købmand
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
        videoopkald zoom teams facebook borger.dk sundhed.dk selvbetjening online teknik
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
        selvværd ensomhed samtalegruppe terapi psykolog misbrug alkohol ryge rygestop kost
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
    return set(index_terms(text)) - _generic_terms()


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


def classify(text: str, vocabulary: Vocabulary, *, limit: int = 3) -> list[CategoryGuess]:
    """The categories the text most likely belongs to, best first, with scores that sum to at most
    1; empty when no word points anywhere."""
    votes: dict[str, float] = {}
    seen: set[str] = set()
    generic = _generic_terms()
    for word in tokenize(text):
        if word in STOP_WORDS:
            continue
        terms = [t for t in index_terms(word) if t not in generic]
        if not terms:
            continue
        known = [t for t in terms if t in vocabulary]
        hits = [vocabulary[t] for t in known if t not in seen]
        seen.update(known)
        if not known:
            hits = compound_hits(word, vocabulary)
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
