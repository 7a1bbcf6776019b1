"""Named personas shared by every app's tests.

alice is a citizen, bent helps for a business, carla for an association, dorte is a coordinator,
erik works for the municipality, frida administers the site, rikke audits the access log, and olga
is an outsider with an account who has nothing to do with anyone's offers or needs.
"""

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import Membership, Organisation, User
from ressourcebank.appointments.models import CounsellingHours, Slot, Weekday
from ressourcebank.inbox.models import Team
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category

PASSWORD = "korrekt-hest-batteri-42"


def _user(email: str, name: str, role: str = User.Role.CITIZEN) -> User:
    return User.objects.create_user(
        email=email, password=PASSWORD, name=name, role=role, email_confirmed_at=timezone.now()
    )


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def alice(db: Any) -> User:
    return _user("alice@example.dk", "Alice Andersen")


@pytest.fixture
def olga(db: Any) -> User:
    return _user("olga@example.dk", "Olga Outsider")


@pytest.fixture
def dorte(db: Any) -> User:
    return _user("dorte@randers.dk", "Dorte Tovholder", User.Role.COORDINATOR)


@pytest.fixture
def erik(db: Any) -> User:
    return _user("erik@randers.dk", "Erik Medarbejder", User.Role.STAFF)


@pytest.fixture
def frida(db: Any) -> User:
    return _user("frida@randers.dk", "Frida Admin", User.Role.ADMIN)


@pytest.fixture
def rikke(db: Any) -> User:
    return _user("rikke@randers.dk", "Rikke Revisor", User.Role.AUDITOR)


@pytest.fixture
def business(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Revisionsfirmaet Tal & Tryghed", kind=Organisation.Kind.BUSINESS, approved_at=timezone.now()
    )


@pytest.fixture
def association(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Assentoft Strikkeklub", kind=Organisation.Kind.ASSOCIATION, approved_at=timezone.now()
    )


@pytest.fixture
def bent(business: Organisation) -> User:
    user = _user("bent@talogtryghed.dk", "Bent Bogholder")
    Membership.objects.create(user=user, organisation=business, is_admin=True)
    return user


@pytest.fixture
def carla(association: Organisation) -> User:
    user = _user("carla@strik.dk", "Carla Strik")
    Membership.objects.create(user=user, organisation=association, is_admin=True)
    return user


@pytest.fixture
def category(db: Any) -> Category:
    return Category.objects.get(slug="besoegsven")


@pytest.fixture
def assentoft(db: Any) -> Area:
    return Area.objects.get(slug="assentoft")


@pytest.fixture
def make_offer(db: Any) -> Callable[..., Offer]:
    """Creates an offer straight in the database; published unless told otherwise.

    Tests of the offer flows go through the views and actions instead.
    """

    def make(**fields: Any) -> Offer:
        fields.setdefault("title", "Besøgsven i Assentoft")
        fields.setdefault("description", "Jeg kommer gerne forbi til en kop kaffe og en snak.")
        fields.setdefault("category", Category.objects.get(slug="besoegsven"))
        fields.setdefault("area", Area.objects.get(slug="assentoft"))
        fields.setdefault("provider", "borger")
        fields.setdefault("status", Offer.Status.PUBLISHED)
        if fields["status"] == Offer.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        offer = Offer.objects.create(**fields)
        from ressourcebank.offers.indexing import index_offers

        index_offers([offer.pk])
        return offer

    return make


@pytest.fixture
def carlas_offer(make_offer: Callable[..., Offer], carla: User, association: Organisation) -> Offer:
    """Visiting friends from Carla's knitting club: 5 hours a month, given by its members."""
    return make_offer(
        owner=carla, organisation=association, provider="forening", capacity_kind="hours_per_month", capacity_amount=5
    )


@pytest.fixture
def alices_need(alice: User) -> Need:
    """Alice's own need, shown to staff only (the default): a visiting friend for her mother."""
    return Need.objects.create(
        owner=alice,
        title="Besøgsven til min mor",
        description="Min mor sidder alene hele dagen og vil gerne have en besøgsven til kaffe og en snak",
        category=Category.objects.get(slug="besoegsven"),
        area=Area.objects.get(slug="assentoft"),
    )


@pytest.fixture
def need(alice: User) -> Need:
    """A public need of Alice's, in her own words, without title or category."""
    return Need.objects.create(
        owner=alice,
        description="Min mor sidder alene hele dagen og savner nogen at snakke med.",
        area=Area.objects.get(slug="assentoft"),
        visibility=Need.Visibility.PUBLIC,
    )


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Runs background tasks at once, so mails land in mail.outbox during the test."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def login(db: Any) -> Callable[..., None]:
    """`login(client, user)`: logs the user in; staff, coordinators and admins also pass the second
    factor with a real TOTP device, just as if they had typed the code from their app."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def log_in(client: Any, user: User) -> None:
        client.force_login(user)
        if user.needs_second_factor:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    return log_in


@pytest.fixture(autouse=True)
def test_settings(settings: Any, tmp_path: Any) -> None:
    """Every persona is created with a password; PBKDF2's real cost would make the suite slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The access log's anchors (anchor_access_log, verify_access_log) go to the test's own folder.
    settings.ACCESS_LOG_ANCHOR_PATH = tmp_path / "access-log-anchors.jsonl"
    # A page cached by one test must not answer another; the cache's own tests turn it back on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    # Like Django's test mail: every SMS a test sends lands in notifications.sms.outbox, never on
    # the console or a gateway.
    settings.SMS_BACKEND = "locmem"


@pytest.fixture(autouse=True)
def sms_outbox() -> Any:
    """The SMS sent during the test (notifications.sms.SmsMessage), emptied before each test."""
    from ressourcebank.notifications import sms

    sms.outbox.clear()
    return sms.outbox


@pytest.fixture(autouse=True)
def fresh_taxonomy() -> Any:
    """The per-process categories and areas (taxonomy.cache) never outlive a test: a rolled-back
    test's category, or a transactional test's re-seeded ids, must not reach the next one."""
    from ressourcebank.taxonomy.cache import forget

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def danish_after_each_test() -> Any:
    """A request with the English cookie activates English for the whole thread (LocaleMiddleware
    never deactivates it), so without this a test after an English one would read English."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def reference_data_for_transactional_tests(request: pytest.FixtureRequest) -> None:
    """Transactional tests (live server, threads) empty every table when they end, the seeded
    taxonomy included; the next one gets it back the way the migration seeded it."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("reference_taxonomy")


@pytest.fixture
def count_queries(db: Any) -> Callable[..., int]:
    """`count_queries(client, url)`: how many database queries one GET of url makes (the response
    must be 200). Lists compare it for a few rows and for more: it must not grow with the rows (on
    PostgreSQL it may shrink: the first search of a process also reads the index statistics)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client: Any, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(queries)

    return count


@pytest.fixture
def give_hours(db: Any) -> Callable[..., None]:
    """`give_hours(offer, hours)`: hours recorded today on an accepted connection to the offer."""
    from decimal import Decimal

    from ressourcebank.connections.models import Connection, HoursEntry

    def give(offer: Offer, hours: int) -> None:
        requester = _user(f"modtager{offer.pk}@example.dk", "Modtager")
        connection = Connection.objects.create(offer=offer, requester=requester, state="accepted")
        HoursEntry.objects.create(connection=connection, given_on=timezone.localdate(), hours=Decimal(hours))

    return give


# --- Appointments: a team erik works in, its callback times, counselling in Assentoft ---------


@pytest.fixture
def team(erik: User) -> Team:
    team = Team.objects.create(
        name="Borgerservice",
        slug="borgerservice",
        email="bs@randers.test",
        phone="89 15 15 15",
        phone_hours="Hverdage kl. 9–10",
    )
    team.members.add(erik)
    return team


@pytest.fixture
def other_team(db: Any) -> Team:
    return Team.objects.create(
        name="Job og familie",
        slug="job-og-familie",
        email="jf@randers.test",
        phone="89 15 16 00",
        phone_hours="Kl. 9–10",
    )


@pytest.fixture
def make_slot(team: Team) -> Callable[..., Slot]:
    """`make_slot(hours_ahead=24)`: a free 15-minute callback time for the team."""

    def make(hours_ahead: float = 24, for_team: Team | None = None) -> Slot:
        start = (timezone.now() + timedelta(hours=hours_ahead)).replace(second=0, microsecond=0)
        return Slot.objects.create(
            kind=Slot.Kind.CALLBACK, team=for_team or team, starts_at=start, ends_at=start + timedelta(minutes=15)
        )

    return make


@pytest.fixture
def slot(make_slot: Callable[..., Slot]) -> Slot:
    return make_slot()


@pytest.fixture
def assentoft_hours(team: Team) -> CounsellingHours:
    """Assentoft Bibliotek, every Thursday 14–16: drop in, or book 20 minutes."""
    return CounsellingHours.objects.create(
        area=Area.objects.get(slug="assentoft"),
        team=team,
        title="Hjælp til økonomi og digital post",
        place="Assentoft Bibliotek",
        address="Assentoft Bygade 30, 8960 Randers SØ",
        weekday=Weekday.THURSDAY,
        start_time=time(14, 0),
        end_time=time(16, 0),
        starts_on=timezone.localdate() - timedelta(days=30),
        is_drop_in=True,
        booking_minutes=20,
    )
