"""What the apps above offers register with it (lib.hooks): offers never imports them."""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from ressourcebank.lib.hooks import Hook

search_sections: Hook[Callable[[HttpRequest, str, list[str] | None], SafeString]] = Hook(
    "Each returns a rendered section shown beside the offers a search on /tilbud/ found, given the "
    "words and the chosen areas (activities: the activities that match), or an empty string."
)
