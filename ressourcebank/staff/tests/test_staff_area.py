from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import Organisation
from ressourcebank.audit.models import AuditEvent
from ressourcebank.offers.models import Offer
from ressourcebank.pages.models import Page
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    reverse("staff:home"),
    reverse("staff:moderation_queue"),
    reverse("staff:organisation_queue"),
    reverse("staff:taxonomy"),
    reverse("staff:category_create"),
    reverse("staff:area_create"),
    reverse("staff:contact_page"),
    reverse("staff:lexicon"),
    reverse("staff:hours"),
    reverse("staff:mail"),
]


def test_every_staff_screen_is_a_view_of_the_staff_app() -> None:
    """Staff screens live in one place, behind one require_staff: nothing under /staff/ comes from
    another app's views."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
        found = []
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                found.append((route, pattern.callback))
        return found

    staff_routes = [(route, view) for route, view in walk(get_resolver().url_patterns) if route.startswith("staff/")]
    assert len(staff_routes) > 10
    assert [route for route, view in staff_routes if not view.__module__.startswith("ressourcebank.staff.")] == []


@pytest.fixture
def pending_offer(make_offer: Any, alice: Any) -> Offer:
    return make_offer(owner=alice, status=Offer.Status.PENDING, requires_moderation=True)


@pytest.fixture
def new_organisation(db: Any) -> Organisation:
    return Organisation.objects.create(name="Vorup Boldklub", kind=Organisation.Kind.ASSOCIATION)


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_member_opens_every_staff_page(client: Any, login: Any, erik: Any, url: str) -> None:
    login(client, erik)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_anonymous_visitor_is_sent_to_log_in(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_citizen_and_coordinator_are_refused(client: Any, login: Any, alice: Any, dorte: Any, url: str) -> None:
    for user in (alice, dorte):
        login(client, user)
        assert client.get(url).status_code == 403


def test_staff_without_second_factor_is_sent_to_it(client: Any, erik: Any) -> None:
    client.force_login(erik)
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_admin_link_only_for_administrators(client: Any, login: Any, erik: Any, frida: Any) -> None:
    login(client, erik)
    assert "/admin/" not in client.get(reverse("staff:home")).content.decode()
    login(client, frida)
    assert "/admin/" in client.get(reverse("staff:home")).content.decode()


# --- Moderation -----------------------------------------------------------------------------


def test_staff_approves_a_pending_offer_and_it_goes_public(
    client: Any, login: Any, erik: Any, pending_offer: Offer
) -> None:
    login(client, erik)
    assert pending_offer.title in client.get(reverse("staff:moderation_queue")).content.decode()
    response = client.post(reverse("staff:offer_approve", args=[pending_offer.pk]))
    assert response["Location"] == reverse("staff:moderation_queue")
    pending_offer.refresh_from_db()
    assert pending_offer.status == Offer.Status.PUBLISHED
    event = AuditEvent.objects.get(verb="approve", target_id=str(pending_offer.pk))
    assert event.changes == {"status": ["pending", "published"]}
    client.logout()
    assert client.get(pending_offer.get_absolute_url()).status_code == 200


def test_reject_needs_a_reason_and_the_owner_sees_it(
    client: Any, login: Any, erik: Any, alice: Any, pending_offer: Offer
) -> None:
    login(client, erik)
    response = client.post(reverse("staff:offer_reject", args=[pending_offer.pk]), {"reason": "   "})
    assert "Skriv en begrundelse" in response.content.decode()
    pending_offer.refresh_from_db()
    assert pending_offer.status == Offer.Status.PENDING

    client.post(reverse("staff:offer_reject", args=[pending_offer.pk]), {"reason": "Skriv <b>hvor</b> i byen."})
    pending_offer.refresh_from_db()
    assert pending_offer.status == Offer.Status.REJECTED

    login(client, alice)
    html = client.get(pending_offer.get_absolute_url()).content.decode()
    assert "Skriv &lt;b&gt;hvor&lt;/b&gt; i byen." in html


def test_offer_waiting_for_child_check_is_in_the_queue_and_approval_keeps_it_hidden(
    client: Any, login: Any, erik: Any, make_offer: Any, alice: Any
) -> None:
    offer = make_offer(owner=alice, status="pending", requires_moderation=True, has_child_contact=True)
    login(client, erik)
    assert "Venter på børneattest." in client.get(reverse("staff:moderation_queue")).content.decode()
    client.post(reverse("staff:offer_approve", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING
    client.post(
        reverse("offers:child_check", args=[offer.pk]),
        {"obtained_on": timezone.localdate().strftime("%d-%m-%Y"), "confirm": "on"},
    )
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED


def test_approving_a_published_offer_is_answered_with_a_message(
    client: Any, login: Any, erik: Any, make_offer: Any
) -> None:
    offer = make_offer()
    login(client, erik)
    response = client.post(reverse("staff:offer_approve", args=[offer.pk]), follow=True)
    assert "venter ikke på godkendelse" in response.content.decode()


def test_citizen_cannot_approve_or_reject(client: Any, login: Any, olga: Any, pending_offer: Offer) -> None:
    login(client, olga)
    assert client.post(reverse("staff:offer_approve", args=[pending_offer.pk])).status_code == 403
    assert client.post(reverse("staff:offer_reject", args=[pending_offer.pk]), {"reason": "x"}).status_code == 403
    pending_offer.refresh_from_db()
    assert pending_offer.status == Offer.Status.PENDING


def test_approve_by_get_changes_nothing(client: Any, login: Any, erik: Any, pending_offer: Offer) -> None:
    login(client, erik)
    assert client.get(reverse("staff:offer_approve", args=[pending_offer.pk])).status_code == 405


def test_unknown_offer_in_staff_area_is_404(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    assert client.get(reverse("staff:offer_review", args=[999999])).status_code == 404


# --- Organisations --------------------------------------------------------------------------


def test_staff_approves_an_organisation(client: Any, login: Any, erik: Any, new_organisation: Organisation) -> None:
    login(client, erik)
    assert "Vorup Boldklub" in client.get(reverse("staff:organisation_queue")).content.decode()
    client.post(reverse("staff:organisation_approve", args=[new_organisation.pk]))
    new_organisation.refresh_from_db()
    assert new_organisation.is_approved


def test_staff_rejects_an_organisation_only_with_a_reason(
    client: Any, login: Any, erik: Any, new_organisation: Organisation
) -> None:
    login(client, erik)
    response = client.post(reverse("staff:organisation_reject", args=[new_organisation.pk]), {"reason": ""})
    assert "Skriv en begrundelse" in response.content.decode()
    new_organisation.refresh_from_db()
    assert new_organisation.rejected_at is None
    client.post(reverse("staff:organisation_reject", args=[new_organisation.pk]), {"reason": "Ukendt CVR."})
    new_organisation.refresh_from_db()
    assert new_organisation.rejection_reason == "Ukendt CVR."


# --- Categories, areas, pages ---------------------------------------------------------------


def test_staff_edits_a_category_but_not_its_slug(client: Any, login: Any, erik: Any, category: Category) -> None:
    login(client, erik)
    url = reverse("staff:category_edit", args=[category.pk])
    assert 'name="slug"' not in client.get(url).content.decode()
    client.post(
        url,
        {"slug": "noget-andet", "name": "Besøgsven", "description": "Kaffe", "keywords": "kaffe, snak", "position": 1},
    )
    category.refresh_from_db()
    assert (category.slug, category.name, category.is_active) == ("besoegsven", "Besøgsven", False)
    event = AuditEvent.objects.get(verb="update", target_type="taxonomy.category")
    assert (event.actor, event.changes["is_active"]) == (erik, [True, False])


def test_staff_adds_a_category_and_a_taken_slug_is_refused(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    url = reverse("staff:category_create")
    response = client.post(url, {"slug": "besoegsven", "name": "Igen", "position": 0, "is_active": "on"})
    assert "Det korte navn er allerede brugt." in response.content.decode()
    client.post(url, {"slug": "havearbejde", "name": "Havearbejde", "position": 0, "is_active": "on"})
    assert Category.objects.get(slug="havearbejde").is_active


def test_area_needs_a_centre_in_denmark(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    url = reverse("staff:area_create")
    response = client.post(url, {"slug": "fladbro", "name": "Fladbro", "position": 0})
    assert "Skriv breddegrad og længdegrad" in response.content.decode()
    response = client.post(
        url, {"slug": "fladbro", "name": "Fladbro", "latitude": "10.1", "longitude": "56.4", "position": 0}
    )
    assert "ligger ikke i Danmark" in response.content.decode()
    assert 'value="Fladbro"' in response.content.decode()
    client.post(url, {"slug": "fladbro", "name": "Fladbro", "latitude": "56.48", "longitude": "9.97", "position": 0})
    assert Area.objects.filter(slug="fladbro").exists()


def test_staff_edits_the_contact_page_and_html_is_shown_as_text(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = client.get(reverse("staff:contact_page"))
    assert "89 15 15 15" in response.content.decode()  # starts from the default text
    client.post(
        reverse("staff:contact_page"),
        {"title": "Hvor kan jeg henvende mig?", "body": "Ring til <b>Borgerservice</b>.\n\nEller kom forbi."},
    )
    page = Page.objects.get(slug="kontakt")
    assert page.updated_by == erik
    client.post(reverse("staff:contact_page"), {"title": "Kontakt", "body": page.body})
    verbs = list(AuditEvent.objects.filter(target_type="pages.page").order_by("pk").values_list("verb", "changes"))
    # The migration wrote the default page, so the first save already changes it, and names the body.
    assert [verb for verb, _ in verbs] == ["update", "update"]
    assert set(verbs[0][1]) == {"body", "updated_by_id"}
    assert verbs[1][1] == {"title": ["Hvor kan jeg henvende mig?", "Kontakt"]}
    client.logout()
    html = client.get(reverse("pages:contact")).content.decode()
    assert "Ring til &lt;b&gt;Borgerservice&lt;/b&gt;." in html


def test_contact_page_needs_a_text(client: Any, login: Any, erik: Any) -> None:
    login(client, erik)
    response = client.post(reverse("staff:contact_page"), {"title": "Kontakt", "body": ""})
    assert "Skriv teksten." in response.content.decode()
    assert "89 15 15 15" in Page.objects.get(slug="kontakt").body  # the default text is untouched
