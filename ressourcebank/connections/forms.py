"""Forms of a connection: ask, answer, write, record hours, thank, accept the declaration."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style
from ressourcebank.lib.limits import max_length
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import MAX_CAPACITY, Offer

from .models import MAX_HOURS, MIN_HOURS, HoursEntry, Message, Thanks

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
        max_length=max_length(Message, "body"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Skriv en besked."),
            "max_length": _("Beskeden må højst være %(limit_value)d tegn. Den er %(show_value)d tegn."),
        },
    )


class ShareForm(forms.Form):
    share_email = forms.BooleanField(label=_("Vis min e-mail, når vi har aftalt det"), required=False, initial=True)
    share_phone = forms.BooleanField(
        label=_("Vis mit telefonnummer, når vi har aftalt det"),
        required=False,
        help_text=_("Dit telefonnummer skriver du på Min side under “Mine oplysninger”."),
    )


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


def declaration_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Jeg har læst teksten og lover at overholde tavshedspligten"),
        error_messages={"required": _("Sæt kryds, hvis du vil acceptere.")},
    )


def ask_for_declaration(form: forms.Form, needs_declaration: bool) -> None:
    """A volunteer who has not yet accepted the declaration accepts it on the same form as their
    first yes, so nothing they wrote is lost on the way (the view records it first)."""
    if needs_declaration:
        form.fields["accept_declaration"] = declaration_field()


class AcceptForm(ShareForm):
    message = message_field(_("Besked til den, der spurgte"))
    reserved_hours = forms.DecimalField(
        label=_("Hvor mange timer i perioden sætter du af til det?"),
        min_value=MIN_HOURS,
        max_value=Decimal(MAX_CAPACITY),
        max_digits=6,
        decimal_places=2,
        initial=1,
        error_messages=HOURS_ERRORS,
        localize=True,  # "1,5" as Danes write it; "1.5" works too
    )

    field_order = ["message", "reserved_hours", "share_email", "share_phone"]

    def __init__(self, *args: Any, is_quota: bool, needs_declaration: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_quota:
            del self.fields["reserved_hours"]
        ask_for_declaration(self, needs_declaration)
        style(self)


class OfferHelpForm(ShareForm):
    """ "Jeg kan hjælpe" on a public need: which of my offers, and a few words to the citizen."""

    offer = forms.ModelChoiceField(
        label=_("Hvilket af dine tilbud kan hjælpe?"),
        queryset=Offer.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Vælg et af dine tilbud."),
            "invalid_choice": _("Vælg et af dine tilbud."),
        },
    )
    message = message_field(_("Skriv kort, hvordan du kan hjælpe"), required=True)

    field_order = ["offer", "message", "share_email", "share_phone"]

    def __init__(self, *args: Any, offers: QuerySet[Any], needs_declaration: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers  # type: ignore[attr-defined]
        if len(offers) == 1:
            self.fields["offer"].initial = offers[0].pk
        ask_for_declaration(self, needs_declaration)
        style(self)


class DeclineForm(forms.Form):
    message = message_field(_("Besked til den, der spurgte"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


# The connection page shows the message, hours and thank-you forms together: each gets its own
# ids (auto_id), so no two fields share one and every label leads to its own box. The field
# names stay as they are, so what is posted does not change.


class MessageForm(forms.Form):
    body = message_field(_("Skriv en besked"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_message_%s")
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
        max_length=max_length(HoursEntry, "note"),
        error_messages={"max_length": _("Noten må højst være %(limit_value)d tegn.")},
    )


class HoursForm(forms.Form):
    given_on = forms.DateField(
        label=_("Dato"),
        # <input type="date"> takes only ISO yyyy-mm-dd; a localised "01.12.2026" is thrown away
        # by the browser, leaving the field empty. The browser shows the date the Danish way.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Skriv datoen."), "invalid": _("Skriv en dato, fx 24-11-2025.")},
    )
    hours = QuarterHoursField(_("Timer"), _("Fx 1,5 for halvanden time."))
    note = note_field(_("Kort note"))

    def __init__(self, *args: Any, earliest: "date | None" = None, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"given_on": today})
        kwargs.setdefault("auto_id", "id_hours_%s")
        super().__init__(*args, **kwargs)
        # The same bounds record_hours holds to, so the date picker offers only days that work.
        attrs = self.fields["given_on"].widget.attrs
        attrs["max"] = today.isoformat()
        if earliest is not None:
            attrs["min"] = earliest.isoformat()
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
        label=_("Skriv et par ord til tak"),
        max_length=max_length(Thanks, "body"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv et par ord, fx “Tusind tak for hjælpen”."),
            "max_length": _("Højst %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_thanks_%s")
        super().__init__(*args, **kwargs)
        style(self)


class DeclarationForm(forms.Form):
    accept = declaration_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
