"""Template helpers for the site's shared components: the DKFDS character limit, the error summary's
lines, a Danish "how long ago" that never says "0 minutter", and tappable phone numbers in text staff
edit."""

from datetime import datetime

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from ressourcebank.lib import plaintext

register = template.Library()


@register.filter
def without_maxlength(field: BoundField) -> SafeString:
    """The widget without its maxlength, so text beyond the limit is not cut silently: the character
    limit says how much is too much and the server answers with the field's error."""
    classes = field.field.widget.attrs.get("class", "")
    if "form-input" not in classes.split():
        classes = f"{classes} form-input".strip()
    return field.as_widget(attrs={"maxlength": False, "aria-describedby": _described_by(field), "class": classes})


@register.filter
def summary_line(field: BoundField) -> str:
    """A field's line in the error summary: its label, then what is wrong ("Borgerens navn – Udfyld
    feltet."), so a generic message still says which field; the label is left out when the message
    already names it ("Skriv dit navn." for "Dit navn")."""
    message = " ".join(str(error) for error in field.errors)
    label = str(field.label or "").strip().rstrip("?:").strip()
    if not label or label.casefold() in message.casefold():
        return message
    return f"{field.label} – {message}"


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
    return plaintext.linkify(text, autoescape)


@register.filter(needs_autoescape=True)
def page_text(text: str, autoescape: bool = True, heading_level: int = 2) -> SafeString:
    """A page staff wrote as plain text (lib.plaintext: paragraphs, "## " headings, "- " lists,
    links); `heading_level` when the text sits under a heading of another page. Nothing is HTML."""
    return plaintext.page_text(text, autoescape, heading_level)


@register.simple_tag
def contact_page_text(heading_level: int = 2) -> SafeString:
    """The "Hvor kan jeg henvende mig?" text (staff's version, else the default) for another page
    to show, such as a need nothing fits yet; its headings at `heading_level`, below the heading
    the other page puts over it (screen readers read the outline)."""
    from ressourcebank.pages.content import default_contact_body
    from ressourcebank.pages.models import Page

    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    return page_text(page.body if page else default_contact_body(), heading_level=heading_level)
