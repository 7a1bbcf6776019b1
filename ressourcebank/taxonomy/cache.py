"""The categories and areas, read once per process: every search page, filter form and search
needs them, and they change only when staff edit them.

A save or delete of either (staff screens, admin, a migration) bumps a version in Django's cache
(ressourcebank.taxonomy.apps): the process that saved reads the lists again at once, and so does
every process when the cache is shared (REDIS_URL). With the per-process cache, the other
processes read them again within MAX_AGE seconds. Rows are shared between requests: read only.
"""

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache

from .models import Area, Category

VERSION_KEY = "taxonomy:version"
MAX_AGE = 60.0


@dataclass(frozen=True)
class Taxonomy:
    categories: list[Category] = field(default_factory=list)  # all, in their order
    areas: list[Area] = field(default_factory=list)
    category_by_slug: dict[str, Category] = field(default_factory=dict)
    area_by_slug: dict[str, Area] = field(default_factory=dict)
    category_by_id: dict[int, Category] = field(default_factory=dict)
    area_by_id: dict[int, Area] = field(default_factory=dict)
    # Changes when staff change either list: part of the key of anything rendered from them.
    version: str = ""

    @property
    def max_age(self) -> float:
        """How long another process may go on showing the lists as they were."""
        return MAX_AGE

    @property
    def active_categories(self) -> list[Category]:
        return [c for c in self.categories if c.is_active]


_held: dict[str, Any] = {"version": None, "at": -MAX_AGE, "taxonomy": None}


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return str(version)


def taxonomy() -> Taxonomy:
    """The categories and areas as they are now (at most MAX_AGE old in another process)."""
    version, now = _version(), time.monotonic()
    held = _held["taxonomy"]
    if held is None or _held["version"] != version or now - _held["at"] > MAX_AGE:
        categories, areas = list(Category.objects.all()), list(Area.objects.all())
        held = Taxonomy(
            categories=categories,
            areas=areas,
            category_by_slug={c.slug: c for c in categories},
            area_by_slug={a.slug: a for a in areas},
            category_by_id={c.pk: c for c in categories},
            area_by_id={a.pk: a for a in areas},
            version=version,
        )
        _held.update(version=version, at=now, taxonomy=held)
    return held  # type: ignore[no-any-return]


def forget(**_: Any) -> None:
    """Staff changed a category or an area: every process reads them again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _held.update(taxonomy=None)
