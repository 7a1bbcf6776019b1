import pytest

from ressourcebank.lib.phone import display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12 34 56 78", "+4512345678"),
        ("12-34-56-78", "+4512345678"),
        ("+45 12 34 56 78", "+4512345678"),
        ("0045 12345678", "+4512345678"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_a_number_typed_the_usual_ways_is_stored_in_one_form(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["", "1234", "12 34 56 789", "ring til mig", "+45", "+1234567890123456"])
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        normalise_phone(typed)


def test_a_danish_number_is_shown_in_pairs() -> None:
    assert display_phone("+4512345678") == "+45 12 34 56 78"
    assert display_phone("+46701234567") == "+46701234567"
