"""The activity form, the filters of /faellesskaber/, sign-up (yourself, without an account, or on
someone's behalf), and cancelling or moving one date. Each message is plain Danish beside its field."""

from datetime import date, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Organisation
from ressourcebank.lib.forms import QuickSelect, style
from ressourcebank.lib.limits import max_length
from ressourcebank.lib.phone import normalise_phone
from ressourcebank.offers.forms import DanishDateField
from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.forms import AreaField, CategoryField

from . import knowledge
from .actions import ActivityData
from .models import MAX_CAPACITY, Activity, Occurrence, Signup, split_slugs
from .recurrence import Recurrence

MYSELF = ""
DATE_HINT = _("Vælg datoen, eller skriv den som dag-måned-år, fx 14-03-2026.")
DATE_INVALID = _("Skriv datoen som dag-måned-år, fx 14-03-2026.")
TIME_ERRORS = {"required": _("Skriv et klokkeslæt, fx 19:00."), "invalid": _("Skriv klokkeslættet som fx 19:00.")}


class TimeInput(forms.TimeInput):
    input_type = "time"


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(label=label, widget=TimeInput(format="%H:%M"), error_messages=TIME_ERRORS)


def _choices(terms: dict[str, knowledge.Term]) -> list[tuple[str, str]]:
    return [(slug, term.name) for slug, term in terms.items()]


class ActivityForm(forms.Form):
    title = forms.CharField(
        label=_("Hvad hedder aktiviteten?"),
        max_length=max_length(Activity, "title"),
        help_text=_("Kort og klart, fx “Åben koraften” eller “Strikkecafé”."),
        error_messages={"required": _("Skriv, hvad aktiviteten hedder.")},
    )
    description = forms.CharField(
        label=_("Hvad sker der?"),
        max_length=max_length(Activity, "description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv, så en, der aldrig har været der, ved hvad der venter."),
        error_messages={"required": _("Fortæl kort, hvad der sker.")},
    )
    category = CategoryField(
        label=_("Hvilken slags aktivitet er det?"),
        empty_label=_("Vælg en kategori"),
        error_messages={"required": _("Vælg den kategori, der passer bedst."), "invalid_choice": _("Vælg fra listen.")},
    )
    area = AreaField(
        label=_("Hvor i kommunen?"),
        empty_label=_("Vælg et lokalområde"),
        error_messages={"required": _("Vælg et lokalområde."), "invalid_choice": _("Vælg fra listen.")},
    )
    place = forms.CharField(
        label=_("Sted"),
        max_length=max_length(Activity, "place"),
        help_text=_("Fx: Assentoft Forsamlingshus"),
        error_messages={"required": _("Skriv, hvor I mødes.")},
    )
    address = forms.CharField(label=_("Adresse"), max_length=max_length(Activity, "address"), required=False)
    organised_by = forms.ChoiceField(
        label=_("Hvem står bag?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg dig selv eller en af dine foreninger.")},
    )
    recurrence = forms.ChoiceField(
        label=_("Hvor tit?"),
        choices=Recurrence.choices,
        initial=Recurrence.ONCE,
        widget=forms.RadioSelect,
        help_text=_("“Hver måned” er samme ugedag hver måned, fx 2. tirsdag i måneden."),
        error_messages={"required": _("Vælg, hvor tit."), "invalid_choice": _("Vælg en af mulighederne.")},
    )
    starts_on = DanishDateField(
        label=_("Dato (første gang)"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv datoen."), "invalid": DATE_INVALID},
    )
    start_time = _time_field(_("Fra kl."))
    end_time = _time_field(_("Til kl."))
    ends_on = DanishDateField(
        label=_("Sidste gang"),
        required=False,
        help_text=_("Kun ved en aktivitet, der gentages. Tom: den fortsætter."),
        error_messages={"invalid": DATE_INVALID},
    )
    cost_text = forms.CharField(
        label=_("Pris"),
        max_length=max_length(Activity, "cost_text"),
        required=False,
        help_text=_("Lad feltet være tomt, hvis det er gratis. Fx “20 kr. for kaffe og kage”."),
    )
    labels = forms.MultipleChoiceField(
        label=_("Hvad gør det let at komme?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Vælg fra listen.")},
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Tilgængelighed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Vælg fra listen.")},
    )
    needs_signup = forms.BooleanField(label=_("Man skal melde sig til"), required=False)
    capacity = forms.IntegerField(
        label=_("Antal pladser hver gang"),
        required=False,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("Kun hvis man skal melde sig til. Tom: der er ingen grænse."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Skriv et helt tal, fx 20."),
            "min_value": _("Tallet skal være mindst 1."),
            "max_value": _("Tallet må højst være %(limit_value)s."),
        },
    )
    contact = forms.CharField(
        label=_("Hvem kan man spørge?"),
        max_length=max_length(Activity, "contact"),
        required=False,
        help_text=_("Fx “Ring til Birthe på 12 34 56 78”. Det bliver vist for alle."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.pk): org for org in (organisations or [])}
        self.fields["labels"].choices = _choices(knowledge.labels())  # type: ignore[attr-defined]
        self.fields["accessibility"].choices = _choices(knowledge.accessibility_features())  # type: ignore[attr-defined]
        if editing or not self.organisations:
            del self.fields["organised_by"]
        else:
            choices = [(MYSELF, _("Mig selv"))] + [(pk, org.name) for pk, org in self.organisations.items()]
            self.fields["organised_by"].choices = choices  # type: ignore[attr-defined]
            self.fields["organised_by"].initial = MYSELF
        style(self)
        for name in ("labels", "accessibility"):
            self.fields[name].widget.attrs["class"] = "form-checkbox"

    @classmethod
    def initial_for(cls, activity: Activity) -> dict[str, Any]:
        return {
            "title": activity.title,
            "description": activity.description,
            "category": activity.category_id,
            "area": activity.area_id,
            "place": activity.place,
            "address": activity.address,
            "recurrence": activity.recurrence,
            "starts_on": activity.starts_on,
            "start_time": activity.start_time,
            "end_time": activity.end_time,
            "ends_on": activity.ends_on,
            "cost_text": activity.cost_text,
            "labels": split_slugs(activity.label_slugs),
            "accessibility": split_slugs(activity.accessibility_slugs),
            "needs_signup": activity.needs_signup,
            "capacity": activity.capacity,
            "contact": activity.contact,
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on: date | None = cleaned.get("starts_on")
        ends_on: date | None = cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Sidste gang kan ikke være før første gang."))
        start: time | None = cleaned.get("start_time")
        end: time | None = cleaned.get("end_time")
        if start and end and start == end:
            self.add_error("end_time", _("Sluttiden skal være en anden end starttiden."))
        if not cleaned.get("needs_signup"):
            cleaned["capacity"] = None
        return cleaned

    def organisation(self) -> Organisation | None:
        return self.organisations.get(self.cleaned_data.get("organised_by") or MYSELF)

    def to_data(self) -> ActivityData:
        data = self.cleaned_data
        return ActivityData(
            title=data["title"],
            description=data["description"],
            category=data["category"],
            area=data["area"],
            place=data["place"],
            address=data["address"],
            recurrence=data["recurrence"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            cost_text=data["cost_text"],
            labels=list(data["labels"]),
            accessibility=list(data["accessibility"]),
            needs_signup=data["needs_signup"],
            capacity=data["capacity"],
            contact=data["contact"],
            organisation=self.organisation(),
        )


class ActivitySearchForm(forms.Form):
    """The filters of /faellesskaber/ (GET): area, day, category and label."""

    omraade = forms.ChoiceField(label=_("Lokalområde"), required=False, widget=QuickSelect)
    dag = DanishDateField(label=_("Dag"), required=False, error_messages={"invalid": DATE_INVALID})
    kategori = forms.ChoiceField(label=_("Slags"), required=False, widget=QuickSelect)
    maerke = forms.ChoiceField(label=_("Det gør det let at komme"), required=False, widget=QuickSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held = self.taxonomy = taxonomy()
        self.fields["omraade"].choices = [("", _("Alle lokalområder"))] + [  # type: ignore[attr-defined]
            (area.slug, area.name) for area in held.areas
        ]
        self.fields["kategori"].choices = [("", _("Alle slags"))] + [  # type: ignore[attr-defined]
            (category.slug, category.name) for category in held.active_categories
        ]
        self.fields["maerke"].choices = [("", _("Alle"))] + _choices(knowledge.labels())  # type: ignore[attr-defined]
        style(self)

    def value(self, name: str) -> Any:
        """A filter's valid value; a wrong one is ignored (the form shows its error)."""
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


class SignupForm(forms.Form):
    """Sign-up without an account: a name and an e-mail to confirm by."""

    name = forms.CharField(
        label=_("Dit navn"),
        max_length=max_length(Signup, "name"),
        error_messages={"required": _("Skriv dit navn.")},
    )
    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=max_length(Signup, "email"),
        help_text=_("Vi sender en mail med et link. Tryk på det for at bekræfte."),
        error_messages={"required": _("Skriv din e-mail."), "invalid": _("Skriv en e-mail som fx navn@eksempel.dk.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class OnBehalfForm(forms.Form):
    """A tovholder, staff or the organiser signs someone up who called or wrote on paper."""

    name = forms.CharField(
        label=_("Personens navn"),
        max_length=max_length(Signup, "name"),
        error_messages={"required": _("Skriv navnet.")},
    )
    phone = forms.CharField(label=_("Telefonnummer"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=max_length(Signup, "email"),
        required=False,
        error_messages={"invalid": _("Skriv en e-mail som fx navn@eksempel.dk.")},
    )
    channel = forms.ChoiceField(
        label=_("Hvordan meldte personen sig?"),
        choices=[
            (Signup.Channel.PHONE, Signup.Channel.PHONE.label),
            (Signup.Channel.PAPER, Signup.Channel.PAPER.label),
            (Signup.Channel.IN_PERSON, Signup.Channel.IN_PERSON.label),
        ],
        initial=Signup.Channel.PHONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvordan personen meldte sig."), "invalid_choice": _("Vælg fra listen.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        try:
            return normalise_phone(phone)
        except ValueError:
            raise forms.ValidationError(_("Skriv et telefonnummer med 8 cifre, fx 12 34 56 78.")) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("phone") and not cleaned.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("Skriv et telefonnummer eller en e-mail, så personen kan få besked."))
        return cleaned


class CancelOccurrenceForm(forms.Form):
    note = forms.CharField(
        label=_("Besked til dem, der er tilmeldt"),
        max_length=max_length(Occurrence, "note"),
        required=False,
        help_text=_("Fx “Lederen er syg. Vi ses næste uge.”"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class MoveOccurrenceForm(forms.Form):
    day = DanishDateField(
        label=_("Ny dato"),
        help_text=DATE_HINT,
        error_messages={"required": _("Skriv datoen."), "invalid": DATE_INVALID},
    )
    start_time = _time_field(_("Fra kl."))
    end_time = _time_field(_("Til kl."))
    note = forms.CharField(
        label=_("Besked til dem, der er tilmeldt"),
        max_length=max_length(Occurrence, "note"),
        required=False,
        help_text=_("Fx “Vi mødes i den lille sal denne gang.”"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Den nye dato skal ligge ude i fremtiden."))
        return day
