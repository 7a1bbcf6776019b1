from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.audit.models import AuditEvent
from ressourcebank.guide.models import GuidePage, GuideVersion
from ressourcebank.lib.plaintext import page_text

pytestmark = pytest.mark.django_db


def _edit(client: Any, slug: str, title: str, body: str) -> Any:
    return client.post(reverse("staff:guide_page", args=[slug]), {"title": title, "body": body})


def test_the_first_pages_come_from_the_data_migration_and_are_public(client: Any) -> None:
    response = client.get(reverse("guide:index"))
    text = response.content.decode()
    for title in ("Sådan er du en god besøgsven", "Tavshedspligt", "Børneattest", "Når du er bekymret for en anden"):
        assert title in text
    page = client.get(reverse("guide:page", args=["bekymret-for-nogen"])).content.decode()
    assert "underretning" in page
    assert '<a href="tel:+4589151515">89 15 15 15</a>' in page


def test_the_front_door_and_the_offer_form_lead_to_the_guide(client: Any, login: Any, alice: Any) -> None:
    assert reverse("guide:index") in client.get(reverse("pages:home")).content.decode()
    login(client, alice)
    assert reverse("guide:index") in client.get(reverse("offers:create")).content.decode()


def test_staff_save_a_new_version_that_waits_until_published(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = _edit(client, "besoegsven", "Besøgsven", "Kom til tiden.\n\n- Lyt\n- Drik kaffe")
    assert response["Location"] == reverse("staff:guide_version", args=["besoegsven", 2])
    version = GuideVersion.objects.get(page__slug="besoegsven", number=2)
    assert version.created_by == erik
    assert AuditEvent.objects.filter(
        verb="create", target_type="guide.guideversion", target_id=str(version.pk)
    ).exists()

    preview = client.get(response["Location"]).content.decode()
    assert "Prøvevisning af version 2" in preview
    assert "<ul><li>Lyt</li><li>Drik kaffe</li></ul>" in preview
    client.logout()
    public = client.get(reverse("guide:page", args=["besoegsven"])).content.decode()
    assert "Kom til tiden." not in public, "a preview does not publish"
    assert "Sådan er du en god besøgsven" in public


def test_staff_publish_a_version_and_go_back_to_an_earlier_one(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    _edit(client, "besoegsven", "Besøgsven", "Ny tekst.")
    response = client.post(reverse("staff:guide_publish", args=["besoegsven", 2]))
    assert response["Location"] == reverse("guide:page", args=["besoegsven"])
    assert "Ny tekst." in client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.filter(verb="update", target_type="guide.guidepage", note="version 2 offentliggjort")

    client.post(reverse("staff:guide_publish", args=["besoegsven", 1]))
    page = GuidePage.objects.get(slug="besoegsven")
    assert page.published_version is not None
    assert (page.published_version.number, page.published_version.copied_from.number) == (3, 1)
    assert [v.number for v in page.versions.all()] == [3, 2, 1], "every version is kept"
    public = client.get(reverse("guide:page", args=["besoegsven"])).content.decode()
    assert "Ny tekst." not in public
    assert "Sådan er du en god besøgsven" in public


def test_staff_create_a_page_that_is_a_draft_until_published(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = client.post(reverse("staff:guide_create"), {"title": "Når du kører for en anden", "body": "Kør roligt."})
    assert response["Location"] == reverse("staff:guide_version", args=["naar-du-koerer-for-en-anden", 1])
    assert client.get(reverse("guide:page", args=["naar-du-koerer-for-en-anden"])).status_code == 404
    client.post(reverse("staff:guide_publish", args=["naar-du-koerer-for-en-anden", 1]))
    assert client.get(reverse("guide:page", args=["naar-du-koerer-for-en-anden"])).status_code == 200


def test_an_empty_text_is_answered_in_danish_and_nothing_is_saved(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = _edit(client, "besoegsven", "Besøgsven", "")
    assert response.status_code == 200
    assert "Skriv teksten." in response.content.decode()
    assert "Besøgsven" in response.content.decode(), "the title typed is kept"
    assert GuideVersion.objects.filter(page__slug="besoegsven").count() == 1


def test_html_typed_by_staff_is_shown_as_text(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    _edit(client, "besoegsven", "Besøgsven", "<script>alert(1)</script>\n\n## <b>Overskrift</b>")
    preview = client.get(reverse("staff:guide_version", args=["besoegsven", 2])).content.decode()
    assert "<script>alert(1)</script>" not in preview
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview
    assert "<h2>&lt;b&gt;Overskrift&lt;/b&gt;</h2>" in preview


@pytest.mark.parametrize(
    "url",
    [
        reverse("staff:guide"),
        reverse("staff:guide_create"),
        reverse("staff:guide_page", args=["besoegsven"]),
        reverse("staff:guide_version", args=["besoegsven", 1]),
    ],
)
def test_only_staff_edit_the_guide(client: Any, login: Any, alice: Any, dorte: Any, erik: Any, url: str) -> None:
    assert client.get(url).status_code == 302  # to the login
    for user in (alice, dorte):
        login(client, user)
        assert client.get(url).status_code == 403
    login(client, erik)
    assert client.get(url).status_code == 200


def test_others_cannot_publish_or_go_back(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert client.post(reverse("staff:guide_publish", args=["besoegsven", 1])).status_code == 403
    assert client.post(reverse("staff:guide_page", args=["besoegsven"]), {"title": "x", "body": "y"}).status_code == 403
    assert GuideVersion.objects.filter(page__slug="besoegsven").count() == 1


def test_an_unknown_page_or_version_is_404(client: Any, login: Any, erik: Any) -> None:
    assert client.get(reverse("guide:page", args=["findes-ikke"])).status_code == 404
    login(client, erik)
    assert client.get(reverse("staff:guide_version", args=["besoegsven", 99])).status_code == 404


def test_plain_text_makes_paragraphs_headings_and_lists() -> None:
    html = page_text("Første.\nAnden linje.\n\n## Overskrift\n- et\n- to\nBagefter.")
    assert html == (
        "<p>Første.<br>Anden linje.</p>\n<h2>Overskrift</h2>\n<ul><li>et</li><li>to</li></ul>\n<p>Bagefter.</p>"
    )
