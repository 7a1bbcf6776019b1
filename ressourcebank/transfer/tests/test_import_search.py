"""An import is done when its rows can be found: new rows, changed rows and rows that wait."""

import json
from pathlib import Path
from typing import Any

import pytest

from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.search.models import SearchEntry, SearchTerm
from ressourcebank.search.query import search_needs, search_offers
from ressourcebank.transfer.importing import import_resources

pytestmark = pytest.mark.django_db


def row(**fields: Any) -> dict[str, Any]:
    values = {
        "key": "kilde-1",
        "kind": "offer",
        "title": "Strikkeklub i Assentoft",
        "description": "Vi mødes og strikker hver tirsdag.",
        "category": "haandarbejde",
        "area": "assentoft",
        "provider": "forening",
        "child_contact": False,
        "hours_per_month": None,
    }
    values.update(fields)
    return values


def write_jsonl(tmp_path: Path, *rows: dict[str, Any]) -> Path:
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_imported_offers_and_needs_can_be_found_by_their_words_and_numbers(tmp_path: Path) -> None:
    import_resources(
        write_jsonl(
            tmp_path,
            row(key="a", title="Strikkeklub #4711"),
            row(key="b", title="Kørsel til lægen", category="transport"),
            row(key="c", kind="need", title="Hjælp til budget", category="oekonomi-raadgivning"),
        )
    )

    strik = Offer.objects.get(key="a")
    assert search_offers("strikkeklub").ids == [strik.pk]
    assert search_offers("4711").ids == [strik.pk]
    assert search_offers("lift").ids == [Offer.objects.get(key="b").pk]  # a synonym of "kørsel"
    assert search_needs("budget").ids == [Need.objects.get(key="c").pk]
    assert SearchTerm.objects.filter(term="4711").exists()


def test_rows_with_the_same_text_are_each_found(tmp_path: Path) -> None:
    import_resources(write_jsonl(tmp_path, *(row(key=f"k{i}") for i in range(5))))

    assert search_offers("strikkeklub").total == 5
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFER).count() == 5


def test_a_reimport_with_new_text_replaces_what_the_offer_is_found_by(tmp_path: Path) -> None:
    import_resources(write_jsonl(tmp_path, row(key="a", title="Strikkeklub")))
    import_resources(write_jsonl(tmp_path, row(key="a", title="Syning og reparation")))

    offer = Offer.objects.get(key="a")
    assert search_offers("strikkeklub").ids == []
    assert search_offers("syning").ids == [offer.pk]
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFER, object_id=offer.pk).count() == 1


def test_an_imported_offer_that_waits_for_a_child_check_cannot_be_found(tmp_path: Path) -> None:
    import_resources(write_jsonl(tmp_path, row(key="a", title="Lektiehjælp", child_contact=True)))

    assert search_offers("lektiehjælp").ids == []
    assert not SearchEntry.objects.exists()


def test_an_import_that_fails_leaves_nothing_to_find(tmp_path: Path) -> None:
    from ressourcebank.transfer.importing import ImportFailed

    with pytest.raises(ImportFailed):
        import_resources(write_jsonl(tmp_path, row(key="a"), row(key="b", area="nowhere")))

    assert not SearchEntry.objects.exists()
    assert search_offers("strikkeklub").ids == []
