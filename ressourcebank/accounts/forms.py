"""Forms for accounts and organisations. Every message is plain Danish and shown beside its field."""

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style
from ressourcebank.lib.limits import max_length

from .mail import queue_password_reset
from .models import API_TOKEN_NAME_LENGTH, ApiToken, Organisation, User, validate_cvr

# Django's own texts are correct but long; these say the same in plainer words.
PASSWORD_MESSAGES = {
    "password_too_short": _("Adgangskoden er for kort. Den skal have mindst %(min_length)d tegn."),
    "password_too_common": _("Adgangskoden er for nem at gætte. Vælg en anden, fx tre ord i træk."),
    "password_entirely_numeric": _("Adgangskoden må ikke kun være tal. Brug også bogstaver."),
    "password_too_similar": _("Adgangskoden ligner dit navn eller din e-mail for meget. Vælg en anden."),
}


def plain_password_errors(error: ValidationError) -> list[str]:
    messages = []
    for item in error.error_list:
        template = PASSWORD_MESSAGES.get(item.code or "")
        if template is None:
            messages.extend(item.messages)
        else:
            messages.append(str(template) % item.params if item.params and "%(" in str(template) else str(template))
    return messages


def validate_password_plainly(password: str, user: User | None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError(plain_password_errors(error)) from error


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=max_length(User, "name"),
        help_text=_("Fornavn og efternavn. Andre ser kun dit fornavn."),
        error_messages={"required": _("Skriv dit navn.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-input"}),
    )
    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=max_length(User, "email"),
        help_text=_("Vi sender en mail, så du kan bekræfte, at det er din."),
        error_messages={
            "required": _("Skriv din e-mail."),
            "invalid": _("Skriv en rigtig e-mail, fx navn@eksempel.dk."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-input"}),
    )
    password = forms.CharField(
        label=_("Vælg en adgangskode"),
        strip=False,
        max_length=128,
        help_text=_("Mindst 10 tegn. Tip: tre ord i træk er let at huske og svært at gætte."),
        error_messages={"required": _("Vælg en adgangskode.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-input"}, render_value=False),
    )

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("Der findes allerede en konto med den e-mail. Log ind, eller få en ny adgangskode."),
                code="email_taken",
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            candidate = User(name=cleaned.get("name", ""), email=cleaned.get("email", ""))
            try:
                validate_password_plainly(password, candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(AuthenticationForm):
    """Django's login form (it passes the request on, which django-axes needs), in plain Danish.

    The field keeps the name "username" because AXES_USERNAME_FORM_FIELD reads it.
    """

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=max_length(User, "email"),
        error_messages={"required": _("Skriv din e-mail."), "invalid": _("Skriv en rigtig e-mail.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True, "class": "form-input"}),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        error_messages={"required": _("Skriv din adgangskode.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-input"}),
    )
    error_messages = {
        "invalid_login": _(
            "E-mail eller adgangskode passer ikke. Prøv igen, eller få en ny adgangskode, hvis du har glemt den."
        ),
        "inactive": _("Kontoen er lukket. Kontakt kommunen, hvis det er en fejl."),
    }


class ResetRequestForm(PasswordResetForm):
    """Queues the reset mail in the outbox: a mail server that is slow or down is never an error here,
    and the link is made when the mail is sent, so it is stored nowhere (accounts.mail)."""

    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=max_length(User, "email"),
        error_messages={"required": _("Skriv din e-mail."), "invalid": _("Skriv en rigtig e-mail.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-input"}),
    )

    def save(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Django's answer is the same whether or not the address has an account; so is ours."""
        for user in self.get_users(self.cleaned_data["email"]):
            queue_password_reset(user)


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Ny adgangskode")
        self.fields["new_password1"].help_text = _("Mindst 10 tegn. Tip: tre ord i træk.")
        self.fields["new_password2"].label = _("Skriv den nye adgangskode igen")
        self.fields["new_password2"].help_text = ""
        self.error_messages = {**self.error_messages, "password_mismatch": _("De to adgangskoder er ikke ens.")}
        style(self)

    def validate_password_for_user(self, user: Any, password_field_name: str = "password2") -> None:  # noqa: S107
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                validate_password_plainly(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, error)


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Din nuværende adgangskode")
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Din nuværende adgangskode passer ikke. Prøv igen."),
        }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Koden fra appen"),
        help_text=_("6 cifre. Koden skifter hvert 30. sekund."),
        max_length=12,
        error_messages={"required": _("Skriv koden fra appen.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "form-input input-width-s",
            }
        ),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s+", "", self.cleaned_data["token"])
        if not re.fullmatch(r"\d{6}", token):
            raise ValidationError(_("Koden skal være 6 cifre."), code="format")
        return token


class OrganisationForm(forms.ModelForm):
    # Longer than the 8 stored digits, so "12 34 56 78" is accepted and cleaned rather than refused.
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=20, required=False)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "cvr", "contact_name", "contact_phone", "description", "website"]
        labels = {
            "name": _("Navn"),
            "kind": _("Er I en virksomhed eller en forening?"),
            "cvr": _("CVR-nummer"),
            "contact_name": _("Kontaktperson"),
            "contact_phone": _("Kontaktpersonens telefon"),
            "description": _("Fortæl kort om jer"),
            "website": _("Hjemmeside"),
        }
        help_texts = {
            "cvr": _("8 cifre. En virksomhed skal have et. Kan udelades for en lille forening."),
            "contact_name": _("Den, kommunen kan ringe til om jeres tilbud og pladser."),
            "description": _("Hvad laver I, og hvad kan I hjælpe med? Højst 2000 tegn."),
            "website": _("Fx https://www.eksempel.dk"),
        }
        error_messages = {
            "name": {"required": _("Skriv navnet på virksomheden eller foreningen.")},
            "kind": {"required": _("Vælg virksomhed eller forening.")},
            "website": {"invalid": _("Skriv en hel adresse, fx https://www.eksempel.dk")},
        }
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "form-radio"}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].error_messages["max_length"] = _("Telefonnummeret er for langt.")
        self.fields["kind"].choices = Organisation.Kind.choices  # type: ignore[attr-defined]  # no empty radio
        for name, field in self.fields.items():
            if name != "kind":
                field.widget.attrs.setdefault("class", "form-input")
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric", "class": "form-input input-width-s"})

    def clean_cvr(self) -> str:
        cvr = re.sub(r"[\s-]+", "", self.cleaned_data.get("cvr") or "")
        if cvr.upper().startswith("DK"):
            cvr = cvr[2:]
        if cvr:
            validate_cvr(cvr)
        return cvr

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Organisation.Kind.BUSINESS and not cleaned.get("cvr") and "cvr" not in self.errors:
            self.add_error("cvr", _("Skriv virksomhedens CVR-nummer. Det er 8 cifre."))
        return cleaned

    def clean_description(self) -> str:
        description = self.cleaned_data.get("description") or ""
        if len(description) > max_length(Organisation, "description"):
            raise ValidationError(_("Teksten er for lang. Skriv højst 2000 tegn."))
        return description.strip()


class InviteMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Personens e-mail"),
        max_length=max_length(User, "email"),
        help_text=_("Personen får en invitation og bliver først medlem, når hun har sagt ja."),
        error_messages={"required": _("Skriv personens e-mail."), "invalid": _("Skriv en rigtig e-mail.")},
        widget=forms.EmailInput(attrs={"class": "form-input"}),
    )
    is_admin = forms.BooleanField(
        label=_("Må også invitere andre"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class ApiTokenForm(forms.Form):
    LIFETIMES = [("30", _("30 dage")), ("90", _("90 dage")), ("365", _("Et år"))]

    name = forms.CharField(
        label=_("Hvad skal nøglen bruges til?"),
        max_length=API_TOKEN_NAME_LENGTH,
        help_text=_("Et navn, du kan kende den på, fx 'Foreningens hjemmeside'."),
        error_messages={
            "required": _("Giv nøglen et navn."),
            "max_length": _("Navnet er for langt. Skriv højst %(limit_value)d tegn."),
        },
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    scope = forms.ChoiceField(
        label=_("Hvad må nøglen?"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text=_("Vælg kun at læse, hvis programmet ikke skal ændre noget."),
        error_messages={"required": _("Vælg, hvad nøglen må."), "invalid_choice": _("Vælg, hvad nøglen må.")},
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    lifetime = forms.ChoiceField(
        label=_("Hvor længe skal den gælde?"),
        choices=LIFETIMES,
        initial="90",
        help_text=_("Derefter holder den op med at virke, og du laver en ny."),
        error_messages={
            "required": _("Vælg, hvor længe nøglen gælder."),
            "invalid_choice": _("Vælg en af mulighederne."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Giv nøglen et navn."), code="required")
        return name


class ProfileForm(forms.Form):
    """The name others see and the phone number a person may choose to show on a connection."""

    name = forms.CharField(
        label=_("Dit navn"),
        max_length=max_length(User, "name"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-input"}),
        error_messages={"required": _("Skriv dit navn.")},
    )
    phone = forms.CharField(
        label=_("Telefonnummer"),
        required=False,
        max_length=max_length(User, "phone"),
        help_text=_(
            "Vises kun, når du selv sætter kryds i “Vis mit telefonnummer” ved en forespørgsel, "
            "og den anden har sagt ja."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel", "class": "form-input input-width-m"}
        ),
        error_messages={"max_length": _("Telefonnummeret er for langt.")},
    )

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return ""
        digits = re.sub(r"[\s\-]", "", phone)
        if not re.fullmatch(r"\+?\d+", digits):
            raise ValidationError(_("Skriv telefonnummeret med cifre, fx 12 34 56 78 eller +45 12 34 56 78."))
        international = digits.startswith(("+", "00"))
        if not international and len(digits) != 8:
            raise ValidationError(_("Et dansk telefonnummer har 8 cifre, fx 12 34 56 78."))
        if international and not 8 <= len(digits.lstrip("+")) <= 15:
            raise ValidationError(_("Skriv telefonnummeret med landekode, fx +45 12 34 56 78."))
        return phone
