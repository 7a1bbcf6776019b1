"""The person's own needs in their data export ("Det ved vi om dig"), registered with accounts' hook.
Needs a tovholder registered on a case are in the case's part."""

from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest

from .models import Need


def export_item(need: Need) -> ExportItem:
    return (
        ExportItem(need.display_title())
        .add("description", _("Beskrivelse"), need.description)
        .add("category", _("Kategori"), need.category.name if need.category else "")
        .add("area", _("Lokalområde"), need.area.name)
        .add("urgency", _("Hvor meget haster det?"), need.get_urgency_display())
        .add("visibility", _("Hvem må se det?"), need.get_visibility_display())
        .add("status", _("Status"), need.get_status_display())
        .add("created_at", _("Oprettet"), need.created_at)
    )


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    needs = Need.objects.filter(owner=user).select_related("category", "area").order_by("pk")
    items = [export_item(need) for need in needs]
    return ExportPart("needs", _("Dit behov for hjælp"), items, position=20) if items else None
