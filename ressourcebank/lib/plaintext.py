"""The small, safe markup staff write pages in: plain text where a blank line starts a paragraph, a
line starting with "## " is a heading and lines starting with "- " make a list; web and mail
addresses and Danish phone numbers become links. Nothing staff type is HTML: every piece is escaped
here, so the pages, the guide and the printed brochure share one way to turn text into markup."""

import re

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

# Danish numbers as people write them: 8 digits, in pairs or other groups ("70 201 201"),
# optionally with +45; and the emergency numbers 112 and 114 where the text says to ring them.
_PHONE = re.compile(r"(?<![\w+])((?:\+45[ ]?)?\d(?:[ ]?\d){7})(?![\w])")
_EMERGENCY = re.compile(r"(?i)(\bring(?: til)? )(11[24])(?![\w])")


def linkify(text: str, autoescape: bool = True) -> SafeString:
    """Plain text with its web and mail addresses as links and Danish phone numbers as `tel:` links."""
    html = urlize(text, autoescape=autoescape)
    parts = re.split(r"(<a [^>]*>.*?</a>)", html)
    for index, part in enumerate(parts):
        if not part.startswith("<a "):
            part = _PHONE.sub(_tel_link, part)
            parts[index] = _EMERGENCY.sub(r'\1<a href="tel:\2">\2</a>', part)
    return mark_safe("".join(parts))  # noqa: S308 - urlize escaped the text; we add only digits


def _tel_link(match: re.Match[str]) -> str:
    number = match.group(1)
    digits = re.sub(r"\D", "", number)
    if not digits.startswith("45") or len(digits) == 8:
        digits = "45" + digits[-8:]
    return f'<a href="tel:+{digits}">{escape(number)}</a>'


def page_text(text: str, autoescape: bool = True, heading_level: int = 2) -> SafeString:
    """Text staff wrote, as HTML: paragraphs, headings (h2 on a page of their own; `heading_level`
    when the text sits under a heading of another page) and bulleted lists."""
    tag = f"h{min(max(heading_level, 2), 6)}"
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = paragraph.split("\n")
        while lines and lines[0].startswith("## "):
            blocks.append(f"<{tag}>{escape(lines.pop(0)[3:].strip())}</{tag}>")
        run: list[str] = []  # the current paragraph's lines, or the current list's items
        in_list = False
        for line in lines:
            is_item = line.startswith("- ")
            if run and is_item != in_list:
                blocks.append(_block(run, in_list, autoescape))
                run = []
            in_list = is_item
            run.append(line[2:].strip() if is_item else line)
        if run:
            blocks.append(_block(run, in_list, autoescape))
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece is escaped above


def _block(lines: list[str], is_list: bool, autoescape: bool) -> str:
    if is_list:
        return "<ul>" + "".join(f"<li>{linkify(line, autoescape)}</li>" for line in lines) + "</ul>"
    return "<p>" + "<br>".join(linkify(line, autoescape) for line in lines) + "</p>"


def plain_summary(text: str, limit: int = 200) -> str:
    """The first paragraph of such a text, without its markup, for a list of pages."""
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line for line in paragraph.split("\n") if not line.startswith("## ")]
        if lines:
            summary = " ".join(line.removeprefix("- ").strip() for line in lines)
            return summary if len(summary) <= limit else summary[: limit - 1].rsplit(" ", 1)[0] + " …"
    return ""
