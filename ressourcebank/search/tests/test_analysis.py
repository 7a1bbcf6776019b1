from ressourcebank.search.analysis import index_terms, query_terms, split_compound, stem, tokenize


def test_tokens_are_lowercase_and_keep_danish_letters():
    assert tokenize("Får ÆBLER på Øen, Langå!") == ["får", "æbler", "på", "øen", "langå"]


def test_letters_and_digits_never_share_a_token():
    assert tokenize("c12 e-boks 5km") == ["c", "12", "e", "boks", "5", "km"]


def test_danish_letters_are_not_folded():
    assert stem("får") != stem("far")
    assert "far" not in index_terms("får")
    assert "langaa" not in index_terms("Langå")


def test_stop_words_are_not_indexed():
    assert index_terms("jeg vil gerne hjælpe dig med det") == [stem("gerne"), "hjælp"]


def test_a_compound_is_indexed_with_its_parts():
    terms = index_terms("lektiehjælp")
    assert "hjælp" in terms
    assert stem("lektier") in terms


def test_a_compound_splits_at_a_linking_s():
    assert split_compound("besøgsvenner") == ("besøg", "venner")
    assert split_compound("regnskabshjælp") == ("regnskab", "hjælp")


def test_a_plain_word_is_not_split():
    assert split_compound("mandag") == ()
    assert split_compound("kørsel") == ()


def test_synonyms_are_indexed_with_the_word():
    assert "skat" in index_terms("selvangivelse")
    assert "pc" in index_terms("computer")


def test_synonyms_do_not_spread_from_compound_parts():
    assert "job" not in index_terms("havearbejde")


def test_only_the_last_query_word_is_a_prefix():
    terms = query_terms("hjælp til besø")
    assert [t.stem for t in terms] == ["hjælp", "besø"]
    assert terms[0].prefix is None
    assert terms[1].prefix == "besø"


def test_a_query_compound_carries_its_parts():
    (term,) = query_terms("besøgsven")
    assert term.parts == ("besøg", "ven")
