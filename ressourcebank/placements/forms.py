"""Forms for proposals, agreements and follow-ups. Field limits come from the models; the rules are
placements.actions.check_agreement's, so the form and the action say the same."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import User
from ressourcebank.cases.models import HouseholdMember
from ressourcebank.lib.limits import max_length
from ressourcebank.offers.forms import DanishDateField, style
from ressourcebank.taxonomy.forms import AreaField

from .actions import AgreementData, check_agreement
from .models import Agreement, Extension, FollowUp, Place, Proposal
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
