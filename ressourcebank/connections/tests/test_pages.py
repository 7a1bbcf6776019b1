from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions
from ressourcebank.connections.models import ConfidentialityDeclaration, Connection, HoursEntry, Message, Thanks
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db

Login = Callable[[Client, User], None]


@pytest.fixture
def requested(carlas_offer: Offer, alice: User) -> Connection:
    User.objects.filter(pk=alice.pk).update(phone="12345678")
    return actions.ask_for_help(carlas_offer, by=alice, share_phone=True)


@pytest.fixture
def agreed(requested: Connection, carla: User, declared: User) -> Connection:
    return actions.accept_connection(requested, by=carla, reserved_hours=Decimal(2))


def test_the_offer_page_invites_a_logged_in_citizen_to_ask(
    client: Client, login: Login, alice: User, carlas_offer: Offer
) -> None:
    login(client, alice)
    html = client.get(carlas_offer.get_absolute_url()).content.decode()
    assert "Spørg om hjælp" in html and f"/forbindelser/spoerg/{carlas_offer.pk}/" in html
    assert "Snart kan du" not in html


def test_a_citizen_asks_for_help_for_one_of_her_needs(
    client: Client, login: Login, alice: User, carla: User, carlas_offer: Offer, alices_need: Need
) -> None:
    login(client, alice)
    url = f"/forbindelser/spoerg/{carlas_offer.pk}/"
    form = client.get(url, {"behov": alices_need.pk})
    assert form.status_code == 200 and "Hvilket af dine behov" in form.content.decode()

    response = client.post(url, {"need": alices_need.pk, "message": "Min mor er alene", "share_email": "on"})

    connection = Connection.objects.get()
    assert response.status_code == 302 and response.url == connection.get_absolute_url()
    assert (connection.need, connection.requester, connection.request_message) == (
        alices_need,
        alice,
        "Min mor er alene",
    )


def test_asking_with_someone_elses_need_is_answered_beside_the_field(
    client: Client, login: Login, olga: User, alice: User, carlas_offer: Offer, alices_need: Need
) -> None:
    Need.objects.create(owner=olga, description="Indkøb", area=carlas_offer.area)
    login(client, olga)
    response = client.post(f"/forbindelser/spoerg/{carlas_offer.pk}/", {"need": alices_need.pk, "message": "x"})
    assert response.status_code == 200 and "Vælg et af dine åbne behov" in response.content.decode()
    assert not Connection.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, carlas_offer: Offer, requested: Connection) -> None:
    for url in (f"/forbindelser/spoerg/{carlas_offer.pk}/", "/forbindelser/", f"/forbindelser/{requested.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/" in response.url


def test_the_provider_cannot_ask_their_own_offer(
    client: Client, login: Login, carla: User, carlas_offer: Offer
) -> None:
    login(client, carla)
    assert client.get(f"/forbindelser/spoerg/{carlas_offer.pk}/").status_code == 403


def test_contact_details_are_shown_only_after_acceptance(
    client: Client, login: Login, carla: User, declared: User, requested: Connection
) -> None:
    login(client, carla)
    before = client.get(requested.get_absolute_url()).content.decode()
    assert "12345678" not in before and "alice@example.dk" not in before

    client.post(f"/forbindelser/{requested.pk}/ja/", {"message": "Gerne", "reserved_hours": "2", "share_email": "on"})

    after = client.get(requested.get_absolute_url()).content.decode()
    assert "12345678" in after and "alice@example.dk" in after


def test_a_first_yes_asks_for_the_declaration_on_the_same_form_and_keeps_the_message(
    client: Client, login: Login, carla: User, requested: Connection
) -> None:
    login(client, carla)
    url = f"/forbindelser/{requested.pk}/ja/"
    assert "Først: tavshedspligt" in client.get(url).content.decode()

    refused = client.post(url, {"reserved_hours": "1", "message": "Ja, på torsdag"})
    html = refused.content.decode()
    assert refused.status_code == 200 and "Sæt kryds" in html and "Ja, på torsdag" in html
    assert Connection.objects.get().state == "requested" and not ConfidentialityDeclaration.objects.exists()

    accepted = client.post(url, {"reserved_hours": "1", "message": "Ja, på torsdag", "accept_declaration": "on"})
    assert accepted.status_code == 302 and ConfidentialityDeclaration.objects.filter(user=carla).exists()
    assert Connection.objects.get().provider_message == "Ja, på torsdag"


def test_the_declaration_page_leads_back_to_a_local_next_only(client: Client, login: Login, carla: User) -> None:
    login(client, carla)
    assert "Sæt kryds" in client.post("/forbindelser/tavshedspligt/", {"next": "/forbindelser/"}).content.decode()
    accepted = client.post("/forbindelser/tavshedspligt/", {"next": "/forbindelser/1/ja/", "accept": "on"})
    assert accepted.url == "/forbindelser/1/ja/" and ConfidentialityDeclaration.objects.filter(user=carla).exists()
    assert client.post("/forbindelser/tavshedspligt/", {"next": "https://evil.example/", "accept": "on"}).url == (
        "/forbindelser/"
    )


def test_accepting_more_hours_than_are_left_is_answered_on_the_form(
    client: Client, login: Login, carla: User, declared: User, requested: Connection
) -> None:
    login(client, carla)
    response = client.post(f"/forbindelser/{requested.pk}/ja/", {"reserved_hours": "9"})
    assert response.status_code == 200 and "kun 5 timer tilbage" in response.content.decode()
    bad = client.post(f"/forbindelser/{requested.pk}/ja/", {"reserved_hours": "abc"})
    assert "Skriv et tal" in bad.content.decode()
    assert Connection.objects.get().state == "requested"


def test_the_receiver_cannot_open_the_accept_page(
    client: Client, login: Login, alice: User, requested: Connection
) -> None:
    login(client, alice)
    assert client.get(f"/forbindelser/{requested.pk}/ja/").status_code == 403


def test_declining_asks_first_then_declines(client: Client, login: Login, carla: User, requested: Connection) -> None:
    login(client, carla)
    assert "Vil du sige nej tak?" in client.get(f"/forbindelser/{requested.pk}/nej/").content.decode()
    client.post(f"/forbindelser/{requested.pk}/nej/", {"message": "Ikke nu"})
    requested.refresh_from_db()
    assert (requested.state, requested.provider_message) == ("declined", "Ikke nu")


def test_cancel_and_complete_ask_first(client: Client, login: Login, alice: User, agreed: Connection) -> None:
    login(client, alice)
    assert "Er hjælpen givet?" in client.get(f"/forbindelser/{agreed.pk}/afslut/").content.decode()
    assert Connection.objects.get().state == "accepted"
    client.post(f"/forbindelser/{agreed.pk}/afslut/")
    assert Connection.objects.get().state == "completed"
    response = client.post(f"/forbindelser/{agreed.pk}/afbryd/", follow=True)
    assert "Det kan ikke lade sig gøre" in response.content.decode()


def test_the_thread_messages_hours_confirmation_and_thanks(
    client: Client, login: Login, alice: User, carla: User, agreed: Connection
) -> None:
    provider, receiver = Client(), Client()
    login(provider, carla)
    login(receiver, alice)
    url = agreed.get_absolute_url()

    receiver.post(f"{url}besked/", {"body": "Hej, hvornår kan du?"})
    provider.post(f"{url}timer/", {"given_on": timezone.localdate().isoformat(), "hours": "1,5", "note": "Kaffe"})
    entry = HoursEntry.objects.get()
    receiver.post(f"{url}timer/{entry.pk}/bekraeft/")
    receiver.post(f"{url}tak/", {"body": "Tusind tak"})

    page = provider.get(url).content.decode()
    assert "Hej, hvornår kan du?" in page and "Kaffe" in page and "Tusind tak" in page
    entry.refresh_from_db()
    assert entry.hours == Decimal("1.5") and entry.confirmed_by == alice
    assert Thanks.objects.get().author == alice


def test_bad_hours_and_empty_messages_are_answered_beside_the_field(
    client: Client, login: Login, carla: User, agreed: Connection
) -> None:
    login(client, carla)
    url = agreed.get_absolute_url()
    too_many = client.post(f"{url}timer/", {"given_on": timezone.localdate().isoformat(), "hours": "6"})
    odd = client.post(f"{url}timer/", {"given_on": timezone.localdate().isoformat(), "hours": "1.1"})
    empty = client.post(f"{url}besked/", {"body": "  "})

    assert too_many.status_code == 400 and "kun 5 timer tilbage" in too_many.content.decode()
    assert "hele kvarter" in odd.content.decode()
    assert empty.status_code == 400 and "Skriv en besked" in empty.content.decode()
    assert not HoursEntry.objects.exists() and not Message.objects.exists()


def test_an_outsider_can_neither_read_the_thread_nor_record_or_confirm_hours(
    client: Client, login: Login, olga: User, carla: User, agreed: Connection
) -> None:
    actions.post_message(agreed, "Hemmeligt", by=carla)
    entry = actions.record_hours(agreed, timezone.localdate(), Decimal(1), by=carla)
    login(client, olga)
    url = agreed.get_absolute_url()

    assert client.get(url).status_code == 404
    assert client.post(f"{url}besked/", {"body": "Hej"}).status_code == 404
    assert client.post(f"{url}timer/", {"given_on": timezone.localdate().isoformat(), "hours": "1"}).status_code == 404
    assert client.post(f"{url}timer/{entry.pk}/bekraeft/").status_code == 404
    assert client.get(f"{url}ja/").status_code == 404
    assert client.get("/forbindelser/").content.decode().count("Besøgsven") == 0
    entry.refresh_from_db()
    assert entry.confirmed_at is None and HoursEntry.objects.count() == 1 and Message.objects.count() == 1


def test_the_receiver_cannot_record_hours(client: Client, login: Login, alice: User, agreed: Connection) -> None:
    login(client, alice)
    response = client.post(f"{agreed.get_absolute_url()}timer/", {"given_on": "2025-01-01", "hours": "1"})
    assert response.status_code == 403


def test_my_connections_show_unread_events_and_monthly_hours(
    client: Client, login: Login, carla: User, alice: User, agreed: Connection
) -> None:
    actions.record_hours(agreed, timezone.localdate(), Decimal(2), by=carla)
    login(client, carla)
    dashboard = client.get("/konto/").content.decode()
    assert "/forbindelser/" in dashboard

    html = client.get("/forbindelser/").content.decode()
    assert "Du hjælper Alice" in html and "Timer givet af Assentoft Strikkeklub" in html
    login(client, alice)
    html = client.get("/forbindelser/").content.decode()
    assert "Din forespørgsel er accepteret" in html and "Timer, jeg har fået" in html
    client.get(agreed.get_absolute_url())
    assert "Din forespørgsel er accepteret" not in client.get("/forbindelser/").content.decode()


def test_staff_see_hours_per_area_and_category(
    client: Client, login: Login, erik: User, carla: User, olga: User, agreed: Connection
) -> None:
    actions.record_hours(agreed, timezone.localdate(), Decimal(2), by=carla)
    login(client, erik)
    html = client.get("/staff/timer/").content.decode()
    assert "Frivillige i Assentoft gav 2 timer i" in html and "Besøgsven" in html
    login(client, olga)
    assert client.get("/staff/timer/").status_code == 403


def test_the_need_page_offers_a_spoerg_button_per_suggestion(
    client: Client, login: Login, alice: User, carlas_offer: Offer, alices_need: Need
) -> None:
    login(client, alice)
    html = client.get(alices_need.get_absolute_url()).content.decode()
    assert f"/forbindelser/spoerg/{carlas_offer.pk}/?behov={alices_need.pk}" in html


def test_a_bare_word_as_next_after_the_declaration_goes_to_my_connections(
    client: Client, login: Login, carla: User
) -> None:
    login(client, carla)
    response = client.post("/forbindelser/tavshedspligt/", {"next": "ukendt", "accept": "on"})
    assert response.status_code == 302
    assert response.url == "/forbindelser/"


def test_the_provider_corrects_hours_recorded_by_mistake_with_a_new_entry(
    client: Client, login: Login, carla: User, alice: User, agreed: Connection
) -> None:
    entry = actions.record_hours(agreed, timezone.localdate(), Decimal(2), by=carla)
    login(client, carla)
    url = f"{agreed.get_absolute_url()}timer/{entry.pk}/ret/"

    too_many = client.post(url, {"hours": "3"})
    response = client.post(url, {"hours": "0,5", "note": "Det var kun halvanden time"})

    assert "højst trække 2 timer fra" in too_many.content.decode()
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal(2)
    correction = HoursEntry.objects.get(corrects=entry)
    assert correction.hours == Decimal("-0.5")
    assert "rettelse" in client.get(agreed.get_absolute_url()).content.decode()


def test_only_the_provider_can_correct_hours(
    client: Client, login: Login, carla: User, alice: User, olga: User, agreed: Connection
) -> None:
    entry = actions.record_hours(agreed, timezone.localdate(), Decimal(2), by=carla)
    url = f"{agreed.get_absolute_url()}timer/{entry.pk}/ret/"
    login(client, alice)
    assert client.post(url, {"hours": "1"}).status_code == 403
    outsider = Client()
    login(outsider, olga)
    assert outsider.post(url, {"hours": "1"}).status_code == 404
    assert HoursEntry.objects.count() == 1


def test_in_english_too_many_hours_are_answered_beside_the_hours_field(
    client: Client, login: Login, carla: User, agreed: Connection
) -> None:
    """The action names the field (ValidationError({"hours": …})); the view used to guess it from
    the Danish word "timer" in the message, and put this English one beside the date."""
    login(client, carla)
    client.get("/sprog/en/", {"next": "/"})
    response = client.post(
        f"{agreed.get_absolute_url()}timer/", {"given_on": timezone.localdate().isoformat(), "hours": "6"}
    )

    assert response.status_code == 400
    errors = response.context["hours_form"].errors
    assert list(errors) == ["hours"] and "of the offer's hours left" in errors["hours"][0]
    assert not HoursEntry.objects.exists()


def test_a_date_before_the_request_is_answered_beside_the_date_field(
    client: Client, login: Login, carla: User, agreed: Connection
) -> None:
    login(client, carla)
    response = client.post(f"{agreed.get_absolute_url()}timer/", {"given_on": "2020-01-01", "hours": "1"})

    assert list(response.context["hours_form"].errors) == ["given_on"]
