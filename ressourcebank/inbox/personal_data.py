"""The person's messages to the municipality ("Skriv til kommunen") in their data export, registered
with accounts' hook. Staff's internal notes are included: they are personal data about the citizen,
and the right of access (GDPR art. 15) covers them unless an exemption is decided for the case."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest

from .models import Inquiry, Message


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    inquiries = (
        Inquiry.objects.filter(citizen=user)
        .select_related("topic", "team")
        .prefetch_related(Prefetch("messages", queryset=Message.objects.prefetch_related("attachments")))
        .order_by("received_at", "pk")
    )
    items = []
    for inquiry in inquiries:
        item = ExportItem(_("Henvendelse %(reference)s") % {"reference": inquiry.reference})
        item.add("topic", _("Emne"), inquiry.topic.name).add(
            "team", _("Team"), inquiry.team.name if inquiry.team else ""
        )
        item.add("status", _("Status"), inquiry.get_status_display()).add(
            "received_at", _("Modtaget"), inquiry.received_at
        )
        item.add("name", _("Navn"), inquiry.name).add("email", _("E-mail"), inquiry.email).add(
            "phone", _("Telefon"), inquiry.phone
        )
        item.add("answer_by", _("Svar"), inquiry.get_answer_by_display())
        for message in inquiry.messages.all():
            files = ", ".join(attachment.original_name for attachment in message.attachments.all())
            item.children.append(
                ExportItem(message.get_kind_display())
                .add("at", _("Skrevet"), message.created_at)
                .add("body", _("Besked"), message.body)
                .add("attachments", _("Bilag"), files)
            )
        items.append(item)
    return ExportPart("inquiries", _("Dine henvendelser til kommunen"), items, position=40) if items else None
