"""Forms of a connection: ask, answer, write, record hours, thank, accept the declaration."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.needs.models import Need
from ressourcebank.offers.forms import style

from .models import MAX_HOURS, MIN_HOURS

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise

HOURS_ERRORS = {
    "required": _("Skriv antal timer."),
    "invalid": _("Skriv et tal, fx 1,5."),
    "min_value": _("Skriv mindst 0,25 timer (et kvarter)."),
    "max_value": _("Skriv højst %(limit_value)s timer."),
    "max_decimal_places": _("Skriv timerne i hele kvarter, fx 1,5 eller 0,75."),
    "max_digits": _("Skriv et mindre tal."),
}


def message_field(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv en besked."),
            "max_length": _("Beskeden må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )


class ShareForm(forms.Form):
    share_email = forms.BooleanField(label=_("Vis min e-mail, når vi har aftalt det"), required=False, initial=True)
    share_phone = forms.BooleanField(label=_("Vis mit telefonnummer, når vi har aftalt det"), required=False)


class AskForm(ShareForm):
    need = forms.ModelChoiceField(
        label=_("Hvilket af dine behov handler det om?"),
        queryset=Need.objects.none(),
        required=False,
        empty_label=_("Ikke et bestemt behov"),
        error_messages={"invalid_choice": _("Vælg et af dine åbne behov.")},
    )
    message = message_field(_("Skriv kort, hvad du gerne vil have hjælp til"))

    field_order = ["need", "message", "share_email", "share_phone"]

    def __init__(self, *args: Any, needs: QuerySet[Need], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs  # type: ignore[attr-defined]
        if not needs.exists():
            del self.fields["need"]
        style(self)


class AcceptForm(ShareForm):
    message = message_field(_("Besked til den, der spurgte"))
    reserved_hours = forms.DecimalField(
        label=_("Hvor mange timer i perioden sætter du af til det?"),
        min_value=MIN_HOURS,
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
        initial=1,
        error_messages=HOURS_ERRORS,
        localize=True,  # "1,5" as Danes write it; "1.5" works too
    )

    field_order = ["message", "reserved_hours", "share_email", "share_phone"]

    def __init__(self, *args: Any, is_quota: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_quota:
            del self.fields["reserved_hours"]
        style(self)


class DeclineForm(forms.Form):
    message = message_field(_("Besked til den, der spurgte"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class MessageForm(forms.Form):
    body = message_field(_("Skriv en besked"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class QuarterHoursField(forms.DecimalField):
    """Hours as Danes write them ("1,5"; "1.5" works too), in whole quarters of an hour."""

    def __init__(self, label: "StrOrPromise", help_text: "StrOrPromise") -> None:
        super().__init__(
            label=label,
            min_value=MIN_HOURS,
            max_value=MAX_HOURS,
            max_digits=5,
            decimal_places=2,
            help_text=help_text,
            error_messages=HOURS_ERRORS,
            localize=True,
        )

    def clean(self, value: Any) -> Decimal:
        hours: Decimal = super().clean(value)
        if (hours * 4) % 1:
            raise forms.ValidationError(HOURS_ERRORS["max_decimal_places"])
        return hours


def note_field(label: "StrOrPromise") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        error_messages={"max_length": _("Noten må højst være %(limit_value)d tegn.")},
    )


class HoursForm(forms.Form):
    given_on = forms.DateField(
        label=_("Dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Skriv datoen."), "invalid": _("Skriv en dato, fx 24-11-2025.")},
    )
    hours = QuarterHoursField(_("Timer"), _("Fx 1,5 for halvanden time."))
    note = note_field(_("Kort note"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style(self)


class HoursCorrectionForm(forms.Form):
    """Takes back hours recorded by mistake; the original entry stays as it was."""

    hours = QuarterHoursField(_("Timer, der skal trækkes fra"), _("Fx 0,5, hvis du skrev en halv time for meget."))
    note = note_field(_("Hvorfor?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ThanksForm(forms.Form):
    body = forms.CharField(
        label=_("Vil du skrive et par ord?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Højst %(limit_value)d tegn.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class DeclarationForm(forms.Form):
    accept = forms.BooleanField(
        label=_("Jeg har læst teksten og lover at overholde tavshedspligten"),
        error_messages={"required": _("Sæt kryds, hvis du vil acceptere.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
