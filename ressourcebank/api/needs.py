"""Needs: a person's own needs, read and changed with a token. Public needs are browsed on /behov/."""

from typing import Any

from ninja import Path, Router

from ressourcebank.needs.actions import NeedData, close_need, create_need, register_need_for_citizen, update_need
from ressourcebank.needs.models import Need
from ressourcebank.needs.permissions import can_register_need_for_citizen, get_need_for_editor

from .auth import TokenRequest, token_auth
from .errors import MAX_ID, area_from_slug, category_from_slug, field_error
from .schemas import ErrorOut, NeedIn, NeedOut, NeedPatch

router = Router(tags=["Behov"], auth=token_auth)


@router.get("", response=list[NeedOut], summary="Mine behov")
def list_needs(request: TokenRequest) -> list[dict[str, Any]]:
    """Behov du selv har oprettet, eller som du følger som tovholder."""
    user = request.auth
    needs = Need.objects.editable_by(user).select_related("category", "area")
    return [NeedOut.of(need) for need in needs[:500]]


@router.get("/{need_id}", response={200: NeedOut, 404: ErrorOut}, summary="Ét af mine behov")
def get_need(request: TokenRequest, need_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return NeedOut.of(get_need_for_editor(request.auth, need_id))


@router.post("", response={201: NeedOut}, summary="Beskriv et behov")
def create(request: TokenRequest, payload: NeedIn) -> tuple[int, dict[str, Any]]:
    """Med `citizen_name` registrerer en tovholder behovet for en borger uden konto."""
    user = request.auth
    data = NeedData(
        description=payload.description,
        area=area_from_slug(payload.area),
        title=payload.title,
        category=category_from_slug(payload.category) if payload.category else None,
        urgency=payload.urgency,
        visibility=payload.visibility,
        has_child_contact=payload.has_child_contact,
    )
    if payload.citizen_name is not None:
        if not can_register_need_for_citizen(user):
            raise field_error("citizen_name", "Only coordinators register needs for citizens without an account.")
        need = register_need_for_citizen(data, payload.citizen_name, by=user)
    else:
        need = create_need(data, by=user)
    return 201, NeedOut.of(need)


@router.patch("/{need_id}", response={200: NeedOut, 404: ErrorOut}, summary="Ret et behov")
def update(request: TokenRequest, payload: NeedPatch, need_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    user = request.auth
    need = get_need_for_editor(user, need_id)
    given = payload.model_dump(exclude_unset=True)
    for name, value in given.items():
        if value is None and name not in ("category", "title"):
            raise field_error(name, "May not be null.")
    data = NeedData(
        description=given.get("description", need.description),
        area=area_from_slug(given["area"]) if "area" in given else need.area,
        title=given.get("title") or "" if "title" in given else need.title,
        category=(category_from_slug(given["category"]) if given["category"] else None)
        if "category" in given
        else need.category,
        urgency=given.get("urgency", need.urgency),
        visibility=given.get("visibility", need.visibility),
        has_child_contact=given.get("has_child_contact", need.has_child_contact),
    )
    return NeedOut.of(update_need(need, data, by=user))


@router.post("/{need_id}/close", response={200: NeedOut, 404: ErrorOut}, summary="Luk et behov")
def close(request: TokenRequest, need_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    user = request.auth
    return NeedOut.of(close_need(get_need_for_editor(user, need_id), by=user))
