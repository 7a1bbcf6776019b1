"""Phone numbers as people type them ("12 34 56 78", "+45 12-34-56-78", "0045 …") and as an SMS
gateway wants them (E.164: "+4512345678"). Framework-free, so forms, the API and the outbox agree."""

import re

DANISH_LENGTH = 8
# E.164 allows up to 15 digits after the "+"; the shortest real international numbers have 8.
INTERNATIONAL_LENGTHS = range(8, 16)


def normalise_phone(text: str) -> str:
    """The number in E.164 form. A number without a country code is Danish (8 digits).
    Raises ValueError for anything else, so a form can answer with its own message."""
    digits = re.sub(r"[\s\-().]", "", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not re.fullmatch(r"\+?\d+", digits):
        raise ValueError("not a phone number")
    if digits.startswith("+"):
        if len(digits) - 1 not in INTERNATIONAL_LENGTHS:
            raise ValueError("wrong length for an international number")
        return digits
    if len(digits) != DANISH_LENGTH:
        raise ValueError("a Danish number has 8 digits")
    return "+45" + digits


def display_phone(e164: str) -> str:
    """A Danish number the way Danes read it aloud: "+45 12 34 56 78"; others unchanged."""
    if e164.startswith("+45") and len(e164) == 3 + DANISH_LENGTH:
        local = e164[3:]
        return "+45 " + " ".join(local[i : i + 2] for i in range(0, DANISH_LENGTH, 2))
    return e164
