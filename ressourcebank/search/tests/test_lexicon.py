"""The lexicon is data: read from its files, versioned by their contents, and the index knows which
version built it."""

from io import StringIO

import pytest
from django.core.management import call_command

from ressourcebank.search.index import indexed_lexicon_version, lexicon_has_changed, rebuild_index
from ressourcebank.search.lexicon import FILES, LEXICON_VERSION, _read, lexicon, parse
from ressourcebank.search.models import IndexState


def texts() -> dict[str, str]:
    return {name: _read(name) for name in FILES}


def test_the_files_give_stop_words_synonyms_and_concepts() -> None:
    lex = lexicon()
    assert "og" in lex.stop_words
    assert ("computer", "pc") in lex.synonym_groups
    vvs = next(c for c in lex.concepts if c.name == "vvs")
    assert "radiator" in vvs.entries
    assert vvs.categories == ("handyman",)


def test_a_changed_file_is_a_new_version_and_the_same_files_the_same() -> None:
    original = texts()
    assert parse(original).version == LEXICON_VERSION
    changed = {**original, "synonyms.tsv": original["synonyms.tsv"] + "cykel bike\n"}
    assert parse(changed).version != LEXICON_VERSION


def test_a_malformed_line_names_the_file_and_line() -> None:
    broken = {**texts(), "concepts.tsv": "# comment\nvvs\thandyman\n"}
    with pytest.raises(ValueError, match="concepts.tsv: line 1"):
        parse(broken)


@pytest.mark.django_db
def test_the_index_records_the_lexicon_version_that_built_it() -> None:
    assert lexicon_has_changed()  # never built
    rebuild_index()
    assert indexed_lexicon_version() == LEXICON_VERSION
    assert not lexicon_has_changed()


@pytest.mark.django_db
def test_the_scheduled_rebuild_runs_only_when_the_lexicon_changed(make_offer: object) -> None:
    rebuild_index()
    out = StringIO()
    call_command("rebuild_search_index", "--if-lexicon-changed", stdout=out)
    assert "nuværende ordbog" in out.getvalue()
    IndexState.objects.filter(key="lexicon_version").update(value="an-older-version")
    out = StringIO()
    call_command("rebuild_search_index", "--if-lexicon-changed", stdout=out, stderr=StringIO())
    assert "bygget på" in out.getvalue()
    assert indexed_lexicon_version() == LEXICON_VERSION
