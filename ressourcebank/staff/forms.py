"""Forms for the staff area: categories, areas, the editable text pages and the access log search."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import REASON_LENGTH, Verb
from ressourcebank.lib.forms import style
from ressourcebank.offers.forms import DanishDateField
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


def _target_types() -> list[tuple[str, Any]]:
    """Every kind of row the log can name, by its Danish name; the value is the log's target_type."""
    from django.apps import apps

    kinds = [
        (model._meta.label_lower, f"{str(model._meta.verbose_name).capitalize()} ({model._meta.label_lower})")
        for model in apps.get_models()
        if model.__module__.startswith("ressourcebank.")
    ]
    return [("", _("Alle typer")), *sorted(kinds, key=lambda kind: kind[1])]


class AccessLogSearchForm(forms.Form):
    """The audit role's filters. Only ids, codes and dates: the search lands in the URL and in the log."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.exclude(role=User.Role.CITIZEN).order_by("name", "pk"),
        required=False,
        empty_label=_("Alle"),
        help_text=_("Medarbejdere, tovholdere og administratorer. En borgers handlinger: brug id nedenfor."),
    )
    person_id = forms.IntegerField(label=_("Eller personens id"), required=False, min_value=1)
    verb = forms.ChoiceField(label=_("Handling"), required=False, choices=[("", _("Alle")), *Verb.choices])
    target_type = forms.ChoiceField(label=_("Hvad"), required=False, choices=_target_types)
    target_id = forms.CharField(label=_("Id på det, der blev læst eller ændret"), required=False, max_length=50)
    since = DanishDateField(label=_("Fra dato"), required=False)
    until = DanishDateField(label=_("Til og med dato"), required=False)
    flagged = forms.BooleanField(label=_("Kun nødadgang"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("Til-datoen skal være samme dag som fra-datoen eller senere."))
        if data.get("target_id") and not data.get("target_type"):
            self.add_error("target_type", _("Vælg, hvad id'et hører til."))
        return data

    def filters(self) -> dict[str, str]:
        """The filters as the log records them: ids, codes and dates only."""
        data = self.cleaned_data
        person = data.get("person")
        return {
            "person": str(person.pk if person else data.get("person_id") or ""),
            "verb": data.get("verb") or "",
            "target_type": data.get("target_type") or "",
            "target_id": data.get("target_id") or "",
            "since": data["since"].isoformat() if data.get("since") else "",
            "until": data["until"].isoformat() if data.get("until") else "",
            "flagged": "1" if data.get("flagged") else "",
        }


class CitizenDataForm(forms.Form):
    """Whose data, and why: the reason goes in the access log, which the citizen may read."""

    email = forms.EmailField(
        label=_("Borgerens e-mail"),
        max_length=254,
        error_messages={
            "required": _("Skriv borgerens e-mail."),
            "invalid": _("Skriv en e-mail, fx navn@eksempel.dk."),
        },
    )
    reason = forms.CharField(
        label=_("Hvorfor tager du oplysningerne ud?"),
        help_text=_("Fx: Borgeren bad om sine oplysninger i telefonen 1. december. Skriv ikke navne eller helbred."),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Skriv, hvorfor du tager oplysningerne ud (fx borgerens anmodning).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_email(self) -> User:
        user = User.objects.filter(email__iexact=self.cleaned_data["email"].strip()).first()
        if user is None:
            raise forms.ValidationError(_("Der er ingen konto med den e-mail. Tjek stavningen."))
        return user
