"""The person's offers in their data export ("Det ved vi om dig"), registered with accounts' hook."""

from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest

from .models import Offer


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    offers = Offer.objects.filter(owner=user).select_related("category", "area", "organisation").order_by("pk")
    items = [
        ExportItem(offer.title)
        .add("description", _("Beskrivelse"), offer.description)
        .add("category", _("Kategori"), offer.category.name)
        .add("area", _("Lokalområde"), offer.area.name)
        .add("organisation", _("For"), offer.organisation.name if offer.organisation else "")
        .add("availability", _("Hvornår"), offer.availability)
        .add("status", _("Status"), offer.get_status_display())
        .add("created_at", _("Oprettet"), offer.created_at)
        for offer in offers
    ]
    return ExportPart("offers", _("Dine tilbud"), items, position=10) if items else None
