"""What the apps above needs register with it (lib.hooks): needs never imports them."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from ressourcebank.lib.hooks import Hook

from .models import Need

need_page_parts: Hook[Callable[[HttpRequest, Need, bool], dict[str, Any]]] = Hook(
    "Each returns template variables for the need page (matching: the suggested offers), given the "
    "request, the need and whether the viewer may see its private details."
)


@dataclass(frozen=True)
class ProviderView:
    """What the provider of a connection may see of a need that another app governs by consent:
    nothing (`shares` False), or the person's first name, the area and the need's text."""

    shares: bool
    first_name: str = ""


staff_need_rule: Hook[Callable[[Any], Q]] = Hook(
    "Given a municipal staff member, each returns a condition every need they read must meet (cases: "
    "a need registered on a case only for the case's own staff, or with break-glass access)."
)


provider_sharing: Hook[Callable[[Collection[int]], dict[int, ProviderView]]] = Hook(
    "Given need ids, each returns a ProviderView for the needs it governs (cases: a need registered "
    "on a case, where the citizen's consent decides). Needs it leaves out follow their own visibility."
)
