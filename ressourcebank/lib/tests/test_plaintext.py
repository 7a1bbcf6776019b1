"""Phone numbers in staff's text become links a person on a phone can tap (lib.plaintext)."""

from ressourcebank.lib.plaintext import linkify


def test_a_number_written_in_threes_is_tappable_too() -> None:
    # The guide's "Livslinien på 70 201 201" was plain text, while "89 15 15 15" was a link.
    assert linkify("Livslinien på 70 201 201 er åben.") == (
        'Livslinien på <a href="tel:+4570201201">70 201 201</a> er åben.'
    )
    assert linkify("Ring 89151515 eller +45 8915 1515.") == (
        'Ring <a href="tel:+4589151515">89151515</a> eller <a href="tel:+4589151515">+45 8915 1515</a>.'
    )


def test_the_emergency_numbers_after_ring_are_tappable() -> None:
    # "Hvis nogen er i fare lige nu: Ring 112." - the one number a stressed person must reach.
    assert linkify("Ring 112.") == 'Ring <a href="tel:112">112</a>.'
    assert linkify("Du vil tale med politiet: ring 114") == 'Du vil tale med politiet: ring <a href="tel:114">114</a>'
    assert linkify("Vi har 112 frivillige.") == "Vi har 112 frivillige."


def test_longer_or_shorter_runs_of_digits_are_left_alone() -> None:
    assert linkify("Postnummer 8960, år 2026, sag 123456789.") == "Postnummer 8960, år 2026, sag 123456789."
