import csv
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import CapacityKind, Offer
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[Any, ...]]:
    offers = Offer.objects.order_by("pk").values_list()
    needs = Need.objects.order_by("pk").values_list()
    return [*offers, *needs]


@pytest.fixture
def some_resources(make_offer: Callable[..., Offer], alice: User, business: Any) -> None:
    make_offer(key="kilde-7", capacity_kind=CapacityKind.HOURS_PER_MONTH, capacity_amount=5)
    make_offer(title="Lektiehjælp", owner=alice, has_child_contact=True, status=Offer.Status.PENDING)
    make_offer(
        title="Praktikplads", organisation=business, provider="virksomhed", capacity_kind="places", capacity_amount=2
    )
    area = Area.objects.get(slug="langaa")
    Need.objects.create(owner=alice, description="Hjælp til at handle", area=area, visibility="public")
    Need.objects.create(owner=alice, description="Hemmeligt", area=area, visibility="staff")


@pytest.mark.parametrize("name", ["export.csv", "export.jsonl"])
def test_an_export_imports_again_unchanged(tmp_path: Path, some_resources: None, name: str) -> None:
    path = tmp_path / name
    before = snapshot()

    call_command("export_resources", str(path), stdout=StringIO())
    out = StringIO()
    call_command("import_resources", str(path), stdout=out, stderr=StringIO())

    assert out.getvalue().strip() == "imported 0, updated 3"
    assert snapshot() == before


def test_rows_without_a_key_are_exported_with_a_stable_key(tmp_path: Path, some_resources: None) -> None:
    path = tmp_path / "export.jsonl"

    call_command("export_resources", str(path), stdout=StringIO())

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    offers = list(Offer.objects.order_by("pk"))
    need = Need.objects.get(visibility="public")
    assert [r["key"] for r in rows] == ["kilde-7", f"rb-offer-{offers[2].pk}", f"rb-need-{need.pk}"]
    assert rows[0]["hours_per_month"] == 5 and rows[0]["child_contact"] is False
    assert rows[2]["category"] is None and rows[2]["provider"] == "borger"


def test_the_export_leaves_out_needs_only_staff_may_see(tmp_path: Path, some_resources: None) -> None:
    path = tmp_path / "export.csv"

    call_command("export_resources", str(path), stdout=StringIO())

    assert "Hemmeligt" not in path.read_text(encoding="utf-8")


def test_an_export_of_an_empty_site_imports_again(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    call_command("export_resources", str(path), stdout=StringIO())
    out = StringIO()

    call_command("import_resources", str(path), stdout=out, stderr=StringIO())

    assert out.getvalue().strip() == "imported 0, updated 0"


def test_an_exported_file_loads_into_an_empty_site_the_same(tmp_path: Path, some_resources: None) -> None:
    path = tmp_path / "export.jsonl"
    call_command("export_resources", str(path), stdout=StringIO())
    Offer.objects.filter(key="kilde-7").delete()
    out, err = StringIO(), StringIO()

    call_command("import_resources", str(path), stdout=out, stderr=err)

    assert out.getvalue().strip() == "imported 1, updated 2"
    assert Offer.objects.get(key="kilde-7").capacity_amount == 5


@pytest.mark.parametrize("status", ["pending", "rejected", "paused", "archived"])
def test_the_export_leaves_out_offers_the_public_cannot_see(
    tmp_path: Path, make_offer: Callable[..., Offer], status: str
) -> None:
    # An imported row is published: an exported pending offer would go public on the next import.
    make_offer(title="Ikke offentlig", status=status)
    path = tmp_path / "export.jsonl"

    call_command("export_resources", str(path), stdout=StringIO())

    assert path.read_text(encoding="utf-8") == ""


def test_the_export_leaves_out_offers_of_an_organisation_not_yet_approved(
    tmp_path: Path, make_offer: Callable[..., Offer], business: Any
) -> None:
    business.approved_at = None
    business.save()
    make_offer(title="Praktikplads", organisation=business, provider="virksomhed")
    path = tmp_path / "export.csv"

    call_command("export_resources", str(path), stdout=StringIO())

    assert "Praktikplads" not in path.read_text(encoding="utf-8")


def test_the_export_leaves_out_closed_needs(tmp_path: Path, alice: User) -> None:
    area = Area.objects.get(slug="langaa")
    Need.objects.create(owner=alice, description="Lukket behov", area=area, visibility="public", status="closed")
    path = tmp_path / "export.csv"

    call_command("export_resources", str(path), stdout=StringIO())

    assert "Lukket behov" not in path.read_text(encoding="utf-8")


FORMULAS = ['=HYPERLINK("http://x")', "+45 12 34", "-1+1", "@SUM(A1)", "\tTAB", "'=1+1", "''-2", "'almindelig tekst"]


def test_csv_cells_a_spreadsheet_would_run_as_a_formula_get_an_apostrophe(
    tmp_path: Path, make_offer: Callable[..., Offer]
) -> None:
    for number, text in enumerate(FORMULAS):
        make_offer(key=f"=k{number}", title=text, description=f"-{text}")
    path = tmp_path / "export.csv"

    call_command("export_resources", str(path), stdout=StringIO())

    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+45 12 34",
        "'-1+1",
        "'@SUM(A1)",
        "'\tTAB",
        "''=1+1",
        "'''-2",
        "'almindelig tekst",
    ]
    assert all(r["description"].startswith("'-") and r["key"].startswith("'=") for r in rows)
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for r in rows for cell in r.values())


def test_json_lines_keep_formula_like_text_as_it_is(tmp_path: Path, make_offer: Callable[..., Offer]) -> None:
    make_offer(title="=1+1", description="@alle")
    path = tmp_path / "export.jsonl"

    call_command("export_resources", str(path), stdout=StringIO())

    row = json.loads(path.read_text(encoding="utf-8"))
    assert (row["title"], row["description"]) == ("=1+1", "@alle")


def test_formula_like_text_survives_a_csv_round_trip_exactly(tmp_path: Path, make_offer: Callable[..., Offer]) -> None:
    texts = [text for text in FORMULAS if not text.startswith("\t")]  # the importer trims whitespace
    for number, text in enumerate(texts):
        make_offer(key=f"=k{number}", title=text, description=f"-{text}")
    path = tmp_path / "export.csv"
    call_command("export_resources", str(path), stdout=StringIO())
    before = snapshot()
    out = StringIO()

    call_command("import_resources", str(path), stdout=out, stderr=StringIO())

    assert out.getvalue().strip() == f"imported 0, updated {len(texts)}"
    assert snapshot() == before
    Offer.objects.all().delete()
    call_command("import_resources", str(path), stdout=StringIO(), stderr=StringIO())
    after = Offer.objects.order_by("key").values_list("key", "title", "description")
    assert list(after) == sorted((f"=k{n}", text, f"-{text}") for n, text in enumerate(texts))
