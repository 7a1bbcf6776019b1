"""The default texts of the pages staff edit, kept as data in pages/data/ (see CONVENTIONS: knowledge
is data). The data migration writes them into the database; they are also the fallback when the row
is missing, as after a test flushes the database."""

from importlib import resources


def default_contact_body() -> str:
    return resources.files("ressourcebank.pages").joinpath("data/contact_page.txt").read_text("utf-8").strip()
