"""The connections a person is party to, with their messages, hours and thanks, in the person's data
export ("Det ved vi om dig"), registered with accounts' hook. Others in a thread are named by first
name only: the export is the person's data, not a directory of the people they met."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.accounts.personal_data import ExportItem, ExportPart, ExportRequest

from .models import Connection, HoursEntry, Message


def _who(author: User | None, user: User) -> str:
    if author is None:
        return _("Ukendt")
    return _("Dig") if author.pk == user.pk else author.get_short_name()


def export_part(user: User, request: ExportRequest) -> ExportPart | None:
    connections = (
        Connection.objects.filter(
            Q(requester=user) | Q(offer__owner=user) | Q(need__owner=user) | Q(messages__author=user)
        )
        .distinct()
        .select_related("offer", "thanks", "thanks__author")
        .prefetch_related(
            Prefetch("messages", queryset=Message.objects.select_related("author")),
            Prefetch("hours_entries", queryset=HoursEntry.objects.order_by("given_on", "id")),
        )
        .order_by("pk")
    )
    items = []
    for connection in connections:
        item = ExportItem(connection.offer.title)
        item.add("state", _("Status"), connection.get_state_display()).add(
            "created_at", _("Oprettet"), connection.created_at
        )
        item.add("request_message", _("Besked med forespørgslen"), connection.request_message)
        item.add("provider_message", _("Svar fra udbyderen"), connection.provider_message)
        item.add("ended_at", _("Afsluttet"), connection.ended_at)
        for message in connection.messages.all():
            item.children.append(
                ExportItem(_("Besked"))
                .add("author", _("Fra"), _who(message.author, user))
                .add("at", _("Skrevet"), message.created_at)
                .add("body", _("Besked"), message.body)
            )
        for entry in connection.hours_entries.all():
            item.children.append(
                ExportItem(_("Timer"))
                .add("given_on", _("Dato"), entry.given_on)
                .add("hours", _("Timer"), entry.hours)
                .add("note", _("Note"), entry.note)
                .add("confirmed_at", _("Bekræftet"), entry.confirmed_at)
            )
        thanks = getattr(connection, "thanks", None)
        if thanks is not None:
            item.children.append(
                ExportItem(_("Tak"))
                .add("author", _("Fra"), _who(thanks.author, user))
                .add("body", _("Tak"), thanks.body)
                .add("at", _("Skrevet"), thanks.created_at)
            )
        items.append(item)
    intro = _("Forbindelser, hvor du har spurgt om hjælp, givet hjælp eller skrevet, med beskeder og timer.")
    return ExportPart("connections", _("Dine forbindelser"), items, intro=intro, position=30) if items else None
