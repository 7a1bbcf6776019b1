"""The pager every list shares: odd page numbers are page 1, the links keep the visitor's filters,
and the count says when the search stopped counting. (A page past the end: test_offer_search_page.)"""

import pytest
from django.test import RequestFactory

from ressourcebank.lib.paging import count_text, page_number, pagination


@pytest.mark.parametrize("asked", ["abc", "-3", "0", ""])
def test_an_odd_page_number_is_the_first_page(asked: str) -> None:
    assert page_number(RequestFactory().get("/tilbud/", {"page": asked})) == 1


def test_the_links_to_the_pages_beside_keep_the_filters() -> None:
    request = RequestFactory().get("/tilbud/", {"q": "kaffe", "area": "assentoft", "page": "2"})
    links = pagination(request, 2, 3)
    assert links["previous_url"] == "?q=kaffe&area=assentoft&page=1"
    assert links["next_url"] == "?q=kaffe&area=assentoft&page=3"
    assert pagination(request, 3, 3)["next_url"] == ""


def test_a_count_the_search_stopped_at_says_more_than() -> None:
    assert count_text(1000, True, "tilbud", "tilbud") == "Mere end 1.000 tilbud"
    assert count_text(1, False, "ønske om hjælp", "ønsker om hjælp") == "1 ønske om hjælp"
