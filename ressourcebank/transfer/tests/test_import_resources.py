import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ressourcebank.needs.models import Need
from ressourcebank.offers.models import CapacityKind, Offer

pytestmark = pytest.mark.django_db

HEADER = "key,kind,title,description,category,area,provider,child_contact,hours_per_month\n"


def row(**fields: Any) -> dict[str, Any]:
    values = {
        "key": "kilde-1",
        "kind": "offer",
        "title": "Besøgsven i Assentoft",
        "description": "Jeg kommer gerne forbi til kaffe og en snak.",
        "category": "besoegsven",
        "area": "assentoft",
        "provider": "borger",
        "child_contact": "false",
        "hours_per_month": "",
    }
    values.update(fields)
    return values


def write_jsonl(tmp_path: Path, *rows: dict[str, Any], name: str = "data.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_import(path: Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_resources", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("line ")]


def test_a_good_csv_file_imports_offers_and_needs_and_says_how_many(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "r1,offer,Regnskabshjælp,5 gratis timer om måneden,oekonomi-raadgivning,randers-c,virksomhed,nej,5\n"
        + 'r2,need,,"Jeg har brug for\nhjælp til MitID",,assentoft,borger,0,\n',
    )

    code, out, err = run_import(path)

    assert (code, out.strip(), error_lines(err)) == (0, "imported 2, updated 0", [])
    offer = Offer.objects.get(key="r1")
    assert offer.status == Offer.Status.PUBLISHED and offer.published_at is not None
    assert (offer.owner, offer.organisation, offer.provider) == (None, None, "virksomhed")
    assert (offer.capacity_kind, offer.capacity_amount) == (CapacityKind.HOURS_PER_MONTH, 5)
    need = Need.objects.get(key="r2")
    assert need.description == "Jeg har brug for\nhjælp til MitID"
    assert (need.category, need.visibility, need.status) == (None, Need.Visibility.PUBLIC, Need.Status.OPEN)


def test_a_good_json_lines_file_imports_one_off_offers(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path, row(child_contact=False, hours_per_month=None))

    code, out, _ = run_import(path)

    assert (code, out.strip()) == (0, "imported 1, updated 0")
    assert Offer.objects.get(key="kilde-1").capacity_kind == CapacityKind.ONE_OFF


def test_importing_the_same_key_again_updates_and_never_duplicates(tmp_path: Path) -> None:
    run_import(write_jsonl(tmp_path, row()))

    code, out, _ = run_import(write_jsonl(tmp_path, row(title="Ny overskrift", hours_per_month=3)))

    assert (code, out.strip()) == (0, "imported 0, updated 1")
    offer = Offer.objects.get()
    assert (offer.title, offer.capacity_amount) == ("Ny overskrift", 3)


def test_an_offer_with_child_contact_is_imported_but_waits_for_a_child_check(tmp_path: Path) -> None:
    code, out, _ = run_import(write_jsonl(tmp_path, row(category="lektiehjaelp", child_contact="ja")))

    assert code == 0
    assert out.splitlines()[0] == "imported 1, updated 0"
    assert "1 offers with child contact wait for a børneattest" in out
    offer = Offer.objects.get()
    assert offer.status == Offer.Status.PENDING
    assert offer.child_check_obtained_on is None
    assert not Offer.objects.published().exists()


def test_a_file_with_one_bad_row_imports_nothing_and_names_every_bad_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path, row(key="a"), row(key="b", kind="tilbud"), row(key="c"), row(key="d", area="mars"))

    code, out, err = run_import(path)

    assert code == 1
    assert out == ""
    assert error_lines(err) == [
        'line 2: unknown kind "tilbud" (expected offer or need)',
        'line 4: unknown area "mars"',
    ]
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"kind": "tilbud"}, 'unknown kind "tilbud" (expected offer or need)'),
        ({"category": "strikning"}, 'unknown category "strikning"'),
        ({"area": "aarhus"}, 'unknown area "aarhus"'),
        ({"title": ""}, "missing title"),
        ({"description": "  "}, "missing description"),
        ({"category": ""}, "missing category"),
        ({"provider": "kommune"}, 'unknown provider "kommune" (expected borger, virksomhed or forening)'),
        ({"child_contact": "måske"}, 'child_contact must be true or false, not "måske"'),
        ({"child_contact": ""}, "missing child_contact (true or false)"),
        ({"hours_per_month": "fem"}, 'hours_per_month must be a whole number from 1 to 744, not "fem"'),
        ({"hours_per_month": "0"}, 'hours_per_month must be a whole number from 1 to 744, not "0"'),
        ({"hours_per_month": 2.5}, 'hours_per_month must be a whole number from 1 to 744, not "2.5"'),
        ({"title": "x" * 121}, "title is longer than 120 characters"),
        ({"key": ""}, "missing key"),
        ({"title": 42}, "title must be text"),
        (
            {"key": "rb-offer-999"},
            'key "rb-offer-999" names no offer here '
            "(keys rb-offer-<id> and rb-need-<id> are reserved for exports from Ressourcebanken)",
        ),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line_and_reason(
    tmp_path: Path, fields: dict[str, Any], reason: str
) -> None:
    path = write_jsonl(tmp_path, row(key="god"), row(**{"key": "skidt", **fields}))

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == [f"line 2: {reason}"]
    assert not Offer.objects.exists()


def test_a_row_with_several_problems_is_reported_once_with_every_reason(tmp_path: Path) -> None:
    code, _, err = run_import(write_jsonl(tmp_path, row(title="", area="mars")))

    assert code == 1
    assert error_lines(err) == ['line 1: missing title; unknown area "mars"']


def test_a_need_may_leave_title_and_category_empty(tmp_path: Path) -> None:
    code, out, _ = run_import(write_jsonl(tmp_path, row(kind="need", title="", category="")))

    assert (code, out.strip()) == (0, "imported 1, updated 0")


def test_a_duplicate_key_within_the_file_is_refused(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path, row(key="x"), row(key="y"), row(key="x"))

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == ['line 3: duplicate key "x" (also on line 1)']
    assert not Offer.objects.exists()


def test_a_malformed_json_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps(row(key="a")) + "\n\n" + '{"key": "b", "kind": \n' + "[1, 2]\n", encoding="utf-8")

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == [
        "line 3: malformed JSON (Expecting value)",
        "line 4: expected a JSON object",
    ]
    assert not Offer.objects.exists()


def test_an_unknown_json_field_is_refused(tmp_path: Path) -> None:
    code, _, err = run_import(write_jsonl(tmp_path, row(colour="blå")))

    assert (code, error_lines(err)) == (1, ['line 1: unknown field "colour"'])


def test_a_wrong_csv_header_is_reported_as_line_1(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "key,type,title\nr1,offer,Hej\n")

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == [
        "line 1: wrong header: expected the columns "
        "key,kind,title,description,category,area,provider,child_contact,hours_per_month"
    ]
    assert not Offer.objects.exists()


def test_csv_line_numbers_count_the_header_and_lines_inside_quoted_fields(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + 'r1,offer,Hej,"to\nlinjer",besoegsven,assentoft,borger,false,\n'
        + "r2,offer,Hej,Tekst,besoegsven,assentoft,borger,false,nul\n"
        + "r3,offer,Hej,Tekst\n",
    )

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == [
        'line 4: hours_per_month must be a whole number from 1 to 744, not "nul"',
        "line 5: expected 9 columns, found 4",
    ]


def test_a_semicolon_csv_without_hours_column_imports(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "key;kind;title;description;category;area;provider;child_contact\n"
        "r1;offer;Strikkeklub;Vi strikker hver tirsdag;haandarbejde;assentoft;forening;FALSE\n",
    )

    code, out, _ = run_import(path)

    assert (code, out.strip()) == (0, "imported 1, updated 0")


def test_a_file_without_a_known_extension_is_recognised_by_its_content(tmp_path: Path) -> None:
    code, out, _ = run_import(write_jsonl(tmp_path, row(), name="data.txt"))

    assert (code, out.strip()) == (0, "imported 1, updated 0")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes((HEADER + "r1,offer,Bes\xf8g,x,besoegsven,assentoft,borger,false,\n").encode("latin-1"))

    code, _, err = run_import(path)

    assert (code, error_lines(err)) == (1, ["line 2: the file is not UTF-8 text"])


def test_a_key_of_an_existing_need_cannot_become_an_offer(tmp_path: Path) -> None:
    run_import(write_jsonl(tmp_path, row(key="k", kind="need")))

    code, _, err = run_import(write_jsonl(tmp_path, row(key="k", kind="offer")))

    assert (code, error_lines(err)) == (1, ['line 1: key "k" belongs to an existing need, not an offer'])


def test_updating_keeps_the_status_staff_gave_the_offer(tmp_path: Path, erik: Any) -> None:
    from ressourcebank.offers.actions import pause_offer

    run_import(write_jsonl(tmp_path, row()))
    pause_offer(Offer.objects.get(), by=erik)

    run_import(write_jsonl(tmp_path, row(title="Ændret")))

    offer = Offer.objects.get()
    assert (offer.title, offer.status) == ("Ændret", Offer.Status.PAUSED)


def test_a_large_file_shows_its_progress(tmp_path: Path) -> None:
    rows = [row(key=f"k{i}") for i in range(10_000)]

    code, out, err = run_import(write_jsonl(tmp_path, *rows))

    assert (code, out.strip()) == (0, "imported 10000, updated 0")
    assert "checked 10000 rows" in err
    assert "created 10000 of 10000 offers" in err


def test_a_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_resources", str(tmp_path / "findes-ikke.csv"))


@pytest.mark.parametrize("field", ["key", "title", "description", "category", "area"])
def test_a_null_character_in_a_text_field_is_a_bad_row_not_a_crash(tmp_path: Path, field: str) -> None:
    # PostgreSQL text cannot hold NUL: the row used to reach the database and stop the import there.
    path = write_jsonl(tmp_path, row(key="god"), row(**{"key": "skidt", field: "Hjælp\x00"}))

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == [f"line 2: {field} contains a null character"]
    assert not Offer.objects.exists()


def test_a_null_character_in_a_csv_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path, HEADER + "k1,offer,Besøg\x00,Kaffe og snak,besoegsven,assentoft,borger,false,\n")

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == ["line 2: title contains a null character"]


def test_deeply_nested_json_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    nested = '{"key": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(json.dumps(row(key="god")) + "\n" + nested + "\n", encoding="utf-8")

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == ["line 2: malformed JSON (nested too deeply)"]
    assert not Offer.objects.exists()


@pytest.mark.parametrize("field", ["key", "title", "description", "category", "colour"])
def test_a_lone_surrogate_is_a_bad_line_not_a_crash(tmp_path: Path, field: str) -> None:
    # "\ud800" is valid JSON, but no character: PostgreSQL refused it with UnicodeEncodeError.
    path = tmp_path / "data.jsonl"
    bad = json.dumps(row(**{"key": "skidt", field: "PLACEHOLDER"})).replace("PLACEHOLDER", "Hj\\ud800lp")
    path.write_text(json.dumps(row(key="god")) + "\n" + bad + "\n", encoding="utf-8")

    code, _, err = run_import(path)

    assert code == 1
    assert error_lines(err) == ["line 2: malformed JSON (\\u escape of a lone surrogate, not a character)"]
    assert not Offer.objects.exists()


def test_a_surrogate_pair_is_one_character_and_imports(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps(row(title="Hygge \U0001f600"), ensure_ascii=True) + "\n", encoding="utf-8")

    code, out, err = run_import(path)

    assert (code, out.strip(), error_lines(err)) == (0, "imported 1, updated 0", [])
    assert Offer.objects.get().title == "Hygge \U0001f600"


def test_an_apostrophe_before_a_formula_character_in_csv_is_taken_off(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "'=k1,offer,'=1+1,'-kaffe,besoegsven,assentoft,borger,false,\n"
        + "k2,offer,''@alle,'almindelig,besoegsven,assentoft,borger,false,\n",
    )

    code, out, err = run_import(path)

    assert (code, out.strip(), error_lines(err)) == (0, "imported 2, updated 0", [])
    assert list(Offer.objects.order_by("key").values_list("key", "title", "description")) == [
        ("=k1", "=1+1", "-kaffe"),
        ("k2", "'@alle", "'almindelig"),
    ]


def test_json_lines_keep_an_apostrophe_before_a_formula_character(tmp_path: Path) -> None:
    code, _, _ = run_import(write_jsonl(tmp_path, row(title="'=1+1")))

    assert code == 0
    assert Offer.objects.get().title == "'=1+1"
