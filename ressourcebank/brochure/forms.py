from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style
from ressourcebank.taxonomy.models import Area, Category


class BrochureForm(forms.Form):
    """Which brochure to print: an area, and optionally a theme (a category) that narrows its offers."""

    area = forms.ModelChoiceField(
        label=_("Lokalområde"),
        queryset=Area.objects.all(),
        to_field_name="slug",
        empty_label=None,
        error_messages={"required": _("Vælg et lokalområde."), "invalid_choice": _("Vælg et lokalområde fra listen.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Tema"),
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle tilbud i lokalområdet"),
        help_text=_("Vælg en kategori, hvis pjecen kun skal have tilbud om ét emne, fx besøgsven."),
        error_messages={"invalid_choice": _("Vælg et tema fra listen.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
