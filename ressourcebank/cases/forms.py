"""The tovholder's forms for a case. Field limits come from the models; every choice list is the
case's own (its members, agencies, goals), so a posted id from another case is refused as invalid."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import REASON_LENGTH
from ressourcebank.lib.limits import max_length
from ressourcebank.lib.phone import normalise_phone
from ressourcebank.needs.forms import NeedForm
from ressourcebank.offers.forms import DanishDateField, style

from .actions import CaseData
from .models import Agency, AgencyKind, Case, CaseNote, CaseTeam, Consent, HouseholdMember, PlanAction, PlanGoal

REQUIRED = _("Udfyld feltet.")
CHOOSE = _("Vælg en af mulighederne.")
DATE_INVALID = _("Skriv en dato, fx 24-11-2026.")


def _text(model: type, name: str, label: Any, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length(model, name),
        required=required,
        error_messages={"required": REQUIRED, "max_length": _("Højst %(limit_value)d tegn. Der er %(show_value)d.")},
        **kwargs,
    )


def _choice(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": CHOOSE, "invalid_choice": CHOOSE}, **kwargs
    )


def _model_choice(label: Any, queryset: Any, **kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=queryset, error_messages={"required": CHOOSE, "invalid_choice": CHOOSE}, **kwargs
    )


def _date(label: Any, **kwargs: Any) -> DanishDateField:
    return DanishDateField(label=label, error_messages={"invalid": DATE_INVALID, "required": REQUIRED}, **kwargs)


class CaseForm(forms.Form):
    title = _text(
        Case,
        "title",
        _("Kort navn på forløbet"),
        help_text=_("Fx “Familien Jensen”. Skriv ikke om helbred eller problemer her – navnet står på din oversigt."),
    )
    kind = _choice(_("Hvem handler forløbet om?"), Case.Kind.choices, widget=forms.RadioSelect, initial="citizen")
    citizen_name = _text(HouseholdMember, "name", _("Borgerens navn"))
    age_group = _choice(_("Borgerens alder"), HouseholdMember.AgeGroup.choices, initial="18-64")
    citizen_email = forms.EmailField(
        label=_("Borgerens e-mail i Ressourcebanken"),
        required=False,
        help_text=_(
            "Har borgeren en konto, kan borgeren selv se sin plan og sine samtykker. Ellers lad feltet stå tomt."
        ),
        error_messages={"invalid": _("Skriv en e-mailadresse, fx navn@eksempel.dk.")},
    )
    team = _model_choice(_("Team"), CaseTeam.objects.none(), required=False, empty_label=_("Intet team"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = CaseTeam.objects.all()  # type: ignore[attr-defined]
        style(self)

    def clean_citizen_email(self) -> User | None:
        email = self.cleaned_data.get("citizen_email", "").strip()
        if not email:
            return None
        citizen = User.objects.filter(email__iexact=email, role=User.Role.CITIZEN, is_active=True).first()
        if citizen is None:
            raise forms.ValidationError(
                _("Der er ingen borger med den e-mail i Ressourcebanken. Tjek stavningen, eller lad feltet stå tomt.")
            )
        return citizen

    def to_data(self) -> CaseData:
        data = self.cleaned_data
        return CaseData(
            title=data["title"],
            kind=data["kind"],
            citizen_name=data["citizen_name"],
            age_group=data["age_group"],
            citizen=data["citizen_email"],
            team=data["team"],
        )


class CaseEditForm(forms.Form):
    title = CaseForm.base_fields["title"]
    team = _model_choice(_("Team"), CaseTeam.objects.none(), required=False, empty_label=_("Intet team"))
    substitute = _model_choice(
        _("Stedfortræder"),
        User.objects.none(),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("En anden tovholder, som holder forløbet, mens du er væk."),
    )
    absent_from = _date(_("Jeg er væk fra"), required=False)
    absent_until = _date(_("Jeg er væk til og med"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": case.title,
                "team": case.team_id,
                "substitute": case.substitute_id,
                "absent_from": case.absent_from,
                "absent_until": case.absent_until,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = CaseTeam.objects.all()  # type: ignore[attr-defined]
        self.fields["substitute"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role=User.Role.COORDINATOR, is_active=True
        ).exclude(pk=case.tovholder_id)
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("absent_from"), data.get("absent_until")
        if (start is None) != (end is None):
            self.add_error("absent_until" if start else "absent_from", _("Skriv både første og sidste dag."))
        elif start and end and end < start:
            self.add_error("absent_until", _("Den sidste dag skal være samme dag som den første eller senere."))
        if start and not data.get("substitute"):
            self.add_error("substitute", _("Vælg en stedfortræder, når du skriver, at du er væk."))
        return data


class MemberForm(forms.Form):
    name = _text(HouseholdMember, "name", _("Navn"), help_text=_("Skriv ikke CPR-nummer."))
    relation = _choice(
        _("Hvem er det for borgeren?"),
        [choice for choice in HouseholdMember.Relation.choices if choice[0] != HouseholdMember.Relation.SELF],
    )
    age_group = _choice(_("Alder"), HouseholdMember.AgeGroup.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Agency
        fields = ["kind", "name", "contact_person", "role", "phone", "email", "doing"]
        widgets = {"doing": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"name": _("Fx “Jobcenter Randers” eller “Rismølleskolen”.")}
        error_messages = {
            "kind": {"required": CHOOSE, "invalid_choice": CHOOSE},
            "name": {"required": REQUIRED},
            "email": {"invalid": _("Skriv en e-mailadresse, fx navn@eksempel.dk.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = AgencyKind.objects.active()  # type: ignore[attr-defined]
        self.fields["kind"].empty_label = _("Vælg")  # type: ignore[attr-defined]
        self.fields["phone"].widget.attrs.update({"type": "tel", "inputmode": "tel", "autocomplete": "off"})
        style(self)

    def clean_phone(self) -> str:
        # Kept as typed (spaces tidied), but it must be a number: the page makes it a tel: link.
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone:
            try:
                normalise_phone(phone)
            except ValueError:
                raise forms.ValidationError(
                    _("Skriv telefonnummeret med cifre, fx 12 34 56 78 eller +45 12 34 56 78.")
                ) from None
        return phone


class GoalForm(forms.Form):
    title = _text(
        PlanGoal, "title", _("Mål"), help_text=_("Med familiens egne ord, fx “Mads kommer i skole hver dag”.")
    )
    member = _model_choice(_("Hvem er målet for?"), HouseholdMember.objects.none(), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = case.members.all()  # type: ignore[attr-defined]
        self.fields["member"].empty_label = _("Hele familien")  # type: ignore[attr-defined]
        style(self)


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    due_on = _date(_("Hvornår skal det være gjort?"), required=False)

    class Meta:
        model = PlanAction
        fields = ["goal", "title", "owner_kind", "owner_member", "owner_agency", "due_on", "is_contribution"]
        error_messages = {
            "goal": {"required": CHOOSE, "invalid_choice": CHOOSE},
            "title": {"required": REQUIRED},
            "owner_kind": {"required": CHOOSE, "invalid_choice": CHOOSE},
            "owner_member": {"invalid_choice": CHOOSE},
            "owner_agency": {"invalid_choice": CHOOSE},
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = case.goals.all()  # type: ignore[attr-defined]
        self.fields["goal"].empty_label = _("Vælg et mål")  # type: ignore[attr-defined]
        self.fields["owner_member"].queryset = case.members.all()  # type: ignore[attr-defined]
        self.fields["owner_member"].empty_label = _("Ingen")  # type: ignore[attr-defined]
        self.fields["owner_agency"].queryset = case.agencies.all()  # type: ignore[attr-defined]
        self.fields["owner_agency"].empty_label = _("Ingen")  # type: ignore[attr-defined]
        self.fields["is_contribution"].help_text = _("Fx at borgeren hjælper andre med noget, hun er god til.")
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("owner_kind")
        if kind == PlanAction.OwnerKind.MEMBER and not data.get("owner_member"):
            self.add_error("owner_member", _("Vælg, hvem i familien der gør det."))
        if kind == PlanAction.OwnerKind.AGENCY and not data.get("owner_agency"):
            self.add_error("owner_agency", _("Vælg, hvilken instans der gør det."))
        return data


class ActionUpdateForm(forms.ModelForm):  # type: ignore[type-arg]
    due_on = _date(_("Hvornår skal det være gjort?"), required=False)

    class Meta:
        model = PlanAction
        fields = ["status", "due_on", "follow_up"]
        widgets = {"status": forms.RadioSelect, "follow_up": forms.RadioSelect}
        error_messages = {
            "status": {"required": CHOOSE, "invalid_choice": CHOOSE},
            "follow_up": {"invalid_choice": CHOOSE},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up"].choices = [("", _("Ikke besluttet endnu")), *PlanAction.FollowUp.choices]  # type: ignore[attr-defined]
        style(self)


class NoteForm(forms.Form):
    written_on = _date(_("Dato"))
    body = forms.CharField(
        label=_("Note"),
        max_length=max_length(CaseNote, "body"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Noter ses kun af dig, din stedfortræder og dit team – aldrig af frivillige eller foreninger."),
        error_messages={
            "required": _("Skriv noten."),
            "max_length": _("Noten må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"written_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style(self)


class ConsentForm(forms.Form):
    member = _model_choice(_("Hvem giver samtykke?"), HouseholdMember.objects.none(), empty_label=_("Vælg"))
    purpose = _choice(_("Hvad er samtykket til?"), Consent.Purpose.choices, widget=forms.RadioSelect)
    agency = _model_choice(
        _("Hvilken instans?"),
        Agency.objects.none(),
        required=False,
        empty_label=_("Vælg, hvis samtykket er til at dele med en instans"),
    )
    method = _choice(_("Hvordan blev det givet?"), Consent.Method.choices, widget=forms.RadioSelect)
    ends_on = _date(
        _("Gælder til og med"),
        required=False,
        help_text=_("Lad feltet stå tomt, hvis det gælder, til det trækkes tilbage."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = case.members.all()  # type: ignore[attr-defined]
        self.fields["agency"].queryset = case.agencies.all()  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == Consent.Purpose.SHARE_WITH_AGENCY and not data.get("agency"):
            self.add_error("agency", _("Vælg den instans, borgeren siger ja til at dele med."))
        if data.get("ends_on") and data["ends_on"] < timezone.localdate():
            self.add_error("ends_on", _("Datoen er allerede gået. Vælg i dag eller senere."))
        return data


class CaseNeedForm(NeedForm):
    """The bank's need form, for a member of the case's household. Always for staff only: the
    member's consent decides what a helper sees."""

    member = _model_choice(_("Hvem er behovet for?"), HouseholdMember.objects.none(), empty_label=_("Vælg"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs["for_someone_else"] = True
        super().__init__(*args, **kwargs)
        del self.fields["visibility"]
        self.fields["member"].queryset = case.members.all()  # type: ignore[attr-defined]
        self.order_fields(["member"])
        style(self)

    def clean(self) -> dict[str, Any]:
        self.cleaned_data.setdefault("visibility", "staff")
        return super().clean() or {}


class BreakGlassForm(forms.Form):
    """An administrator's request to read one case in an emergency: which case, why, for how long."""

    case_number = forms.IntegerField(
        label=_("Forløbets nummer"),
        min_value=1,
        max_value=2**63 - 1,
        error_messages={"required": REQUIRED, "invalid": _("Skriv et nummer, fx 12.")},
    )
    reason = forms.CharField(
        label=_("Hvorfor skal du læse forløbet?"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Begrundelsen står i adgangsloggen. Revisoren ser den, og borgeren kan se, at forløbet er åbnet."),
        error_messages={"required": _("Skriv, hvorfor du har brug for adgangen.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("Hvor længe?"),
        coerce=int,
        choices=[(15, _("15 minutter")), (60, _("1 time")), (240, _("4 timer"))],
        initial=15,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_case_number(self) -> Case:
        case = Case.objects.filter(pk=self.cleaned_data["case_number"]).first()
        if case is None:
            raise forms.ValidationError(_("Der er intet forløb med det nummer."))
        return case


class AnonymiseForm(forms.Form):
    """Why a closed case is anonymised now (the citizen's request): the reason goes in the access log."""

    reason = forms.CharField(
        label=_("Hvorfor skal forløbet anonymiseres nu?"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Fx: Borgeren bad om det på mødet 1. december. Skriv ikke navne eller helbred."),
        error_messages={"required": _("Skriv, hvorfor forløbet skal anonymiseres (fx borgerens anmodning).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
