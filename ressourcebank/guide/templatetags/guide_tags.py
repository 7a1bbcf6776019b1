"""The guide's words as HTML: the safe plain-text markup of lib.plaintext, shared with the pages
app and the printed brochure, so the web and the paper say the same."""

from django import template
from django.utils.safestring import SafeString

from ressourcebank.lib import plaintext

register = template.Library()


@register.filter(needs_autoescape=True)
def guide_text(text: str, heading_level: int = 2, autoescape: bool = True) -> SafeString:
    """`{{ text|guide_text }}`, or `|guide_text:4` for headings under the h3 of another page."""
    return plaintext.page_text(text, autoescape, int(heading_level))
