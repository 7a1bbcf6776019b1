"""Form helpers every app's forms and views share. No app's models are imported here."""

from django import forms
from django.core.exceptions import ValidationError


def add_action_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Puts an action's refusal on the form: each message on the field the action named
    (`ValidationError({"field": …})`), or above the form when it named none or a field the form lacks."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
