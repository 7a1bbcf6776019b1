from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AuditEvent
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "description": "Jeg har brug for hjælp til at handle ind om torsdagen.",
        "area": Area.objects.get(slug="assentoft").pk,
        "title": "",
        "category": "",
        "urgency": "low",
        "visibility": "public",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_need(alice: Any) -> Any:
    def make(**fields: Any) -> Need:
        fields.setdefault("owner", alice)
        fields.setdefault("description", "Hjælp til at handle ind om torsdagen.")
        fields.setdefault("area", Area.objects.get(slug="assentoft"))
        fields.setdefault("visibility", Need.Visibility.PUBLIC)
        return Need.objects.create(**fields)

    return make


# --- Creating -------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client: Any) -> None:
    response = client.get(reverse("needs:create"))
    assert response.status_code == 302
    assert "next=/behov/nyt/" in response["Location"]


def test_citizen_describes_a_need_in_her_own_words(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert "Skriv med dine egne ord" in client.get(reverse("needs:create")).content.decode()
    response = client.post(reverse("needs:create"), form_data(), follow=True)
    need = Need.objects.get()
    assert response.redirect_chain[-1][0] == need.get_absolute_url()
    assert (need.owner, need.visibility, need.status) == (alice, "public", "open")
    assert "ikke dit navn" in response.content.decode()


def test_description_is_required_and_input_is_kept(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.post(reverse("needs:create"), form_data(description="", title="Indkøb", visibility="hemmelig"))
    html = response.content.decode()
    assert "Skriv kort, hvad du har brug for hjælp til." in html
    assert "Vælg en af mulighederne." in html
    assert 'value="Indkøb"' in html
    assert not Need.objects.exists()


def test_double_submit_creates_one_need(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    client.post(reverse("needs:create"), form_data())
    client.post(reverse("needs:create"), form_data())
    assert Need.objects.count() == 1


def test_coordinator_registers_a_need_for_a_citizen_without_an_account(
    client: Any, login: Any, dorte: Any, alice: Any
) -> None:
    login(client, dorte)
    response = client.post(reverse("needs:register_for_citizen"), form_data(citizen_name="Hans Hansen"))
    need = Need.objects.get()
    assert response["Location"] == need.get_absolute_url()
    assert (need.coordinator, need.owner, need.citizen_name) == (dorte, None, "Hans Hansen")
    assert "Hans Hansen" in client.get(need.get_absolute_url()).content.decode()

    client.logout()
    assert "Hans Hansen" not in client.get(need.get_absolute_url()).content.decode()
    login(client, alice)
    assert "Hans Hansen" not in client.get(need.get_absolute_url()).content.decode()


def test_registering_for_a_citizen_needs_the_name(client: Any, login: Any, dorte: Any) -> None:
    login(client, dorte)
    response = client.post(reverse("needs:register_for_citizen"), form_data())
    assert "Skriv borgerens navn" in response.content.decode()
    assert not Need.objects.exists()


def test_citizen_cannot_register_for_someone_else(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert client.get(reverse("needs:register_for_citizen")).status_code == 403


# --- Seeing ---------------------------------------------------------------------------------


def test_public_need_shows_area_and_text_but_never_the_name(client: Any, make_need: Any, alice: Any) -> None:
    need = make_need(title="<i>Indkøb</i>")
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Hjælp til at handle ind" in html
    assert "Assentoft" in html
    assert "Alice" not in html
    assert alice.email not in html
    assert "&lt;i&gt;Indkøb&lt;/i&gt;" in html


def test_staff_only_need_is_hidden_from_the_public_and_outsiders(
    client: Any, login: Any, make_need: Any, olga: Any
) -> None:
    need = make_need(visibility=Need.Visibility.STAFF)
    assert client.get(need.get_absolute_url()).status_code == 404
    login(client, olga)
    assert client.get(need.get_absolute_url()).status_code == 404


def test_staff_reading_a_staff_only_need_is_logged(client: Any, login: Any, make_need: Any, erik: Any) -> None:
    need = make_need(visibility=Need.Visibility.STAFF)
    login(client, erik)
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Alice Andersen" in html
    assert AuditEvent.objects.filter(actor=erik, verb="read", target_id=str(need.pk)).count() == 1


def test_owner_reading_her_own_need_is_not_logged(client: Any, login: Any, make_need: Any, alice: Any) -> None:
    need = make_need(visibility=Need.Visibility.STAFF)
    login(client, alice)
    assert client.get(need.get_absolute_url()).status_code == 200
    assert not AuditEvent.objects.exists()


def test_closed_need_is_hidden_from_the_public(client: Any, make_need: Any) -> None:
    need = make_need(status=Need.Status.CLOSED)
    assert client.get(need.get_absolute_url()).status_code == 404


# --- Changing -------------------------------------------------------------------------------


def test_owner_edits_closes_and_reopens(client: Any, login: Any, make_need: Any, alice: Any) -> None:
    need = make_need()
    login(client, alice)
    client.post(reverse("needs:edit", args=[need.pk]), form_data(description="Nu om fredagen.", visibility="staff"))
    need.refresh_from_db()
    assert (need.description, need.visibility) == ("Nu om fredagen.", "staff")
    client.post(reverse("needs:close", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED
    client.post(reverse("needs:reopen", args=[need.pk]))
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


def test_others_cannot_edit_or_close_a_need(
    client: Any, login: Any, make_need: Any, olga: Any, erik: Any, dorte: Any
) -> None:
    need = make_need()
    for user in (olga, erik, dorte):
        login(client, user)
        assert client.get(reverse("needs:edit", args=[need.pk])).status_code == 404
        assert client.post(reverse("needs:close", args=[need.pk])).status_code == 404
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


def test_close_by_get_changes_nothing(client: Any, login: Any, make_need: Any, alice: Any) -> None:
    need = make_need()
    login(client, alice)
    assert client.get(reverse("needs:close", args=[need.pk])).status_code == 405


def test_anonymous_cannot_close(client: Any, make_need: Any) -> None:
    need = make_need()
    response = client.post(reverse("needs:close", args=[need.pk]))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


# --- Browsing -------------------------------------------------------------------------------


def test_need_list_shows_public_needs_without_names(client: Any, make_need: Any, alice: Any) -> None:
    make_need(description="Hjælp til havearbejde i Assentoft.")
    make_need(description="Hemmeligt behov.", visibility=Need.Visibility.STAFF)
    from ressourcebank.needs.indexing import index_needs

    index_needs(Need.objects.values_list("pk", flat=True))
    html = client.get(reverse("needs:list")).content.decode()
    assert "Hjælp til havearbejde" in html
    assert "Hemmeligt behov" not in html
    assert "Alice" not in html


def test_need_list_answers_odd_parameters_gracefully(client: Any) -> None:
    response = client.get(reverse("needs:list"), {"page": "abc", "category": "findes-ikke", "area": "<x>"})
    assert response.status_code == 200
