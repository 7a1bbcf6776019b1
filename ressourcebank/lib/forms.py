"""Form helpers every app's forms and views share. No app's models are imported here."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def style(form: forms.BaseForm) -> None:
    """DKFDS classes on the widgets, and the browser's own length limit from each field's
    max_length; radios and checkboxes are laid out by components/field.html."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            widget.attrs.setdefault("class", "form-radio")
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-checkbox")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-input")
        max_length = getattr(field, "max_length", None)
        if max_length:
            widget.attrs.setdefault("maxlength", str(max_length))


def needed_for_some_choices(form: forms.BaseForm, *names: str) -> None:
    """Marks fields the form's clean() requires for some answers only (an e-mail when the reply
    comes by e-mail): components/field.html does not call them "(valgfrit)", which would contradict
    the hint that says when they are needed."""
    for name in names:
        setattr(form.fields[name], "needed_for_some_choices", True)  # noqa: B010 - not a declared attribute


class QuickSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template of its own,
    which for the search form's 40 options was a large share of the search page (issue 9)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html(
            "<select{}>{}</select>", flatatt({**self.build_attrs(self.attrs, attrs), "name": name}), options
        )


def add_action_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Puts an action's refusal on the form: each message on the field the action named
    (`ValidationError({"field": …})`), or above the form when it named none or a field the form lacks."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
