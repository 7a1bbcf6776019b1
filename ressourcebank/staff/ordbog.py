"""/staff/ordbog/: staff add an everyday word or phrase to a concept or a category of the lexicon,
in effect for matching at once. The lexicon files (ressourcebank/search/lexicon/) stay the
reviewed source; these entries are the municipality's own additions."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ressourcebank.accounts.http import AuthenticatedHttpRequest
from ressourcebank.accounts.permissions import require_staff
from ressourcebank.lib.limits import max_length
from ressourcebank.matching.actions import add_lexicon_entry, remove_lexicon_entry
from ressourcebank.matching.models import LexiconEntry
from ressourcebank.search.analysis import tokenize
from ressourcebank.search.lexicon import lexicon
from ressourcebank.taxonomy.models import Category

LISTED = 200


class LexiconEntryForm(forms.Form):
    phrase = forms.CharField(
        label=gettext_lazy("Ord eller udtryk"),
        max_length=max_length(LexiconEntry, "phrase"),
        help_text=gettext_lazy("Sådan som borgerne skriver det, fx »radiatoren er kold« eller »lønseddel«."),
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Hører til"),
        help_text=gettext_lazy("Et begreb (fx vvs) eller en kategori."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        concepts = [(f"concept:{c.name}", c.name) for c in sorted(lexicon().concepts, key=lambda c: c.name)]
        categories = [(f"category:{c.pk}", c.name) for c in Category.objects.active().order_by("name")]
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)  # noqa: S101 - narrows the type for mypy
        target.choices = [
            ("", _("Vælg …")),
            (_("Begreber"), concepts),
            (_("Kategorier"), categories),
        ]

    def clean_phrase(self) -> str:
        phrase: str = self.cleaned_data["phrase"]
        if not tokenize(phrase) or not any(c.isalpha() for c in phrase):
            raise forms.ValidationError(_("Skriv mindst ét ord med bogstaver."))
        return phrase

    def target_parts(self) -> tuple[str, Category | None]:
        kind, _sep, value = self.cleaned_data["target"].partition(":")
        if kind == "concept":
            return value, None
        return "", Category.objects.get(pk=int(value))


@require_staff
def lexicon_entries(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LexiconEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concept, category = form.target_parts()
        entry = add_lexicon_entry(form.cleaned_data["phrase"], concept=concept, category=category, by=request.user)
        messages.success(
            request, _("»%(phrase)s« er tilføjet. Det gælder for forslagene fra nu af.") % {"phrase": entry.phrase}
        )
        return redirect("staff:lexicon")
    entries = LexiconEntry.objects.select_related("category", "created_by")[:LISTED]
    return render(request, "staff/lexicon.html", {"form": form, "entries": entries, "version": lexicon().version})


@require_staff
@require_POST
def lexicon_entry_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LexiconEntry, pk=pk)
    remove_lexicon_entry(entry, by=request.user)
    messages.success(request, _("»%(phrase)s« er fjernet fra ordbogen.") % {"phrase": entry.phrase})
    return redirect("staff:lexicon")
