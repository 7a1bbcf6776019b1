"""Text for a cell of a CSV file a person opens in a spreadsheet: a cell that starts like a formula
("=", "+", "-", "@", a tab or a carriage return) would be run by the spreadsheet, so it gets an
apostrophe first. `plain_cell` takes it off again on the way in."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_a_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def safe_cell(text: str) -> str:
    return "'" + text if starts_like_a_formula(text) else text


def plain_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and starts_like_a_formula(text[1:]) else text
