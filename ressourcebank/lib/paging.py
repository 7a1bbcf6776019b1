"""A page of search results, the same on every list (/tilbud/, /behov/): which page was asked for,
the links to the pages beside it that keep the visitor's filters, the count in words, and the
results alone for htmx. No app's models are imported here."""

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PAGE_SIZE = 20


def page_number(request: HttpRequest) -> int:
    """The page asked for; anything odd (page=abc, page=-3) is page 1."""
    try:
        return max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return 1


def result_page(request: HttpRequest, search: Callable[..., Any], filters: dict[str, Any]) -> tuple[Any, int, int]:
    """Runs the search for the requested page; a page past the end shows the last page."""
    page = page_number(request)
    result = search(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    pages = max(1, math.ceil(result.total / PAGE_SIZE))
    if page > pages:
        page = pages
        result = search(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    return result, page, pages


def in_order(rows: QuerySet[Any], ids: Sequence[int], related: Sequence[str]) -> list[Any]:
    """The rows for ids in one query, in the order the search ranked them."""
    by_pk = {row.pk: row for row in rows.filter(pk__in=ids).select_related(*related)}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def count_text(total: int, capped: bool, singular: str, plural: str) -> str:
    """ "12 tilbud", or "Mere end 1.000 tilbud" when the search stopped counting."""
    count = number_format(total, force_grouping=True)
    if capped:
        return _("Mere end %(count)s %(noun)s") % {"count": count, "noun": plural}
    return ngettext("%(count)s %(noun)s", "%(count)s %(noun)s", total) % {
        "count": count,
        "noun": singular if total == 1 else plural,
    }


def pagination(request: HttpRequest, page: int, pages: int) -> dict[str, Any]:
    """Links to the previous and next page that keep the visitor's filters."""
    query = request.GET.copy()
    query.pop("page", None)

    def link(number: int) -> str:
        query["page"] = str(number)
        return "?" + query.urlencode()

    return {
        "page": page,
        "pages": pages,
        "previous_url": link(page - 1) if page > 1 else "",
        "next_url": link(page + 1) if page < pages else "",
    }


def wants_results_only(request: HttpRequest) -> bool:
    """htmx asks for the results alone; a history restore after "back" needs the whole page."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def render_list(request: HttpRequest, template: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    """The whole list page, or only its results when htmx asks (the answer varies on HX-Request)."""
    response = render(request, partial if wants_results_only(request) else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
