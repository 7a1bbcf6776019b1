"""The reference categories search knows as words are the ones the migrations seeded."""

import pytest

from ressourcebank.taxonomy.models import Category
from ressourcebank.taxonomy.reference import reference_categories

pytestmark = pytest.mark.django_db


def test_the_data_file_holds_the_seeded_categories_word_for_word():
    seeded = {c.slug: (c.name, c.description, c.keywords) for c in Category.objects.all()}
    in_file = {c.slug: (c.name, c.description, c.keywords) for c in reference_categories()}
    assert in_file == seeded
