"""QR codes in the printed brochure: a phone's camera opens the web page the section comes from."""

import segno
from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def qr_code(url: str) -> SafeString:
    """An SVG QR code as an image, its address as the alternative text (read aloud or printed)."""
    data_uri = segno.make(url, error="m").svg_data_uri(border=2)
    alt = _("QR-kode til %(url)s") % {"url": url}
    return format_html('<img class="qr" src="{}" alt="{}">', data_uri, alt)
