"""The brochure as HTML (one template, print CSS for A5) and as a tagged PDF by WeasyPrint.

PDF/UA-1 makes WeasyPrint tag the document: a structure tree in the order of the HTML, the language
(lang="da") and the title (<title>) in the catalogue, so a screen reader reads the booklet as the page
reads. WeasyPrint needs Pango from the system: without it the import fails, and callers get
BrochureUnavailable with a Danish message instead of a crash."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .content import Brochure

PDF_VARIANT = "pdf/ua-1"


class BrochureUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this server."""


def brochure_html(brochure: Brochure) -> str:
    return render_to_string("brochure/brochure.html", {"brochure": brochure})


def brochure_pdf(brochure: Brochure) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango or GObject not found by cffi
        raise BrochureUnavailable(
            _(
                "Pjecen kan ikke laves på denne server lige nu, fordi et program til PDF mangler "
                "(WeasyPrint og Pango). Bed IT om at køre “make install” som administrator."
            )
        ) from error
    return HTML(string=brochure_html(brochure)).write_pdf(pdf_variant=PDF_VARIANT)
