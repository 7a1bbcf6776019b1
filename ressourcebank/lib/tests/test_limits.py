"""Field limits are read from the models; the forms, the importer and the API hold to the same."""

import pytest

from ressourcebank.api.schemas import DESCRIPTION_MAX, SLUG_MAX, TITLE_MAX
from ressourcebank.lib.limits import max_length
from ressourcebank.needs.forms import NeedForm
from ressourcebank.needs.models import Need
from ressourcebank.offers.forms import OfferForm
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category


def test_max_length_reads_the_models_field() -> None:
    assert max_length(Offer, "title") == Offer._meta.get_field("title").max_length


def test_a_field_without_a_limit_is_an_error_not_a_silent_zero() -> None:
    with pytest.raises(ValueError, match="has no max_length"):
        max_length(Offer, "is_remote")


def test_offers_and_needs_share_the_limits_the_api_uses_for_both() -> None:
    assert max_length(Need, "title") == max_length(Offer, "title") == TITLE_MAX
    assert max_length(Need, "description") == max_length(Offer, "description") == DESCRIPTION_MAX


def test_the_forms_hold_to_the_models_limits() -> None:
    offer_form, need_form = OfferForm(), NeedForm()
    assert offer_form.fields["title"].max_length == TITLE_MAX
    assert need_form.fields["description"].max_length == DESCRIPTION_MAX
    assert str(DESCRIPTION_MAX) in str(offer_form.fields["description"].help_text)


def test_categories_and_areas_share_the_slug_limit_the_api_uses_for_both() -> None:
    assert max_length(Category, "slug") == max_length(Area, "slug") == SLUG_MAX
