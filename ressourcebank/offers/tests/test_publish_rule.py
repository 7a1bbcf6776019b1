"""The publish rule (offers.models.settled_status and friends), which the offer form, the API,
moderation and the importer all apply."""

from datetime import UTC, date, datetime

import pytest

from ressourcebank.offers.models import Offer, is_held_back, kept_child_check, settled_status

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
EARLIER = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_an_offer_held_back_by_nothing_is_published_now() -> None:
    assert settled_status(Offer.Status.PENDING, None, held_back=False, now=NOW) == (Offer.Status.PUBLISHED, NOW)


def test_a_published_offer_keeps_the_time_it_was_first_published() -> None:
    assert settled_status(Offer.Status.PUBLISHED, EARLIER, held_back=False, now=NOW) == ("published", EARLIER)


def test_a_held_back_offer_waits() -> None:
    assert settled_status(Offer.Status.PUBLISHED, EARLIER, held_back=True, now=NOW) == ("pending", EARLIER)


@pytest.mark.parametrize("status", [Offer.Status.REJECTED, Offer.Status.PAUSED, Offer.Status.ARCHIVED])
def test_rejected_paused_and_archived_offers_stay_as_they_are(status: str) -> None:
    assert settled_status(status, None, held_back=False, now=NOW) == (status, None)


def test_staffs_approval_or_a_missing_child_check_holds_an_offer_back() -> None:
    assert is_held_back(requires_moderation=True, has_child_contact=False, child_check_obtained_on=None)
    assert is_held_back(requires_moderation=False, has_child_contact=True, child_check_obtained_on=None)
    assert not is_held_back(requires_moderation=False, has_child_contact=True, child_check_obtained_on=date(2026, 1, 2))
    assert not is_held_back(requires_moderation=False, has_child_contact=False, child_check_obtained_on=None)


def test_a_child_check_is_kept_only_while_the_child_contact_is() -> None:
    on = date(2026, 1, 2)
    assert kept_child_check(had_child_contact=True, has_child_contact=True, obtained_on=on) == on
    assert kept_child_check(had_child_contact=False, has_child_contact=True, obtained_on=on) is None
    assert kept_child_check(had_child_contact=True, has_child_contact=False, obtained_on=on) is None
