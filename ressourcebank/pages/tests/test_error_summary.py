"""The error summary at the top of a form that did not validate (templates/components/form_errors.html)."""

import re
from typing import Any

import pytest
from django.urls import reverse

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
