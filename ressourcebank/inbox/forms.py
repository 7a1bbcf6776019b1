"""The citizen's forms (write, reply) and the staff's (answer, note, assign, pause, hand over).
Limits come from the models and the attachment rule table."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ressourcebank.accounts.models import User
from ressourcebank.lib.forms import needed_for_some_choices, style
from ressourcebank.lib.limits import max_length
from ressourcebank.lib.phone import normalise_phone

from . import attachments
from .models import AnswerBy, ClockPause, Inquiry, Message, Team, Topic

MESSAGE_MAX = max_length(Message, "body")


def is_phone_number(value: str) -> bool:
    """A number an SMS can reach: 8 Danish digits, or an international one ("+45 12 34 56 78")."""
    try:
        normalise_phone(value)
    except ValueError:
        return False
    return True


PHONE_ERROR = gettext_lazy("Skriv et telefonnummer med mindst 8 cifre, fx 12 34 56 78.")


def _style(form: forms.BaseForm) -> None:
    """DKFDS classes, as on the other forms; a file field keeps the browser's own look."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.ClearableFileInput):
            field.widget.attrs.setdefault("class", "form-file")
    style(form)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to N files, each a PDF or an image by its content, each within the size limit."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(
            [t.content_type for t in attachments.accepted_types()]
            + [f".{t.extension}" for t in attachments.accepted_types()]
        )

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > attachments.max_files():
            raise forms.ValidationError(_("Du kan sende højst %(n)d filer.") % {"n": attachments.max_files()})
        limit = attachments.max_file_bytes()
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("Filen %(name)s er for stor. Den må højst fylde %(mb)d MB.")
                    % {"name": upload.name, "mb": limit // (1024 * 1024)}
                )
            if attachments.detect_type(upload.file) is None:
                raise forms.ValidationError(
                    _("Filen %(name)s er ikke en PDF eller et billede. Vi kan tage imod: %(types)s.")
                    % {"name": upload.name, "types": attachments.accepted_names()}
                )
        return files


def attachments_hint() -> str:
    return _("Fx et brev, du har fået, eller et billede. Højst %(n)d filer på højst %(mb)d MB hver: %(types)s.") % {
        "n": attachments.max_files(),
        "mb": attachments.max_file_bytes() // (1024 * 1024),
        "types": attachments.accepted_names(),
    }


class InquiryForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Hvad handler det om?"),
        queryset=Topic.objects.none(),
        empty_label=gettext_lazy("Vælg et emne"),
        error_messages={
            "required": gettext_lazy("Vælg, hvad det handler om."),
            "invalid_choice": gettext_lazy("Vælg et af emnerne på listen."),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Skriv din besked"),
        help_text=gettext_lazy("Skriv med dine egne ord. Du behøver ikke skrive dit CPR-nummer."),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Skriv, hvad du vil fortælle eller spørge om.")},
    )
    attachments = AttachmentsField(label=gettext_lazy("Vedhæft filer"))
    answer_by = forms.ChoiceField(
        label=gettext_lazy("Hvordan vil du have svar?"),
        choices=AnswerBy.choices,
        widget=forms.RadioSelect,
        initial=AnswerBy.EMAIL,
        error_messages={"required": gettext_lazy("Vælg, hvordan du vil have svar.")},
    )
    name = forms.CharField(label=gettext_lazy("Dit navn"), max_length=max_length(Inquiry, "name"), required=False)
    email = forms.EmailField(
        label=gettext_lazy("Din e-mail"),
        max_length=max_length(Inquiry, "email"),
        required=False,
        help_text=gettext_lazy("Skal udfyldes, hvis du vil have svar på e-mail. Så får du også en kvittering."),
        error_messages={"invalid": gettext_lazy("Skriv en e-mail som navn@eksempel.dk.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Dit telefonnummer"),
        max_length=max_length(Inquiry, "phone"),
        required=False,
        help_text=gettext_lazy("Skal udfyldes, hvis vi skal ringe eller sende en SMS."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    # The honeypot: hidden from people (and screen readers), filled in by robots that fill in all.
    website = forms.CharField(required=False, label=gettext_lazy("Lad dette felt være tomt"))

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        topic.queryset = Topic.objects.for_citizens()
        self.fields["attachments"].help_text = attachments_hint()
        needed_for_some_choices(self, "email", "phone")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if user is not None and user.is_authenticated:
            self.fields["name"].initial = user.name
            self.fields["email"].initial = user.email
            self.fields["phone"].initial = user.phone
        _style(self)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not is_phone_number(phone):
            raise forms.ValidationError(PHONE_ERROR)
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer_by = data.get("answer_by")
        if answer_by == AnswerBy.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Skriv din e-mail, så vi kan svare dig på e-mail."))
        if answer_by in (AnswerBy.PHONE, AnswerBy.SMS) and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Skriv dit telefonnummer, så vi kan ringe eller sende en SMS."))
        return data


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Skriv igen"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Skriv din besked.")},
    )
    attachments = AttachmentsField(label=gettext_lazy("Vedhæft filer"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_hint()
        _style(self)


class StaffMessageForm(StyledForm):
    body = forms.CharField(
        label=gettext_lazy("Svar til borgeren"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Skriv en tekst.")},
    )


class NoteForm(StyledForm):
    note = forms.CharField(
        label=gettext_lazy("Intern note"),
        help_text=gettext_lazy("Kun medarbejdere kan se noten."),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Skriv en note.")},
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Sagsbehandler"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Ingen"),
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        people = inquiry.team.members.all() if inquiry.team else User.objects.filter(role__in=["staff", "admin"])
        # The one it is assigned to stays a choice even when outside the team (say, the citizen's
        # tovholder the message was routed to), so saving the form unchanged keeps them.
        people = people.filter(is_active=True)
        if inquiry.assigned_to_id is not None:
            people = people | User.objects.filter(pk=inquiry.assigned_to_id)
        field.queryset = people.distinct().order_by("name")
        field.initial = inquiry.assigned_to_id
        _style(self)


class PauseForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Hvorfor står svartiden stille?"),
        help_text=gettext_lazy("Fx: Vi venter på, at borgeren sender lønsedler."),
        max_length=max_length(ClockPause, "reason"),
        error_messages={"required": gettext_lazy("Skriv, hvorfor svartiden skal stå stille.")},
    )


class HandOverForm(forms.Form):
    team = forms.ModelChoiceField(
        label=gettext_lazy("Send videre til"),
        queryset=Team.objects.none(),
        empty_label=gettext_lazy("Vælg et team"),
        error_messages={"required": gettext_lazy("Vælg, hvilket team det skal videre til.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse til borgeren"),
        help_text=gettext_lazy("Borgeren kan læse den. Skriv kort og venligt, hvorfor det går videre."),
        max_length=300,
        error_messages={"required": gettext_lazy("Skriv, hvorfor henvendelsen skal videre. Borgeren får det at vide.")},
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = Team.objects.exclude(pk=inquiry.team_id) if inquiry.team_id else Team.objects.all()
        _style(self)


class HousingWarningForm(forms.Form):
    """A landlord or housing association tells the housing team that a tenant may need help (rent
    arrears, a neglected flat). No account needed; the writer's contact details are for the housing
    team's questions. They learn nothing back about the tenant."""

    class Kind(models.TextChoices):
        RENT_ARREARS = "rent_arrears", gettext_lazy("Lejeren skylder husleje")
        NEGLECT = "neglect", gettext_lazy("Lejligheden bliver ikke passet")
        OTHER = "other", gettext_lazy("Noget andet")

    organisation = forms.CharField(
        label=gettext_lazy("Udlejer eller boligselskab"),
        max_length=150,
        error_messages={"required": gettext_lazy("Skriv navnet på udlejeren eller boligselskabet.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Dit navn"),
        max_length=max_length(Inquiry, "name"),
        error_messages={"required": gettext_lazy("Skriv dit navn, så boligteamet ved, hvem de kan spørge.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Din e-mail"),
        max_length=max_length(Inquiry, "email"),
        required=False,
        error_messages={"invalid": gettext_lazy("Skriv en e-mail som navn@eksempel.dk.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Dit telefonnummer"),
        max_length=max_length(Inquiry, "phone"),
        required=False,
        help_text=gettext_lazy("Skriv mindst én af e-mail og telefonnummer."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    tenant_name = forms.CharField(
        label=gettext_lazy("Lejerens navn"),
        max_length=150,
        error_messages={"required": gettext_lazy("Skriv lejerens navn.")},
    )
    tenant_address = forms.CharField(
        label=gettext_lazy("Lejerens adresse"),
        max_length=200,
        help_text=gettext_lazy("Fx: Østervold 12, 2. th., 8900 Randers C"),
        error_messages={"required": gettext_lazy("Skriv lejerens adresse.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Hvad er du bekymret for?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Vælg, hvad du er bekymret for.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Fortæl kort, hvad du har set"),
        help_text=gettext_lazy("Skriv kun det, boligteamet har brug for. Fx hvor mange måneder lejen mangler."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Skriv kort, hvad du har set.")},
    )
    # The honeypot, as on "Skriv til kommunen".
    website = forms.CharField(required=False, label=gettext_lazy("Lad dette felt være tomt"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        _style(self)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not is_phone_number(phone):
            raise forms.ValidationError(PHONE_ERROR)
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not {"email", "phone"} & set(self.errors):
            self.add_error("email", _("Skriv din e-mail eller dit telefonnummer, så boligteamet kan spørge dig."))
        return data
