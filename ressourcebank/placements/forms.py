"""Forms for proposals, agreements and follow-ups. Field limits come from the models; the rules are
placements.actions.check_agreement's, so the form and the action say the same."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.cases.models import HouseholdMember
from ressourcebank.lib.forms import style
from ressourcebank.lib.limits import max_length
from ressourcebank.offers.forms import DanishDateField
from ressourcebank.taxonomy.forms import AreaField

from . import rules
from .actions import AgreementData, check_agreement
from .models import Agreement, Extension, FollowUp, Place, Proposal, Workplace
from .rules import max_weeks, target_group_choices

# --- Proposals, agreements and follow-ups -------------------------------------------------------

REQUIRED = _("Udfyld feltet.")
CHOOSE = _("Vælg en af mulighederne.")
DATE_INVALID = _("Skriv en dato, fx 24-11-2026.")


def _date(label: Any, **kwargs: Any) -> DanishDateField:
    return DanishDateField(label=label, error_messages={"invalid": DATE_INVALID, "required": REQUIRED}, **kwargs)


def _text(model: type, name: str, label: Any, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length(model, name),
        required=required,
        error_messages={"required": REQUIRED, "max_length": _("Højst %(limit_value)d tegn. Der er %(show_value)d.")},
        **kwargs,
    )


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.case.title})"


class ProposalForm(forms.Form):
    """The tovholder proposes a person from one of their cases; only those who said yes to sharing
    with a business are in the list, so a posted id of anyone else is refused as invalid."""

    member = MemberChoiceField(
        label=_("Hvem vil du foreslå?"),
        queryset=HouseholdMember.objects.none(),
        empty_label=_("Vælg"),
        help_text=_("Kun borgere, der har sagt ja til at dele med en virksomhed, står her."),
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    target_group = forms.ChoiceField(
        label=_("Borgerens målgruppe"),
        choices=(),
        help_text=_("Den afgør, hvor længe forløbet må vare. Virksomheden ser den ikke."),
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    is_young = forms.BooleanField(label=_("Borgeren er under 30 år"), required=False)
    introduction = _text(
        Proposal,
        "introduction",
        _("Det vil borgeren gerne fortælle virksomheden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Skriv det sammen med borgeren: fx hvad borgeren er god til, og hvad der er vigtigt for en god start. "
            "Virksomheden ser det og borgerens fornavn – intet andet. Skriv ikke om helbred eller sag."
        ),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["target_group"].choices = [("", _("Vælg")), *target_group_choices()]  # type: ignore[attr-defined]
        style(self)


class DeclineForm(forms.Form):
    reason = _text(
        Proposal,
        "decline_reason",
        _("Vil I fortælle hvorfor? Det hjælper kommunen med at finde en anden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class AgreementForm(forms.Form):
    """The agreement the municipality approves, with the rules checked by actions.check_agreement,
    so the page says every broken rule at once, beside its field."""

    purpose = _text(
        Agreement,
        "purpose",
        _("Formål"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad skal forløbet føre til? Fx afklare et jobmål, lære faget, ordinært job bagefter."),
    )
    starts_on = _date(_("Startdato"))
    ends_on = _date(_("Slutdato"))
    hours_per_week = forms.IntegerField(
        label=_("Timer om ugen"),
        min_value=1,
        max_value=99,
        error_messages={"required": REQUIRED, "invalid": _("Skriv et helt antal timer, fx 15.")},
    )
    business_contact_name = _text(Agreement, "business_contact_name", _("Virksomhedens kontaktperson"))
    business_contact_phone = _text(Agreement, "business_contact_phone", _("Kontaktpersonens telefon"), required=False)
    business_contact_email = forms.EmailField(
        label=_("Kontaktpersonens e-mail"),
        required=False,
        max_length=max_length(Agreement, "business_contact_email"),
        help_text=_("Hertil sender vi en påmindelse før hver opfølgning."),
        error_messages={"invalid": _("Skriv en e-mailadresse, fx navn@eksempel.dk.")},
    )
    employee_representative = _text(
        Agreement,
        "employee_representative",
        _("Medarbejderrepræsentant"),
        required=False,
        help_text=Agreement._meta.get_field("employee_representative").help_text,
    )
    municipal_contact = forms.ModelChoiceField(
        label=_("Kommunens kontaktperson"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    midway_on = _date(_("Opfølgning midtvejs"), required=False, help_text=_("Lad feltet stå tomt for midt i forløbet."))
    final_on = _date(
        _("Opfølgning ved afslutningen"), required=False, help_text=_("Lad feltet stå tomt for slutdatoen.")
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        place = proposal.place
        self.fields["hours_per_week"].help_text = _("Pladsen er til %(min)d–%(max)d timer om ugen.") % {
            "min": place.hours_per_week_min,
            "max": place.hours_per_week_max,
        }
        self.fields["ends_on"].help_text = _("Højst %(weeks)d uger for borgerens målgruppe.") % {
            "weeks": max_weeks(proposal.target_group)
        }
        # The municipality's people who can hold an agreement: staff and tovholdere.
        self.fields["municipal_contact"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=[User.Role.STAFF, User.Role.ADMIN, User.Role.COORDINATOR]
        ).order_by("name")
        style(self)

    def to_data(self) -> AgreementData:
        data = self.cleaned_data
        return AgreementData(**{name: data[name] for name in self.fields})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            for error in check_agreement(self.proposal.place, self.proposal.target_group, self.to_data()):
                self.add_error(error.field if error.field in self.fields else None, error.message)
        return data


class ExtensionForm(forms.Form):
    new_ends_on = _date(_("Ny slutdato"))
    reason = _text(Extension, "reason", _("Hvorfor forlænges aftalen?"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class FollowUpForm(forms.Form):
    held_on = _date(_("Hvornår holdt I opfølgningen?"))
    note = _text(
        FollowUp,
        "note",
        _("Hvad talte I om?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ses kun af kommunen og tovholderen, aldrig af virksomheden."),
    )
    outcome = forms.ChoiceField(
        label=_("Hvad førte forløbet til?"),
        choices=Agreement.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, *args: Any, is_final: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if not is_final:
            del self.fields["outcome"]
        style(self)


class OpenPlacesFilter(forms.Form):
    """The tovholder's filter of open places; an unknown value is simply no filter."""

    area = AreaField(label=_("Lokalområde"), required=False, empty_label=_("Alle lokalområder"))
    kind = forms.ChoiceField(
        label=_("Slags plads"), required=False, choices=[("", _("Alle slags")), *Place.Kind.choices]
    )
    young = forms.BooleanField(label=_("Kun pladser, der passer til unge under 30"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


# --- Workplaces and places (Vi har en plads) --------------------------------------------------


class WorkplaceForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Virksomhed"),
        empty_label=None,
        error_messages={"required": _("Vælg virksomheden."), "invalid_choice": _("Vælg en af jeres virksomheder.")},
    )
    area = AreaField(
        label=_("Lokalområde"),
        empty_label=_("Vælg lokalområde"),
        error_messages={"required": _("Vælg det lokalområde, arbejdsstedet ligger i.")},
    )
    p_number = forms.CharField(
        label=_("P-nummer"), required=False, max_length=20, help_text=_("10 cifre. Står i CVR-registret. Kan udelades.")
    )

    class Meta:
        model = Workplace
        fields = ["organisation", "name", "address", "area", "ordinary_employees", "p_number"]
        labels = {
            "name": _("Navn på arbejdsstedet"),
            "address": _("Adresse"),
            "ordinary_employees": _("Hvor mange er ansat på almindelige vilkår?"),
        }
        help_texts = {
            "name": _("Fx 'Lageret' eller 'Butikken i Langå'."),
            "address": _("Vej, nummer og postnummer."),
            "ordinary_employees": _(
                "Omregnet til fuld tid. Ansatte med løntilskud og tidsbegrænset ansatte tæller ikke med."
            ),
        }
        error_messages = {
            "name": {"required": _("Skriv arbejdsstedets navn, fx 'Lageret'.")},
            "address": {"required": _("Skriv arbejdsstedets adresse.")},
            "ordinary_employees": {
                "required": _("Skriv, hvor mange der er ansat på almindelige vilkår. Skriv 0, hvis ingen er."),
                "invalid": _("Skriv antallet med cifre, fx 12."),
                "min_value": _("Antallet kan ikke være negativt."),
                "max_value": _("Det er flere ansatte, end vi kan regne med. Ring til kommunen."),
            },
        }
        widgets = {
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "ordinary_employees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args: Any, businesses: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = businesses  # type: ignore[attr-defined]
        self.only_business = businesses[0] if len(businesses) == 1 else None
        if self.only_business is not None:
            # Nothing to choose: the field is neither shown nor needed.
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()
        style(self)
        self.fields["ordinary_employees"].widget.attrs["class"] = "form-input input-width-xs"
        self.fields["p_number"].widget.attrs.update({"inputmode": "numeric", "class": "form-input input-width-s"})

    def clean_organisation(self) -> Organisation | None:
        return self.cleaned_data.get("organisation") or self.only_business

    def clean_p_number(self) -> str:
        p_number = "".join((self.cleaned_data.get("p_number") or "").split())
        if p_number and not (len(p_number) == 10 and p_number.isascii() and p_number.isdigit()):
            raise forms.ValidationError(_("Et P-nummer er 10 cifre. Lad feltet stå tomt, hvis I ikke kender det."))
        return p_number


HOURS_ERRORS = {
    "required": _("Skriv et antal timer, fx 15."),
    "invalid": _("Skriv timerne med cifre, fx 15."),
    "min_value": _("Skriv mindst 1 time."),
}


class PlaceForm(forms.ModelForm):
    """One short form. Without a workplace choice when the view registers the first workplace with
    it (then `new_workplace` is the unsaved one from WorkplaceForm, for the staff ratio)."""

    workplace = forms.ModelChoiceField(
        queryset=Workplace.objects.none(),
        label=_("Hvor er pladsen?"),
        empty_label=None,
        error_messages={"required": _("Vælg arbejdsstedet."), "invalid_choice": _("Vælg et af jeres arbejdssteder.")},
    )
    kind = forms.ChoiceField(
        label=_("Hvad slags plads er det?"),
        choices=Place.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_("Skånejob er for personer på førtidspension. Er I i tvivl, så vælg virksomhedspraktik."),
        error_messages={
            "required": _("Vælg, hvad slags plads det er."),
            "invalid_choice": _("Vælg en af mulighederne."),
        },
    )

    class Meta:
        model = Place
        fields = [
            "workplace",
            "kind",
            "title",
            "tasks",
            "hours_per_week_min",
            "hours_per_week_max",
            "places",
            "young",
            "learning",
            "mentor",
            "adjustments",
            "accessibility",
        ]
        labels = {
            "title": _("Giv pladsen en overskrift"),
            "tasks": _("Hvad skal personen lave?"),
            "hours_per_week_min": _("Timer om ugen, fra"),
            "hours_per_week_max": _("Timer om ugen, til"),
            "places": _("Hvor mange personer kan være der ad gangen?"),
            "young": _("Pladsen passer til unge under 30"),
            "learning": _("Hvad kan personen lære?"),
            "mentor": _("Hvem er mentor?"),
            "adjustments": _("Hvilke hensyn kan I tage?"),
            "accessibility": _("Tilgængelighed"),
        }
        help_texts = {
            "title": _("Fx 'Praktik på vores lager'."),
            "tasks": _("Kort og konkret, fx 'Pakke varer, holde orden og tage imod leverancer.'"),
            "hours_per_week_min": _("Højst 37 timer om ugen, inden for jeres normale arbejdstid."),
            "mentor": _("Navnet på den, personen kan gå til. Kan skrives senere."),
            "adjustments": _("Skånehensyn, fx korte dage, pauser eller ingen tunge løft."),
            "accessibility": _("Fx adgang for kørestol, toilet, bus tæt på."),
        }
        error_messages = {
            "title": {"required": _("Giv pladsen en overskrift, fx 'Praktik på vores lager'.")},
            "tasks": {"required": _("Skriv kort, hvad personen skal lave.")},
            "hours_per_week_min": HOURS_ERRORS,
            "hours_per_week_max": HOURS_ERRORS,
            "places": {
                "required": _("Skriv, hvor mange personer der kan være der ad gangen."),
                "invalid": _("Skriv antallet med cifre, fx 1."),
                "min_value": _("Skriv mindst 1."),
                "max_value": _("Skriv højst 100."),
            },
        }
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "learning": forms.Textarea(attrs={"rows": 2}),
            "adjustments": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "hours_per_week_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 37}),
            "hours_per_week_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 37}),
            "places": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }

    def __init__(
        self,
        *args: Any,
        workplaces: QuerySet[Workplace] | None = None,
        new_workplace: Workplace | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("places", 1)
        super().__init__(*args, **kwargs)
        self.new_workplace = new_workplace
        self.rule_errors: list[rules.RuleError] = []
        if workplaces is None:
            del self.fields["workplace"]
        else:
            self.fields["workplace"].queryset = workplaces  # type: ignore[attr-defined]
            if len(workplaces) == 1:
                self.fields["workplace"].initial = workplaces[0].pk
        style(self)
        for name in ("hours_per_week_min", "hours_per_week_max", "places"):
            self.fields[name].widget.attrs["class"] = "form-input input-width-xs"
        self.fields["hours_per_week_max"].widget.attrs["aria-describedby"] = "id_hours_per_week_min_helptext"

    @property
    def chosen_workplace(self) -> Workplace | None:
        if "workplace" in self.fields:
            chosen = self.cleaned_data.get("workplace") if hasattr(self, "cleaned_data") else None
            return chosen if isinstance(chosen, Workplace) else None
        return self.new_workplace

    def _check_rules(self) -> list[rules.RuleError]:
        data = self.cleaned_data
        return rules.check_place(
            workplace=self.chosen_workplace,
            kind=data.get("kind") or "",
            hours_per_week_min=data.get("hours_per_week_min"),
            hours_per_week_max=data.get("hours_per_week_max"),
            places=data.get("places"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Kept apart from the errors: the as-you-type check shows only these, not "required" ones.
        self.rule_errors = self._check_rules()
        for error in self.rule_errors:
            if error.field not in self.errors:
                self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned

    def _post_clean(self) -> None:
        # The model's own checks need a workplace; the action runs full_clean once it has one.
        pass


class RejectPlaceForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor godkender I ikke pladsen?"),
        max_length=1000,
        help_text=_("Virksomheden kan se begrundelsen."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        error_messages={"required": _("Skriv, hvorfor pladsen ikke bliver godkendt.")},
    )
