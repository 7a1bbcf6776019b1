"""What the apps above accounts register with it (lib.hooks): accounts never imports them."""

from collections.abc import Callable
from typing import Any

from ressourcebank.lib.hooks import Hook

from .models import Organisation, User
from .personal_data import ExportPart, ExportRequest

organisation_approval_changed: Hook[Callable[[Organisation], None]] = Hook(
    "Called inside the transaction of approve_organisation and reject_organisation: what the "
    "organisation offers may have become public or stopped being so (offers re-index them)."
)

dashboard_parts: Hook[Callable[[User, list[Organisation]], dict[str, Any]]] = Hook(
    "Each returns template variables for Min side (the person's offers, needs, ...), given the "
    "person and the organisations they act for."
)

export_parts: Hook[Callable[[User, ExportRequest], ExportPart | None]] = Hook(
    "Each returns an ExportPart (accounts.personal_data) with what the app holds on the person, or "
    "None when it holds nothing; given the person and the ExportRequest (who asks, and why)."
)

organisation_doors: Hook[Callable[[User | None], list[dict[str, str]]]] = Hook(
    "Each returns what a business or association can do from the front door's 'Virksomhed eller "
    "forening' (dicts with url, title and text), given the person or None when nobody is logged in; "
    "shown above the organisation form and on its introduction."
)
