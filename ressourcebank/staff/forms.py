"""Forms for the staff area: categories, areas and the editable text pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style
from ressourcebank.pages.models import Page
from ressourcebank.taxonomy.models import Area, Category

SLUG_HELP = _(
    "Små bogstaver, tal og bindestreg, fx “lektiehjaelp”. Kan ikke ændres bagefter: import og API bruger det."
)


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["slug", "name", "description", "keywords", "position", "is_active"]
        labels = {
            "slug": _("Kort navn"),
            "name": _("Navn"),
            "description": _("Forklaring"),
            "keywords": _("Søgeord"),
            "position": _("Rækkefølge"),
            "is_active": _("I brug"),
        }
        help_texts = {"slug": SLUG_HELP, "keywords": _("Ord som folk bruger om denne slags hjælp, adskilt af komma.")}
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "slug": {"required": _("Skriv et kort navn."), "unique": _("Det korte navn er allerede brugt.")},
            "name": {"required": _("Skriv et navn.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The slug is the category's name in imports, exports and the API: fixed once created.
            del self.fields["slug"]
        style(self)


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["slug", "name", "latitude", "longitude", "is_whole_municipality", "position"]
        labels = {
            "slug": _("Kort navn"),
            "name": _("Navn"),
            "latitude": _("Breddegrad for midten"),
            "longitude": _("Længdegrad for midten"),
            "is_whole_municipality": _("Hele kommunen (ingen midte)"),
            "position": _("Rækkefølge"),
        }
        help_texts = {"slug": SLUG_HELP, "latitude": _("Fx 56.442"), "longitude": _("Fx 10.151")}
        error_messages = {
            "slug": {"required": _("Skriv et kort navn."), "unique": _("Det korte navn er allerede brugt.")},
            "name": {"required": _("Skriv et navn.")},
            "latitude": {"invalid": _("Skriv et tal, fx 56.442")},
            "longitude": {"invalid": _("Skriv et tal, fx 10.151")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        style(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_centre = cleaned.get("latitude") is not None and cleaned.get("longitude") is not None
        if not cleaned.get("is_whole_municipality") and not has_centre:
            self.add_error("latitude", _("Skriv breddegrad og længdegrad for områdets midte."))
        for name, low, high in (("latitude", 54.0, 58.0), ("longitude", 7.5, 15.5)):
            value = cleaned.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(name, _("Tallet ligger ikke i Danmark. Tjek, at det er skrevet rigtigt."))
        return cleaned


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body"]
        labels = {"title": _("Overskrift"), "body": _("Tekst")}
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        error_messages = {
            "title": {"required": _("Skriv en overskrift.")},
            "body": {"required": _("Skriv teksten."), "max_length": _("Teksten må højst være %(limit_value)d tegn.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
