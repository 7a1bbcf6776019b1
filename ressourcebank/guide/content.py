"""The guide's first words, kept as data in guide/data/pages.toml (CONVENTIONS: knowledge is data).
The data migration writes them as each page's first version; staff change them from there."""

import tomllib
from importlib import resources
from typing import TypedDict


class DefaultPage(TypedDict):
    slug: str
    title: str
    body: str


def default_pages() -> list[DefaultPage]:
    text = resources.files("ressourcebank.guide").joinpath("data/pages.toml").read_text("utf-8")
    return [
        {"slug": page["slug"], "title": page["title"], "body": page["body"].strip()}
        for page in tomllib.loads(text)["page"]
    ]
