"""The one short offer form, the børneattest form and the search filters of /tilbud/.

Every message is plain Danish beside its field. The offer form gives an OfferData for the actions.
"""

import datetime
import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Organisation
from ressourcebank.lib.forms import QuickSelect, style
from ressourcebank.lib.limits import max_length
from ressourcebank.search.forms import SearchForm
from ressourcebank.taxonomy.forms import AreaField, CategoryField

from .actions import OfferData
from .models import MAX_CAPACITY, CapacityKind, Offer, ProviderKind

MYSELF = ""


class OfferForm(forms.Form):
    title = forms.CharField(
        label=_("Overskrift"),
        max_length=max_length(Offer, "title"),
        help_text=_("Kort og klart, fx “Besøgsven i Assentoft” eller “Hjælp til skat”."),
        error_messages={
            "required": _("Skriv en overskrift."),
            "max_length": _("Overskriften må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )
    description = forms.CharField(
        label=_("Fortæl om dit tilbud"),
        max_length=max_length(Offer, "description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy(
            _("Hvad kan du hjælpe med? Skriv med dine egne ord. Højst {limit} tegn."),
            limit=max_length(Offer, "description"),
        ),
        error_messages={
            "required": _("Fortæl kort, hvad du tilbyder."),
            "max_length": _("Teksten må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )
    category = CategoryField(
        label=_("Hvilken slags hjælp er det?"),
        empty_label=_("Vælg en kategori"),
        error_messages={
            "required": _("Vælg den kategori, der passer bedst."),
            "invalid_choice": _("Vælg en kategori fra listen."),
        },
    )
    area = AreaField(
        label=_("Hvor?"),
        empty_label=_("Vælg et lokalområde"),
        help_text=_("Vælg “Hele kommunen”, hvis du kan hjælpe alle steder, eller hjælper over telefonen."),
        error_messages={
            "required": _("Vælg, hvor du kan hjælpe."),
            "invalid_choice": _("Vælg et lokalområde fra listen."),
        },
    )
    offered_by = forms.ChoiceField(
        label=_("Hvem tilbyder det?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg dig selv eller en af dine organisationer.")},
    )
    capacity_kind = forms.ChoiceField(
        label=_("Hvor meget kan du give?"),
        choices=CapacityKind.choices,
        initial=CapacityKind.ONE_OFF,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg, hvor meget du kan give."),
            "invalid_choice": _("Vælg en af mulighederne."),
        },
    )
    capacity_amount = forms.IntegerField(
        label=_("Antal timer eller pladser"),
        required=False,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("Kun et tal, fx 5. Skal ikke udfyldes ved “En enkelt gang”."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Skriv et helt tal, fx 5."),
            "min_value": _("Tallet skal være mindst 1."),
            "max_value": _("Tallet må højst være %(limit_value)s."),
        },
    )
    availability = forms.CharField(
        label=_("Hvornår kan du?"),
        max_length=max_length(Offer, "availability"),
        required=False,
        help_text=_("Fx “hverdage efter kl. 16” eller “en lørdag om måneden”."),
        error_messages={"max_length": _("Skriv højst %(limit_value)d tegn. Du har skrevet %(show_value)d.")},
    )
    is_remote = forms.BooleanField(label=_("Jeg kan også hjælpe over telefonen eller online"), required=False)
    has_child_contact = forms.BooleanField(
        label=_("Tilbuddet giver fast kontakt med børn under 15 år"),
        required=False,
        help_text=_(
            "Så skal der indhentes en børneattest. Det er en udskrift fra politiet, som viser, "
            "at man ikke er dømt for noget, der gør det farligt at være sammen med børn. "
            "Vi gemmer kun, at den er indhentet og hvornår – aldrig hvad der står i den. "
            "Tilbuddet bliver først vist for alle, når det er registreret."
        ),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.pk): org for org in (organisations or [])}
        if editing or not self.organisations:
            # Who offers it is fixed once the offer exists, and there is no choice without organisations.
            del self.fields["offered_by"]
        else:
            choices = [(MYSELF, _("Mig selv"))] + [(pk, org.name) for pk, org in self.organisations.items()]
            self.fields["offered_by"].choices = choices  # type: ignore[attr-defined]
            self.fields["offered_by"].initial = MYSELF
        style(self)

    @classmethod
    def initial_for(cls, offer: Offer) -> dict[str, Any]:
        return {
            "title": offer.title,
            "description": offer.description,
            "category": offer.category_id,
            "area": offer.area_id,
            "capacity_kind": offer.capacity_kind,
            "capacity_amount": offer.capacity_amount,
            "availability": offer.availability,
            "is_remote": offer.is_remote,
            "has_child_contact": offer.has_child_contact,
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("capacity_kind")
        missing = kind and kind != CapacityKind.ONE_OFF and not cleaned.get("capacity_amount")
        if missing and "capacity_amount" not in self.errors:
            self.add_error(
                "capacity_amount",
                _("Skriv hvor mange timer eller pladser, fx 5. Eller vælg “En enkelt gang”."),
            )
        if kind == CapacityKind.ONE_OFF:
            cleaned["capacity_amount"] = None
        return cleaned

    def organisation(self) -> Organisation | None:
        return self.organisations.get(self.cleaned_data.get("offered_by") or MYSELF)

    def to_data(self) -> OfferData:
        data = self.cleaned_data
        return OfferData(
            title=data["title"],
            description=data["description"],
            category=data["category"],
            area=data["area"],
            capacity_kind=data["capacity_kind"],
            capacity_amount=data["capacity_amount"],
            availability=data["availability"],
            is_remote=data["is_remote"],
            has_child_contact=data["has_child_contact"],
            organisation=self.organisation(),
        )


MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


def parse_danish_date(value: str) -> datetime.date | None:
    """2026-12-01 (what a date picker sends), 1-12-2026, 1.12.2026, 1/12/2026 or "1. december 2026";
    None when it is not a date."""
    value = value.strip().lower()
    written = re.fullmatch(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?\s+(\d{4})", value)
    try:
        if written:
            if written.group(2) not in MONTHS:
                return None
            return datetime.date(int(written.group(3)), MONTHS[written.group(2)], int(written.group(1)))
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, date_format).date()  # noqa: DTZ007 - a date, no time
            except ValueError:
                continue
    except ValueError:
        return None
    return None


DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y"]


class DatePickerInput(forms.DateInput):
    """`<input type="date">`, whose value must be 2026-12-01: what a person typed in another way is
    written back in that form, or the browser would throw it away and show an empty field."""

    input_type = "date"

    def format_value(self, value: Any) -> Any:
        if isinstance(value, str) and (parsed := parse_danish_date(value)):
            return parsed.isoformat()
        return super().format_value(value)


class DanishDateField(forms.DateField):
    """A date with the browser's date picker that also understands a date typed in Danish, where
    a browser shows a plain text box instead of the picker."""

    widget = DatePickerInput(format="%Y-%m-%d")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            parsed = parse_danish_date(value)
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            return parsed
        return super().to_python(value)


class ChildCheckForm(forms.Form):
    obtained_on = DanishDateField(
        label=_("Hvornår blev børneattesten indhentet?"),
        help_text=_("Vælg datoen, eller skriv den som dag-måned-år, fx 14-03-2026 eller 14. marts 2026."),
        error_messages={
            "required": _("Skriv datoen."),
            "invalid": _("Skriv datoen som dag-måned-år, fx 14-03-2026 eller 14. marts 2026."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Jeg bekræfter, at børneattesten er indhentet, og at der ikke står noget i den, som er et problem."),
        error_messages={"required": _("Sæt kryds for at bekræfte.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_obtained_on(self) -> Any:
        obtained_on = self.cleaned_data["obtained_on"]
        if obtained_on > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return obtained_on


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=max_length(Offer, "rejection_reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ejeren kan se begrundelsen. Skriv, hvad der skal rettes."),
        error_messages={
            "required": _("Skriv en begrundelse, så ejeren ved, hvad der skal rettes."),
            "max_length": _("Skriv højst %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Skriv en begrundelse, så ejeren ved, hvad der skal rettes."))
        return reason


class OfferSearchForm(SearchForm):
    """The filters of /tilbud/: a search's, and who offers it and phone/online."""

    provider = forms.ChoiceField(
        label=_("Hvem tilbyder det?"),
        choices=[("", _("Alle"))] + ProviderKind.choices,
        required=False,
        widget=QuickSelect,
    )
    remote = forms.BooleanField(label=_("Kun hjælp over telefonen eller online"), required=False)
