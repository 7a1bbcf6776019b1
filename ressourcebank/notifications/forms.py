from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hvornår vil du have en mail, når der sker noget?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Du kan altid se det nye under “Nyt”, når du er logget ind."),
        error_messages={"required": _("Vælg en af mulighederne."), "invalid_choice": _("Vælg en af mulighederne.")},
    )
