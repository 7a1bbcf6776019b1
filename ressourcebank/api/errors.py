"""What the routers answer when a request is wrong: a 422 in the same shape as ninja's own validation
errors, and the lookups of a slug or an id that give one."""

from typing import Any

from ninja.errors import ValidationError

from ressourcebank.taxonomy.models import Area, Category

MAX_ID = 2**63 - 1  # the largest id the databases store; larger ones are simply not found


def field_error(name: str, message: str) -> Exception:
    """A 422 for one field, in the same shape as ninja's own validation errors."""
    return ValidationError([{"type": "value_error", "loc": ["body", "payload", name], "msg": message}])


def query_error(name: str, message: str) -> Exception:
    return ValidationError([{"type": "value_error", "loc": ["query", name], "msg": message}])


def category_from_slug(slug: str, *, error: Any = field_error) -> Category:
    # A NUL (from a query string) is no slug, and PostgreSQL would refuse to compare it.
    category = None if "\x00" in slug else Category.objects.active().filter(slug=slug).first()
    if category is None:
        raise error("category", f'Unknown category "{slug[:50]}". See /api/v1/categories.')
    return category


def area_from_slug(slug: str, *, error: Any = field_error) -> Area:
    area = None if "\x00" in slug else Area.objects.filter(slug=slug).first()
    if area is None:
        raise error("area", f'Unknown area "{slug[:50]}". See /api/v1/areas.')
    return area
