from datetime import time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ressourcebank.inbox.models import Team
from ressourcebank.lib.forms import style
from ressourcebank.lib.limits import max_length
from ressourcebank.lib.phone import normalise_phone
from ressourcebank.lib.workdays import closed_days
from ressourcebank.taxonomy.models import Area

from .models import BOOKING_MINUTES_RANGE, MAX_EVERY_WEEKS, Booking, CounsellingHours, Slot


def slot_label(slot: Slot) -> str:
    local = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    # The hours through gettext as on the receipt (_booking_when.html): "kl." is Danish only.
    hours = gettext("kl. %(start)s–%(end)s") % {"start": f"{local:%H.%M}", "end": f"{end:%H.%M}"}
    return f"{date_format(local, 'l j. F')}, {hours}"


class SlotChoiceField(forms.ModelChoiceField[Slot]):
    def label_from_instance(self, obj: Slot) -> str:
        return slot_label(obj)


class BookingForm(forms.Form):
    """A free slot, a name and a phone number. The honeypot `website` is hidden from people; a
    program that fills every field is refused without a word about why."""

    slot = SlotChoiceField(
        label=_("Vælg en tid"),
        queryset=Slot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Vælg en tid."),
            "invalid_choice": _("Den tid er ikke ledig mere. Vælg en anden tid."),
        },
    )
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=max_length(Booking, "name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-input"}),
        error_messages={"required": _("Skriv dit navn."), "max_length": _("Navnet er for langt.")},
    )
    phone = forms.CharField(
        label=_("Dit telefonnummer"),
        max_length=30,
        help_text=_("Vi sender en SMS med tiden og et link, hvor du kan flytte eller aflyse."),
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel", "class": "form-input input-width-m"}
        ),
        error_messages={"required": _("Skriv dit telefonnummer."), "max_length": _("Telefonnummeret er for langt.")},
    )
    website = forms.CharField(required=False, label=_("Lad dette felt være tomt"))

    def __init__(self, *args: Any, slots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots  # type: ignore[attr-defined]
        style(self)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except ValueError:
            raise ValidationError(
                _("Skriv et telefonnummer med 8 cifre, fx 12 34 56 78, eller med landekode, fx +46 70 123 45 67.")
            ) from None

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class MoveForm(forms.Form):
    slot = SlotChoiceField(
        label=_("Vælg en ny tid"),
        queryset=Slot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Vælg en ny tid."),
            "invalid_choice": _("Den tid er ikke ledig mere. Vælg en anden tid."),
        },
    )

    def __init__(self, *args: Any, slots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots  # type: ignore[attr-defined]
        style(self)


class PublishSlotsForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": _("Vælg et team.")},
    )
    on = forms.DateField(
        label=_("Dag"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-input input-width-s"}),
        error_messages={"required": _("Vælg en dag."), "invalid": _("Skriv datoen som dd-mm-åååå.")},
    )
    start = forms.TimeField(
        label=_("Fra kl."),
        initial=time(13, 0),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "form-input input-width-xs"}),
        error_messages={"required": _("Skriv, hvornår tiderne begynder."), "invalid": _("Skriv tiden som tt:mm.")},
    )
    end = forms.TimeField(
        label=_("Til kl."),
        initial=time(15, 0),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "form-input input-width-xs"}),
        error_messages={"required": _("Skriv, hvornår tiderne slutter."), "invalid": _("Skriv tiden som tt:mm.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("Hver tid varer"),
        coerce=int,
        choices=[(10, _("10 minutter")), (15, _("15 minutter")), (20, _("20 minutter")), (30, _("30 minutter"))],
        initial=15,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk
        style(self)

    def clean_on(self) -> Any:
        day = self.cleaned_data["on"]
        if day < timezone.localdate():
            raise ValidationError(_("Vælg en dag i dag eller senere."))
        if day.weekday() >= 5 or day in closed_days(day.year):
            raise ValidationError(_("Den dag har kommunen lukket. Vælg en hverdag."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Sluttiden skal være efter starttiden."))
        return data


class CounsellingHoursForm(forms.ModelForm[CounsellingHours]):
    class Meta:
        model = CounsellingHours
        fields = [
            "area",
            "title",
            "description",
            "place",
            "address",
            "weekday",
            "start_time",
            "end_time",
            "every_weeks",
            "starts_on",
            "ends_on",
            "is_drop_in",
            "booking_minutes",
            "team",
            "is_active",
        ]
        widgets = {
            "start_time": forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "form-input input-width-xs"}),
            "end_time": forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "form-input input-width-xs"}),
            "starts_on": forms.DateInput(
                format="%Y-%m-%d", attrs={"type": "date", "class": "form-input input-width-s"}
            ),
            "ends_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-input input-width-s"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        # The model's "hver hvilken uge" is hard to read as a question; the form asks it plainly.
        labels = {"every_weeks": _("Hvor mange uger er der mellem gangene?")}
        error_messages = {
            "area": {"required": _("Vælg et lokalområde.")},
            "title": {"required": _("Skriv, hvad man kan få hjælp til.")},
            "place": {"required": _("Skriv stedet, fx Assentoft Bibliotek.")},
            "address": {"required": _("Skriv stedets adresse.")},
            "weekday": {"required": _("Vælg en ugedag.")},
            "start_time": {
                "required": _("Skriv, hvornår rådgivningen begynder."),
                "invalid": _("Skriv tiden som tt:mm."),
            },
            "end_time": {"required": _("Skriv, hvornår rådgivningen slutter."), "invalid": _("Skriv tiden som tt:mm.")},
            "starts_on": {"required": _("Skriv den første dato."), "invalid": _("Skriv datoen som dd-mm-åååå.")},
            "ends_on": {"invalid": _("Skriv datoen som dd-mm-åååå.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.all()  # type: ignore[attr-defined]
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Sluttiden skal være efter starttiden."))
        every = data.get("every_weeks")
        if every is not None and not 1 <= every <= MAX_EVERY_WEEKS:
            self.add_error("every_weeks", _("Skriv et tal fra 1 til %(max)s.") % {"max": MAX_EVERY_WEEKS})
        minutes = data.get("booking_minutes")
        low, high = BOOKING_MINUTES_RANGE
        if minutes is not None and not low <= minutes <= high:
            self.add_error(
                "booking_minutes", _("En tid varer fra %(low)s til %(high)s minutter.") % {"low": low, "high": high}
            )
        if not data.get("is_drop_in") and minutes is None:
            self.add_error(
                "is_drop_in", _("Vælg, at man kan komme uden tid, eller skriv, hvor lange tider man kan bestille.")
            )
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Den sidste dato skal være efter den første."))
        return data
