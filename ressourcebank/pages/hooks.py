"""What the apps above pages register with it (lib.hooks): pages never imports them."""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from ressourcebank.lib.hooks import Hook
from ressourcebank.taxonomy.models import Area

home_sections: Hook[Callable[[HttpRequest], SafeString]] = Hook(
    "Each returns a rendered section for the front door (appointments: Rådgivning tæt på dig), or an "
    "empty string when it has nothing to show."
)

area_sections: Hook[Callable[[HttpRequest, Area], SafeString]] = Hook(
    "Each returns a rendered section for an area's page (appointments: its counselling hours), or an empty string."
)
