"""manage.py anchor_access_log: appends the access log's head (last number and hash) to the anchor
file outside the database (ACCESS_LOG_ANCHOR_PATH), so that a removed tail or a rewritten chain
shows even to someone who also rewrote the head. Run every few minutes by the scheduler."""

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from ressourcebank.audit.models import AuditHead
from ressourcebank.audit.verification import anchor_line, read_anchors


class Command(BaseCommand):
    help = "Appends the access log's last number and hash to the anchor file."

    def handle(self, *args: Any, **options: Any) -> None:
        head = AuditHead.objects.filter(pk=AuditHead.ONLY).first()
        if head is None or head.seq == 0:
            self.stdout.write("The access log is empty; nothing to anchor.")
            return
        path = settings.ACCESS_LOG_ANCHOR_PATH
        anchors = read_anchors(path)
        if anchors and anchors[-1].seq == head.seq:
            self.stdout.write(f"Already anchored at {head.seq}.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Append only, and on disk before we say so: the file is the log's memory outside the database.
        with path.open("a", encoding="utf-8") as anchor_file:
            anchor_file.write(anchor_line(head))
            anchor_file.flush()
            os.fsync(anchor_file.fileno())
        self.stdout.write(f"Anchored at {head.seq}.")
