"""The fields for choosing a category or an area: the one way every form offers them (offers,
needs). Each form gives its own label and messages; the choices are the rule."""

from typing import Any

from django import forms

from .models import Area, Category


class CategoryField(forms.ModelChoiceField):
    """One of the categories in use."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Category.objects.active(), **kwargs)


class AreaField(forms.ModelChoiceField):
    """One of the areas, the whole municipality among them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Area.objects.all(), **kwargs)
