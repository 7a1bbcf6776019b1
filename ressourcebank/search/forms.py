"""The filters of a search page (/tilbud/, /behov/): words, category, area and distance. An
invalid value is dropped, never an error page. Offers add who offers it and phone/online."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import QuickSelect, style
from ressourcebank.search.query import MAX_QUERY_LENGTH
from ressourcebank.taxonomy.cache import taxonomy

RADIUS_CHOICES = [
    ("0", _("Kun i lokalområdet")),
    ("5", _("Inden for 5 km")),
    ("10", _("Inden for 10 km")),
    ("20", _("Inden for 20 km")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Hvad leder du efter?"), max_length=MAX_QUERY_LENGTH, required=False)
    category = forms.ChoiceField(label=_("Kategori"), required=False, widget=QuickSelect)
    area = forms.ChoiceField(label=_("Lokalområde"), required=False, widget=QuickSelect)
    radius = forms.ChoiceField(label=_("Afstand"), choices=RADIUS_CHOICES, required=False, widget=QuickSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once per process (taxonomy.cache), not per request.
        self.taxonomy = taxonomy()
        categories = [("", _("Alle kategorier"))] + [(c.slug, c.name) for c in self.taxonomy.active_categories]
        self.fields["category"].choices = categories  # type: ignore[attr-defined]
        self.areas = {a.slug: a for a in self.taxonomy.areas if not a.is_whole_municipality}
        areas = [("", _("Hele kommunen"))] + [(slug, area.name) for slug, area in self.areas.items()]
        self.fields["area"].choices = areas  # type: ignore[attr-defined]
        style(self)
        self.fields["q"].widget.input_type = "search"  # type: ignore[attr-defined]

    def value(self, name: str) -> Any:
        """The cleaned value, or nothing when the visitor sent something we do not know."""
        if self.is_bound:
            self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name) or None

    def area_slugs(self) -> list[str] | None:
        area = self.areas.get(self.value("area") or "")
        if area is None:
            return None
        km = int(self.value("radius") or 0)
        if km == 0:
            # Help for the whole municipality is help here too.
            return [area.slug] + [a.slug for a in self.taxonomy.areas if a.is_whole_municipality]
        return [a.slug for a in area.areas_within(km, among=self.taxonomy.areas)]

    def is_filtered(self) -> bool:
        # A distance alone filters nothing: it only widens a chosen area.
        return any(self.value(name) for name in self.fields if name != "radius")
