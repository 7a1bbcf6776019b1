"""The brochure as a reader gets it: the PDF's text (pdftotext, as a screen reader or a search would
read it) and the accessibility a PDF reader needs: tags, language, title and a reading order that
follows the page."""

import io
import re
import shutil
import subprocess
from datetime import time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ressourcebank.activities import actions as activity_actions
from ressourcebank.activities.recurrence import Recurrence
from ressourcebank.brochure.content import collect_brochure
from ressourcebank.brochure.render import brochure_html, brochure_pdf
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext mangler: `make poppler` installerer det (som root)"
)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in reading order, with line breaks as spaces (a heading may wrap)."""
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S607
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._open is not None:
            self.headings.append(re.sub(r"\s+", " ", "".join(self._open)).strip())
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _activity(by: Any, organisation: Any, title: str, area: Area, **fields: Any) -> Any:
    fields.setdefault("category", Category.objects.get(slug="faellesskab"))
    fields.setdefault("starts_on", timezone.localdate() + timedelta(days=3))
    data = activity_actions.ActivityData(
        title=title,
        description="Alle kan være med.",
        area=area,
        place=f"Forsamlingshuset i {area.name}",
        start_time=time(19, 0),
        end_time=time(21, 0),
        organisation=organisation,
        **fields,
    )
    return activity_actions.create_activity(data, by=by)


@pytest.fixture
def two_areas(make_offer: Any, assentoft_hours: Any, carla: Any, association: Any) -> dict[str, Any]:
    langaa, assentoft = Area.objects.get(slug="langaa"), Area.objects.get(slug="assentoft")
    _activity(
        carla,
        association,
        "Åben koraften i Assentoft",
        assentoft,
        recurrence=Recurrence.WEEKLY,
        labels=["bare-moed-op"],
        cost_text="",
    )
    _activity(
        carla, association, "Strikkecafé på biblioteket", assentoft, category=Category.objects.get(slug="haandarbejde")
    )
    _activity(carla, association, "Operaaften i Langå", langaa)
    _activity(
        carla, association, "Sommerfest om et halvt år", assentoft, starts_on=timezone.localdate() + timedelta(days=180)
    )
    return {
        "assentoft": make_offer(title="Strikkecafé i Assentoft", description="Vi strikker sammen om tirsdagen."),
        "other_category": make_offer(
            title="Lektiehjælp i Assentoft", category=Category.objects.get(slug="lektiehjaelp")
        ),
        "langaa": make_offer(title="Havehjælp i Langå", description="Jeg slår græs.", area=langaa),
        "pending": make_offer(title="Venter på godkendelse", status="pending"),
    }


@needs_pdftotext
def test_the_brochure_holds_the_areas_offers_and_nothing_from_another_area(two_areas: Any) -> None:
    text = pdf_text(brochure_pdf(collect_brochure(Area.objects.get(slug="assentoft"))))
    assert "Ressourcebanken i Assentoft" in text
    assert "Strikkecafé i Assentoft" in text
    assert "Lektiehjælp i Assentoft" in text
    assert "Havehjælp i Langå" not in text
    assert "Åben koraften i Assentoft" in text, "the area's activities"
    assert "Bare mød op" in text, "with their low-threshold labels"
    assert "Gratis" in text
    assert "Operaaften i Langå" not in text
    assert "Sommerfest om et halvt år" not in text, "only the coming weeks"
    assert "Venter på godkendelse" not in text, "only published offers"
    assert "Hjælp til økonomi og digital post" in text, "the area's counselling hours"
    assert "Assentoft Bibliotek" in text
    assert "Når du er bekymret for en anden" in text, "the guide's words"
    assert "89 15 15 15" in text, "where to turn"
    assert "http://127.0.0.1:8000/tilbud/?area=assentoft" in text, "the web address beside the QR code"
    assert "http://127.0.0.1:8000/faellesskaber/?omraade=assentoft" in text


@needs_pdftotext
def test_a_theme_brochure_holds_only_that_categorys_offers(two_areas: Any) -> None:
    brochure = collect_brochure(Area.objects.get(slug="assentoft"), Category.objects.get(slug="besoegsven"))
    text = pdf_text(brochure_pdf(brochure))
    assert "Besøgsven og samvær i Assentoft" in text
    assert "Strikkecafé i Assentoft" in text
    assert "Lektiehjælp i Assentoft" not in text
    assert "Strikkecafé på biblioteket" not in text, "activities of another category are left out too"


@needs_pdftotext
def test_the_pdf_is_tagged_in_danish_with_a_title_reads_in_the_pages_order_and_names_its_images(two_areas: Any) -> None:
    brochure = collect_brochure(Area.objects.get(slug="assentoft"))
    pdf = brochure_pdf(brochure)
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert catalog["/Lang"] == "da"
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Ressourcebanken i Assentoft"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])

    parser = _Headings()
    parser.feed(brochure_html(brochure))
    assert len(parser.headings) > 10
    text, position = pdf_text(pdf), 0
    for heading in parser.headings:
        found = text.find(heading, position)
        assert found >= 0, f"{heading!r} is not where the page has it"
        position = found + len(heading)

    figures = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(catalog["/StructTreeRoot"])
    assert figures, "the QR codes are figures in the structure"
    assert all(alt.startswith("QR-kode til http") for alt in figures), "each says where it leads"


def test_make_brochure_writes_the_pdf(two_areas: Any, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("make_brochure", "--area", "assentoft", str(tmp_path / "pjece.pdf"), stdout=out)
    assert (tmp_path / "pjece.pdf").read_bytes().startswith(b"%PDF-")
    assert "Ressourcebanken i Assentoft" in out.getvalue()


def test_make_brochure_refuses_an_unknown_area_in_danish(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Vælg et lokalområde fra listen"):
        call_command("make_brochure", "--area", "atlantis", str(tmp_path / "pjece.pdf"))
    assert not (tmp_path / "pjece.pdf").exists()


def test_staff_download_the_brochure_from_the_staff_area(client: Any, login: Any, erik: Any, two_areas: Any) -> None:
    login(client, erik)
    page = client.get(reverse("staff:brochure"))
    assert page.status_code == 200
    assert "Hent pjecen som PDF" in page.content.decode()
    response = client.get(reverse("staff:brochure"), {"area": "assentoft", "theme": ""})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pjece-assentoft.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_an_unknown_area_is_answered_on_the_page(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = client.get(reverse("staff:brochure"), {"area": "atlantis"})
    assert response.status_code == 200
    assert "Vælg et lokalområde fra listen." in response.content.decode()


def test_without_weasyprints_libraries_the_page_says_so_in_danish(
    client: Any, login: Any, erik: Any, monkeypatch: Any
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    login(client, erik)
    response = client.get(reverse("staff:brochure"), {"area": "assentoft"})
    assert response.status_code == 503
    assert "Pjecen kan ikke laves lige nu" in response.content.decode()
    assert "make install" in response.content.decode()


@pytest.mark.parametrize("persona", ["alice", "dorte", "carla"])
def test_only_staff_print_the_brochure(client: Any, login: Any, persona: str, request: Any) -> None:
    assert client.get(reverse("staff:brochure")).status_code == 302
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("staff:brochure"), {"area": "assentoft"}).status_code == 403


def test_the_brochure_for_the_whole_municipality_reads_hele_kommunen_in_lower_case() -> None:
    # The cover said "Ressourcebanken i Hele kommunen" and each heading "Tilbud i Hele kommunen".
    brochure = collect_brochure(Area.objects.get(slug="hele-kommunen"))
    html = brochure_html(brochure)

    assert brochure.title == "Ressourcebanken i hele kommunen"
    assert "Tilbud i hele kommunen" in html
    assert "i Hele kommunen" not in html


@needs_pdftotext
def test_the_brochure_for_the_whole_municipality_holds_every_areas_offers_activities_and_counselling(
    two_areas: Any,
) -> None:
    # It is the form's default; it said there was no counselling and no activities, as it held only
    # what was tagged "hele kommunen".
    text = pdf_text(brochure_pdf(collect_brochure(Area.objects.get(slug="hele-kommunen"))))

    assert "Strikkecafé i Assentoft" in text
    assert "Havehjælp i Langå" in text
    assert "Åben koraften i Assentoft" in text
    assert "Operaaften i Langå" in text
    assert "Hjælp til økonomi og digital post" in text
    assert "Venter på godkendelse" not in text
    assert "http://127.0.0.1:8000/tilbud/ " in text + " ", "the list of every offer, not one area's"
