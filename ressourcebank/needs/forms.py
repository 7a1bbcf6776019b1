"""The need form: a citizen's own words first, everything else optional. Gives a NeedData."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style
from ressourcebank.lib.limits import max_length
from ressourcebank.taxonomy.forms import AreaField, CategoryField

from .actions import NeedData
from .models import Need


class NeedForm(forms.Form):
    description = forms.CharField(
        label=_("Hvad har du brug for hjælp til?"),
        max_length=max_length(Need, "description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Skriv med dine egne ord. Det gør ikke noget, hvis det ikke er helt rigtigt stavet."),
        error_messages={
            "required": _("Skriv kort, hvad du har brug for hjælp til."),
            "max_length": _("Teksten må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )
    area = AreaField(
        label=_("Hvor bor du?"),
        empty_label=_("Vælg et lokalområde"),
        help_text=_("Vælg “Hele kommunen”, hvis du ikke vil sige det, eller hvis hjælpen kan gives over telefonen."),
        error_messages={
            "required": _("Vælg, hvor du bor."),
            "invalid_choice": _("Vælg et lokalområde fra listen."),
        },
    )
    title = forms.CharField(
        label=_("Overskrift"),
        max_length=max_length(Need, "title"),
        required=False,
        help_text=_("Et par ord, fx “Hjælp til at handle ind”."),
        error_messages={"max_length": _("Overskriften må højst være %(limit_value)d tegn.")},
    )
    category = CategoryField(
        label=_("Hvilken slags hjælp?"),
        required=False,
        empty_label=_("Ved ikke"),
        error_messages={"invalid_choice": _("Vælg en kategori fra listen.")},
    )
    urgency = forms.ChoiceField(
        label=_("Hvor meget haster det?"),
        choices=Need.Urgency.choices,
        initial=Need.Urgency.LOW,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg en af mulighederne."), "invalid_choice": _("Vælg en af mulighederne.")},
    )
    visibility = forms.ChoiceField(
        label=_("Hvem må se det?"),
        choices=[
            (Need.Visibility.PUBLIC, _("Alle må se det – men ikke mit navn. De ser kun teksten og lokalområdet.")),
            (
                Need.Visibility.STAFF,
                _("Kun kommunens medarbejdere og min tovholder. De finder hjælp til mig."),
            ),
        ],
        initial=Need.Visibility.STAFF,
        widget=forms.RadioSelect,
        help_text=_("Hvis alle må se det, kan en frivillig eller en forening selv finde dig og tilbyde hjælp."),
        error_messages={"required": _("Vælg, hvem der må se det."), "invalid_choice": _("Vælg en af mulighederne.")},
    )

    def __init__(self, *args: Any, for_someone_else: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_someone_else:
            self.speak_to_coordinator()
        style(self)

    def speak_to_coordinator(self) -> None:
        """The coordinator writes about the citizen, not about themselves."""
        self.fields["description"].label = _("Hvad har borgeren brug for hjælp til?")
        self.fields["description"].help_text = _("Skriv gerne med borgerens egne ord.")
        self.fields["area"].label = _("Hvor bor borgeren?")
        self.fields["visibility"].choices = [  # type: ignore[attr-defined]
            (Need.Visibility.PUBLIC, _("Alle må se det – uden navn. De ser kun teksten og lokalområdet.")),
            (Need.Visibility.STAFF, _("Kun kommunens medarbejdere og jeg.")),
        ]
        self.fields["visibility"].help_text = _(
            "Hvis alle må se det, kan en frivillig eller en forening selv finde behovet og tilbyde hjælp."
        )

    @classmethod
    def initial_for(cls, need: Need) -> dict[str, Any]:
        return {
            "description": need.description,
            "area": need.area_id,
            "title": need.title,
            "category": need.category_id,
            "urgency": need.urgency,
            "visibility": need.visibility,
        }

    def to_data(self) -> NeedData:
        data = self.cleaned_data
        return NeedData(
            description=data["description"],
            area=data["area"],
            title=" ".join(data["title"].split()),
            category=data["category"],
            urgency=data["urgency"],
            visibility=data["visibility"],
        )


class CitizenNeedForm(NeedForm):
    """A coordinator registers a need for a citizen without an account."""

    citizen_name = forms.CharField(
        label=_("Borgerens navn"),
        max_length=max_length(Need, "citizen_name"),
        help_text=_("Kun du og kommunens medarbejdere kan se navnet. Det bliver aldrig vist offentligt."),
        error_messages={
            "required": _("Skriv borgerens navn, så du kan kende behovet igen."),
            "max_length": _("Navnet må højst være %(limit_value)d tegn."),
        },
    )
    field_order = ["citizen_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["for_someone_else"] = True
        super().__init__(*args, **kwargs)
        self.order_fields(["citizen_name"])
