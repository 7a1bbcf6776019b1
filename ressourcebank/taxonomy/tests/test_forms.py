"""The category and area fields every form uses: only categories in use can be chosen."""

import pytest
from django import forms

from ressourcebank.taxonomy.forms import AreaField, CategoryField
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


class ChoiceForm(forms.Form):
    category = CategoryField()
    area = AreaField()


def test_a_category_no_longer_in_use_cannot_be_chosen():
    retired = Category.objects.get(slug="mentor")
    retired.is_active = False
    retired.save()
    form = ChoiceForm({"category": retired.pk, "area": Area.objects.get(slug="assentoft").pk})
    assert not form.is_valid()
    assert "category" in form.errors
    assert retired not in form.fields["category"].queryset  # type: ignore[attr-defined]


def test_every_area_can_be_chosen_the_whole_municipality_too():
    whole = Area.objects.get(slug="hele-kommunen")
    form = ChoiceForm({"category": Category.objects.get(slug="besoegsven").pk, "area": whole.pk})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["area"] == whole
    assert form.fields["area"].queryset.count() == Area.objects.count()  # type: ignore[attr-defined]
