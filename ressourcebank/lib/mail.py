"""A mail's subject: plain text on one line.

A subject is a header, not HTML: "Tal & Tryghed" must arrive as typed, not as "Tal &amp; Tryghed";
and a line break someone typed into a name would make Django refuse the mail (BadHeaderError) on
every try, so the mail would fail for good.
"""

from typing import Any

from django.template import Context
from django.template.loader import get_template

SUBJECT_MAX_LENGTH = 200


def one_line(text: str) -> str:
    """Every run of whitespace, line breaks included (CR, LF, U+2028 …), as one space."""
    return " ".join(text.split())


def render_subject(template_name: str, context: dict[str, Any]) -> str:
    """Renders a subject template without HTML escaping, on one line, at most SUBJECT_MAX_LENGTH long."""
    template = get_template(template_name).template  # type: ignore[attr-defined]  # the Django engine's
    return one_line(template.render(Context(context, autoescape=False)))[:SUBJECT_MAX_LENGTH]
