"""Template helpers for the site's shared components: the DKFDS character limit, a Danish "how long
ago" that never says "0 minutter", and tappable phone numbers in text staff edit."""

import re
from datetime import datetime

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()

# Danish numbers as people write them: 8 digits, in pairs or groups, optionally with +45.
_PHONE = re.compile(r"(?<![\w+])((?:\+45[ ]?)?\d{2}(?:[ ]?\d{2}){3})(?![\w])")


@register.filter
def without_maxlength(field: BoundField) -> SafeString:
    """The widget without its maxlength, so text beyond the limit is not cut silently: the character
    limit says how much is too much and the server answers with the field's error."""
    classes = field.field.widget.attrs.get("class", "")
    if "form-input" not in classes.split():
        classes = f"{classes} form-input".strip()
    return field.as_widget(attrs={"maxlength": False, "aria-describedby": _described_by(field), "class": classes})


def _described_by(field: BoundField) -> str:
    ids = [f"{field.auto_id}_limit"]
    if field.help_text:
        ids.insert(0, f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def ago(moment: datetime | None) -> str:
    """ "for 3 timer siden", or "lige nu" within the first minute (never "for 0 minutter siden")."""
    if moment is None:
        return ""
    if (timezone.now() - moment).total_seconds() < 60:
        return _("lige nu")
    return _("for %(age)s siden") % {"age": timesince(moment)}


@register.filter(needs_autoescape=True)
def linkify(text: str, autoescape: bool = True) -> SafeString:
    """Plain text with its web and mail addresses as links and Danish phone numbers as `tel:` links."""
    html = urlize(text, autoescape=autoescape)
    parts = re.split(r"(<a [^>]*>.*?</a>)", html)
    for index, part in enumerate(parts):
        if not part.startswith("<a "):
            parts[index] = _PHONE.sub(_tel_link, part)
    return mark_safe("".join(parts))  # noqa: S308 - urlize escaped the text; we add only digits


def _tel_link(match: re.Match[str]) -> str:
    number = match.group(1)
    digits = re.sub(r"\D", "", number)
    if not digits.startswith("45") or len(digits) == 8:
        digits = "45" + digits[-8:]
    return f'<a href="tel:+{digits}">{escape(number)}</a>'


@register.filter(needs_autoescape=True)
def page_text(text: str, autoescape: bool = True, heading_level: int = 2) -> SafeString:
    """A page staff wrote as plain text: a blank line starts a paragraph, a line starting with "## "
    is a heading (an h2 on a page of its own; `heading_level` when the text sits under a heading of
    another page), and addresses and phone numbers become links. Nothing they type is HTML."""
    tag = f"h{min(max(heading_level, 2), 6)}"
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = paragraph.split("\n")
        while lines and lines[0].startswith("## "):
            blocks.append(f"<{tag}>{escape(lines.pop(0)[3:].strip())}</{tag}>")
        if lines:
            blocks.append("<p>" + "<br>".join(linkify(line, autoescape) for line in lines) + "</p>")
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece is escaped above


@register.simple_tag
def contact_page_text(heading_level: int = 2) -> SafeString:
    """The "Hvor kan jeg henvende mig?" text (staff's version, else the default) for another page
    to show, such as a need nothing fits yet; its headings at `heading_level`, below the heading
    the other page puts over it (screen readers read the outline)."""
    from ressourcebank.pages.content import default_contact_body
    from ressourcebank.pages.models import Page

    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    return page_text(page.body if page else default_contact_body(), heading_level=heading_level)
