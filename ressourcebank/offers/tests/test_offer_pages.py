import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    from ressourcebank.taxonomy.models import Area, Category

    data = {
        "title": "Besøgsven i Assentoft",
        "description": "Jeg kommer gerne forbi til en kop kaffe og en snak.",
        "category": Category.objects.get(slug="besoegsven").pk,
        "area": Area.objects.get(slug="assentoft").pk,
        "capacity_kind": "one_off",
        "capacity_amount": "",
        "availability": "Hverdage efter kl. 16",
    }
    data.update(overrides)
    return data


# --- Creating -------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in_with_next(client: Any) -> None:
    response = client.get(reverse("offers:create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/tilbud/nyt/" in response["Location"]


def test_citizen_sees_the_short_form_without_organisation_choice(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.get(reverse("offers:create"))
    assert response.status_code == 200
    assert "Hvem tilbyder det?" not in response.content.decode()
    assert "børneattest" in response.content.decode()


def test_citizens_first_offer_waits_for_approval_and_says_so(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.post(reverse("offers:create"), form_data(), follow=True)
    offer = Offer.objects.get()
    assert response.redirect_chain[-1][0] == offer.get_absolute_url()
    assert offer.status == Offer.Status.PENDING
    assert offer.owner == alice
    assert "En medarbejder skal godkende tilbuddet" in response.content.decode()


def test_double_submit_creates_one_offer(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    first = client.post(reverse("offers:create"), form_data())
    second = client.post(reverse("offers:create"), form_data())
    assert Offer.objects.count() == 1
    assert first["Location"] == second["Location"] == Offer.objects.get().get_absolute_url()


def test_capacity_needs_a_number_unless_one_off(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.post(reverse("offers:create"), form_data(capacity_kind="hours_per_month"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv hvor mange timer eller pladser" in html
    assert 'value="Besøgsven i Assentoft"' in html  # what the user typed is kept
    assert not Offer.objects.exists()


def test_hours_per_month_offer_shows_its_capacity(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    client.post(reverse("offers:create"), form_data(capacity_kind="hours_per_month", capacity_amount="5"))
    offer = Offer.objects.get()
    assert (offer.capacity_kind, offer.capacity_amount) == ("hours_per_month", 5)
    response = client.get(offer.get_absolute_url())
    assert "5 af 5 timer tilbage i" in response.content.decode()


def test_missing_fields_are_answered_in_danish_beside_the_field(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.post(reverse("offers:create"), form_data(title="", category="999999", capacity_amount="abc"))
    html = response.content.decode()
    assert "Skriv en overskrift." in html
    assert "Vælg en kategori fra listen." in html
    assert "Jeg kommer gerne forbi" in html


def test_too_long_title_is_refused(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    response = client.post(reverse("offers:create"), form_data(title="x" * 121))
    assert "højst være 120 tegn" in response.content.decode()
    assert not Offer.objects.exists()


def test_person_with_unconfirmed_email_is_told_to_confirm_first(client: Any, login: Any, alice: Any) -> None:
    alice.email_confirmed_at = None
    alice.save()
    login(client, alice)
    response = client.post(reverse("offers:create"), form_data())
    assert response.status_code == 403
    assert "Bekræft din e-mail" in response.content.decode()
    assert not Offer.objects.exists()


def test_business_member_offers_for_the_business_and_it_publishes(
    client: Any, login: Any, bent: Any, business: Any
) -> None:
    login(client, bent)
    assert escape(business.name) in client.get(reverse("offers:create")).content.decode()
    response = client.post(reverse("offers:create"), form_data(offered_by=str(business.pk)), follow=True)
    offer = Offer.objects.get()
    assert offer.organisation == business
    assert offer.provider == "virksomhed"
    assert offer.status == Offer.Status.PUBLISHED
    assert "synligt for alle" in response.content.decode()


def test_citizen_cannot_offer_for_an_organisation_they_do_not_belong_to(
    client: Any, login: Any, alice: Any, business: Any
) -> None:
    login(client, alice)
    client.post(reverse("offers:create"), form_data(offered_by=str(business.pk)))
    offer = Offer.objects.get()
    assert offer.organisation is None  # the unknown choice is not offered, so she offers as herself


# --- The public offer page ------------------------------------------------------------------


def test_public_offer_page_shows_first_name_and_no_contact_data(client: Any, make_offer: Any, alice: Any) -> None:
    alice.phone = "12345678"
    alice.save()
    offer = make_offer(owner=alice, availability="Weekender", is_remote=True)
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "Alice" in html
    assert "Andersen" not in html
    assert alice.email not in html
    assert "12345678" not in html
    assert "Weekender" in html
    assert "Log ind for at spørge" in html


def test_html_in_an_offer_is_shown_as_text(client: Any, make_offer: Any) -> None:
    offer = make_offer(title="<script>alert(1)</script>", description="<b>fed</b>")
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;fed&lt;/b&gt;" in html


def test_pending_offer_is_hidden_from_others(client: Any, login: Any, make_offer: Any, alice: Any, olga: Any) -> None:
    offer = make_offer(owner=alice, status=Offer.Status.PENDING, requires_moderation=True)
    assert client.get(offer.get_absolute_url()).status_code == 404
    login(client, olga)
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_owner_sees_the_rejection_reason(client: Any, login: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice, status=Offer.Status.REJECTED, rejection_reason="Skriv hvor i byen.")
    login(client, alice)
    assert "Skriv hvor i byen." in client.get(offer.get_absolute_url()).content.decode()


def test_unknown_offer_is_404(client: Any) -> None:
    assert client.get(reverse("offers:detail", args=[999999])).status_code == 404


# --- Editing and status changes -------------------------------------------------------------


def test_owner_edits_the_offer(client: Any, login: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice)
    login(client, alice)
    response = client.get(reverse("offers:edit", args=[offer.pk]))
    assert 'value="Besøgsven i Assentoft"' in response.content.decode()
    client.post(reverse("offers:edit", args=[offer.pk]), form_data(title="Kaffe og snak"))
    offer.refresh_from_db()
    assert offer.title == "Kaffe og snak"
    assert offer.status == Offer.Status.PUBLISHED


def test_outsider_cannot_edit_or_change_another_citizens_offer(
    client: Any, login: Any, make_offer: Any, alice: Any, olga: Any
) -> None:
    offer = make_offer(owner=alice)
    login(client, olga)
    for name in ("edit", "archive", "child_check"):
        assert client.get(reverse(f"offers:{name}", args=[offer.pk])).status_code == 404
    for name in ("pause", "resume", "archive", "edit"):
        assert client.post(reverse(f"offers:{name}", args=[offer.pk]), form_data()).status_code == 404
    offer.refresh_from_db()
    assert (offer.title, offer.status) == ("Besøgsven i Assentoft", Offer.Status.PUBLISHED)


def test_anonymous_cannot_edit(client: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice)
    response = client.get(reverse("offers:edit", args=[offer.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_owner_pauses_and_resumes(client: Any, login: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice)
    login(client, alice)
    client.post(reverse("offers:pause", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PAUSED
    assert client.get(offer.get_absolute_url()).status_code == 200  # the owner still sees it
    client.post(reverse("offers:resume", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED


def test_pause_by_get_changes_nothing(client: Any, login: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice)
    login(client, alice)
    assert client.get(reverse("offers:pause", args=[offer.pk])).status_code == 405
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED


def test_resuming_an_offer_that_is_not_paused_is_answered_with_a_message(
    client: Any, login: Any, make_offer: Any, alice: Any
) -> None:
    offer = make_offer(owner=alice)
    login(client, alice)
    response = client.post(reverse("offers:resume", args=[offer.pk]), follow=True)
    assert "Det kan ikke lade sig gøre" in response.content.decode()


def test_archive_asks_first_and_only_post_archives(client: Any, login: Any, make_offer: Any, alice: Any) -> None:
    offer = make_offer(owner=alice)
    login(client, alice)
    response = client.get(reverse("offers:archive", args=[offer.pk]))
    assert "Vil du arkivere tilbuddet?" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED
    client.post(reverse("offers:archive", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ARCHIVED


# --- Børneattest ----------------------------------------------------------------------------


def test_child_contact_offer_is_not_public_until_the_child_check_is_recorded(
    client: Any, login: Any, carla: Any, association: Any, olga: Any
) -> None:
    login(client, carla)
    client.post(reverse("offers:create"), form_data(offered_by=str(association.pk), has_child_contact="on"))
    offer = Offer.objects.get()
    assert offer.status == Offer.Status.PENDING
    assert "børneattest" in client.get(offer.get_absolute_url()).content.decode()

    client.logout()
    assert client.get(offer.get_absolute_url()).status_code == 404

    login(client, carla)
    today = timezone.localdate().strftime("%d-%m-%Y")
    response = client.post(reverse("offers:child_check", args=[offer.pk]), {"obtained_on": today, "confirm": "on"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.child_check_obtained_on == timezone.localdate()

    client.logout()
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_child_check_date_in_the_future_or_garbled_is_refused(
    client: Any, login: Any, carla: Any, association: Any, make_offer: Any
) -> None:
    offer = make_offer(organisation=association, provider="forening", has_child_contact=True, status="pending")
    login(client, carla)
    response = client.post(
        reverse("offers:child_check", args=[offer.pk]), {"obtained_on": "01-01-2999", "confirm": "on"}
    )
    assert "Datoen kan ikke ligge i fremtiden." in response.content.decode()
    response = client.post(reverse("offers:child_check", args=[offer.pk]), {"obtained_on": "igår", "confirm": "on"})
    assert "Skriv datoen som dag-måned-år" in response.content.decode()
    assert 'value="igår"' in response.content.decode()
    offer.refresh_from_db()
    assert offer.child_check_obtained_on is None


@pytest.mark.parametrize("typed", ["2025-03-14", "14-03-2025", "14.3.2025", "14. marts 2025", "14 mar. 2025"])
def test_child_check_date_from_the_date_picker_or_typed_in_danish_is_understood(
    client: Any, login: Any, carla: Any, association: Any, make_offer: Any, typed: str
) -> None:
    offer = make_offer(organisation=association, provider="forening", has_child_contact=True, status="pending")
    login(client, carla)
    response = client.post(reverse("offers:child_check", args=[offer.pk]), {"obtained_on": typed, "confirm": "on"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.child_check_obtained_on == datetime.date(2025, 3, 14)


def test_child_check_uses_the_date_picker_and_keeps_a_typed_date_in_it(
    client: Any, login: Any, carla: Any, association: Any, make_offer: Any
) -> None:
    offer = make_offer(organisation=association, provider="forening", has_child_contact=True, status="pending")
    login(client, carla)
    assert 'type="date"' in client.get(reverse("offers:child_check", args=[offer.pk])).content.decode()
    # Without the tick, the page comes back: the date must be in the form a date input can show.
    html = client.post(reverse("offers:child_check", args=[offer.pk]), {"obtained_on": "1. december 2025"}).content
    assert 'value="2025-12-01"' in html.decode()


def test_staff_who_register_a_child_check_are_not_thanked_as_the_owner(
    client: Any, login: Any, erik: Any, alice: Any, make_offer: Any
) -> None:
    offer = make_offer(owner=alice, has_child_contact=True, status="pending")
    login(client, erik)
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("offers:child_check", args=[offer.pk]), {"obtained_on": today, "confirm": "on"}, follow=True
    )
    html = response.content.decode()
    assert "Børneattesten er registreret." in html
    assert "Tak! Dit tilbud" not in html


def test_citizen_cannot_record_their_own_child_check(client: Any, login: Any, alice: Any, make_offer: Any) -> None:
    offer = make_offer(owner=alice, has_child_contact=True, status="pending")
    login(client, alice)
    assert client.get(reverse("offers:child_check", args=[offer.pk])).status_code == 403
