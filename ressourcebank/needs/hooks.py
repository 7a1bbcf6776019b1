"""What the apps above needs register with it (lib.hooks): needs never imports them."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from ressourcebank.lib.hooks import Hook

from .models import Need

need_page_parts: Hook[Callable[[HttpRequest, Need, bool], dict[str, Any]]] = Hook(
    "Each returns template variables for the need page (matching: the suggested offers), given the "
    "request, the need and whether the viewer may see its private details."
)
