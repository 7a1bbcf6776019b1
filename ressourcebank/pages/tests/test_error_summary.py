"""The error summary at the top of a form that did not validate (templates/components/form_errors.html)."""

import re
from typing import Any

import pytest
from django import forms
from django.urls import reverse

from ressourcebank.pages.templatetags.site_tags import summary_line

pytestmark = pytest.mark.django_db


def test_each_error_in_the_summary_names_the_field_it_is_about(client: Any, alice: Any) -> None:
    # "Udfyld feltet." twice told a citizen that something was missing, not what: each link
    # in the summary now starts with the field's own label.
    client.force_login(alice)
    html = client.post(reverse("needs:create"), {"description": "", "area": ""}).content.decode()
    summary = html.split('class="alert-body"')[1].split("</ul>")[0]
    links = [re.sub(r"\s+", " ", text).strip() for text in re.findall(r'<a href="#id_[^"]+">(.*?)</a>', summary, re.S)]
    labels = [link.split(" – ")[0] for link in links]
    assert labels[:2] == ["Hvad har du brug for hjælp til?", "Hvor bor du?"]
    assert all(" – " in link and not link.endswith(" – ") for link in links)


def test_the_label_is_left_out_when_the_message_already_names_the_field() -> None:
    class BookingForm(forms.Form):
        slot = forms.CharField(label="Vælg en tid", error_messages={"required": "Vælg en tid."})
        name = forms.CharField(label="Dit navn", error_messages={"required": "Skriv dit navn."})
        title = forms.CharField(label="Kort navn på forløbet", error_messages={"required": "Udfyld feltet."})

    form = BookingForm({})
    assert [summary_line(form[name]) for name in ("slot", "name", "title")] == [
        "Vælg en tid.",
        "Skriv dit navn.",
        "Kort navn på forløbet – Udfyld feltet.",
    ]
