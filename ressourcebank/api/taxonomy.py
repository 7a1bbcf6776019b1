"""The reference data every other endpoint names by slug."""

from django.http import HttpRequest
from ninja import Router

from ressourcebank.taxonomy.models import Area, Category

from .schemas import AreaOut, CategoryOut

router = Router(tags=["Kategorier og områder"])


@router.get("/categories", response=list[CategoryOut], summary="Kategorierne")
def list_categories(request: HttpRequest) -> list[Category]:
    return list(Category.objects.active())


@router.get("/areas", response=list[AreaOut], summary="Lokalområderne (og hele kommunen)")
def list_areas(request: HttpRequest) -> list[Area]:
    return list(Area.objects.all())
