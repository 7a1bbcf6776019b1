from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.forms import style

from .models import GuideVersion


class GuideVersionForm(forms.ModelForm):
    """The words of a guide page; saving makes a new version, which is not yet public."""

    class Meta:
        model = GuideVersion
        fields = ["title", "body"]
        labels = {"title": _("Overskrift"), "body": _("Tekst")}
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        error_messages = {
            "title": {
                "required": _("Skriv en overskrift."),
                "max_length": _("Overskriften må højst være %(limit_value)d tegn."),
            },
            "body": {"required": _("Skriv teksten."), "max_length": _("Teksten må højst være %(limit_value)d tegn.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)
