"""The agreements as the state's form has them: one row per agreement, one column per field of the
form, named and ordered as data/agreement_form.json says, so nobody types an agreement twice.

For municipal staff only (the export names the citizen); each agreement exported is a read in the
access log. No CPR number: the form asks for it, and the municipality adds it in its own system."""

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from django.utils import translation

from ressourcebank.lib.spreadsheet import safe_cell

from .models import Agreement, FollowUp
from .rules import target_group_choices


@cache
def form_columns() -> list[tuple[str, str]]:
    """(column name, value key) in the form's order."""
    source = resources.files("ressourcebank.placements").joinpath("data", "agreement_form.json")
    return [(row["column"], row["value"]) for row in json.loads(source.read_text(encoding="utf-8"))["columns"]]


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _follow_up(agreement: Agreement, kind: str) -> date | None:
    return next((f.due_on for f in agreement.follow_ups.all() if f.kind == kind), None)


VALUES: dict[str, Callable[[Agreement], Any]] = {
    "kind": lambda a: a.place.get_kind_display(),
    "organisation_name": lambda a: a.place.workplace.organisation.name,
    "cvr": lambda a: a.place.workplace.organisation.cvr,
    "p_number": lambda a: a.place.workplace.p_number,
    "workplace_name": lambda a: a.place.workplace.name,
    "workplace_address": lambda a: a.place.workplace.address,
    "ordinary_employees": lambda a: a.place.workplace.ordinary_employees,
    "business_contact_name": lambda a: a.business_contact_name,
    "business_contact_phone": lambda a: a.business_contact_phone,
    "business_contact_email": lambda a: a.business_contact_email,
    "employee_representative": lambda a: a.employee_representative,
    "citizen_name": lambda a: a.proposal.member.name,
    "target_group": lambda a: dict(target_group_choices()).get(a.proposal.target_group, a.proposal.target_group),
    "title": lambda a: a.place.title,
    "tasks": lambda a: a.place.tasks,
    "purpose": lambda a: a.purpose,
    "starts_on": lambda a: _day(a.starts_on),
    "ends_on": lambda a: _day(a.ends_on),
    "hours_per_week": lambda a: a.hours_per_week,
    "adjustments": lambda a: a.place.adjustments,
    "mentor": lambda a: a.place.mentor,
    "municipal_contact_name": lambda a: a.municipal_contact.name,
    "municipal_contact_phone": lambda a: a.municipal_contact.phone,
    "municipal_contact_email": lambda a: a.municipal_contact.email,
    "midway_on": lambda a: _day(_follow_up(a, FollowUp.Kind.MIDWAY)),
    "final_on": lambda a: _day(_follow_up(a, FollowUp.Kind.FINAL)),
    "place_approved_on": lambda a: _day(a.place.approved_at.date() if a.place.approved_at else None),
    "agreement_approved_on": lambda a: _day(a.proposal.approved_at.date() if a.proposal.approved_at else None),
}


def form_rows(agreements: Iterable[Agreement]) -> list[list[str]]:
    """Each agreement as the form's fields, in the form's order (values as text, in Danish)."""
    with translation.override("da"):
        return [[str(VALUES[key](agreement)) for _column, key in form_columns()] for agreement in agreements]


def agreements_csv(agreements: Iterable[Agreement]) -> str:
    """CSV with a header of the form's field names; ';' and UTF-8 with BOM, as Danish Excel opens it.
    A cell a spreadsheet would run as a formula gets an apostrophe first."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column for column, _key in form_columns()])
    for row in form_rows(agreements):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
