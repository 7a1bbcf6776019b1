"""The access matrix: every URL pattern the site has, asked by people it does not belong to.

The patterns come from walking the URL resolver, so a new URL is in the matrix the day it is added,
without anyone remembering to list it. Every number in a URL (pk, offer_pk, entry_pk …, and the API's
ids) is filled with VICTIM_ID, and the victims (Alice, a citizen, and Carla of an association) own an
object of that id in every table a URL can name: a pending offer, a staff-only need, a connection
with a message, hours and an event, an organisation waiting for approval, an API token, a mail.

Rules, for each outsider (no login, a citizen, a member of another organisation):
- Nothing answers 5xx.
- A URL that names an object (it has a parameter), and every staff or admin URL, refuses: 401, 403,
  404, 405, or a redirect to a login or second-factor page. PUBLIC lists, with a reason, the few
  that are open by nature; a new one must be added there on purpose.
- A POST anywhere (empty form, the victim's ids) changes no data: a checksum of every table of our
  apps (but the access log, which records refusals too) is the same after it.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from hashlib import sha256
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone

from ressourcebank.accounts.models import ApiToken, Membership, Organisation, User
from ressourcebank.cases.models import (
    Agency,
    AgencyKind,
    Case,
    CaseNote,
    Consent,
    HouseholdMember,
    PlanAction,
    PlanGoal,
)
from ressourcebank.connections.models import Connection, HoursEntry, Message
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import Event, OutboxMail
from ressourcebank.offers.models import Offer
from ressourcebank.placements.models import Agreement, FollowUp, Place, Proposal, Workplace
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

VICTIM_ID = 4242

# URL names that name an object or sit under /staff/ or /admin/ and are open to outsiders all the same:
# (namespace:)name → why. A new URL is refused until it is added here on purpose.
PUBLIC = {
    "admin:login": "the admin's login page",
    "admin:logout": "logging out of the admin; it redirects to the admin's login",
    "notifications:event_read": "marks only the person's own event: another's id changes nothing, same answer",
    "pages:language": "choosing the language is for everyone; it redirects back",
    "accounts:confirm_email": "the link from a mail; a wrong token says the link does not work",
    "accounts:password_reset_confirm": "the link from a mail; a wrong token says the link does not work",
    "api:get_offer": "public offers are public (the victim's pending one answers 404, checked below)",
}
# What a refused request may still write: the access log (it records refusals and private reads),
# and the outsider's own bookkeeping of their login and their token.
UNCHECKED_APPS = {"audit"}
UNCHECKED_FIELDS = {"last_login", "last_used_at"}


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    has_parameters: bool

    @property
    def is_staff(self) -> bool:
        return self.path.startswith(("/staff/", "/admin/"))


def _fill(pattern: Any) -> tuple[str, bool] | None:
    """The pattern's text with every parameter filled in; None for a regex with groups."""
    if isinstance(pattern, RoutePattern):
        text = str(pattern)
        for name, converter in pattern.converters.items():
            kind = type(converter).__name__.removesuffix("Converter").lower()
            value = {"uuid": "00000000-0000-0000-0000-000000004242", "slug": f"x-{VICTIM_ID}"}.get(kind, VICTIM_ID)
            text = text.replace(f"<{kind}:{name}>", str(value)).replace(f"<{name}>", str(value))
        return text, bool(pattern.converters)
    if isinstance(pattern, RegexPattern):
        if pattern.regex.groups:
            return None
        return str(pattern).removeprefix("^").removesuffix("$").replace("\\", ""), False
    return None


def _walk(
    resolver: URLResolver, prefix: str = "/", namespace: str = "", has_parameters: bool = False
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        filled = _fill(entry.pattern)
        if filled is None:
            continue
        text, with_parameters = filled
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + text, inner, has_parameters or with_parameters)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + text, namespace + (entry.name or ""), has_parameters or with_parameters)


def routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver()):
        seen.setdefault(route.path, route)  # one URL may have several methods (the API): asked once
    return list(seen.values())


def checksum() -> str:
    digest = sha256()
    for model in apps.get_models():
        if not model.__module__.startswith("ressourcebank.") or model._meta.app_label in UNCHECKED_APPS:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in UNCHECKED_FIELDS]
        rows = model._default_manager.order_by("pk").values_list(*fields)
        digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def _is_refusal(response: Any) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    if response.status_code == 422 and response["Content-Type"].startswith("application/json"):
        return True  # the API checks the body before it looks the object up: the same answer for any id
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        return any(part in location for part in ("/konto/log-ind/", "/admin/login/", "/konto/to-trin/"))
    return False


@pytest.fixture
def victims_objects(alice: User, carla: User) -> None:
    """Alice's and Carla's objects, each with the id every URL is asked with."""
    category, area = Category.objects.get(slug="besoegsven"), Area.objects.get(slug="assentoft")
    organisation = Organisation.objects.create(pk=VICTIM_ID, name="Venter Forening", kind="forening")
    Membership.objects.create(pk=VICTIM_ID, user=carla, organisation=organisation, is_admin=True)
    offer = Offer.objects.create(
        pk=VICTIM_ID,
        title="Carlas ventende tilbud",
        description="Ikke offentligt endnu.",
        category=category,
        area=area,
        provider="forening",
        owner=carla,
        organisation=organisation,
        status=Offer.Status.PENDING,
    )
    need = Need.objects.create(
        pk=VICTIM_ID, owner=alice, description="Alices private behov", area=area, visibility=Need.Visibility.STAFF
    )
    connection = Connection.objects.create(pk=VICTIM_ID, offer=offer, need=need, requester=alice)
    Message.objects.create(pk=VICTIM_ID, connection=connection, author=alice, body="Hej Carla")
    HoursEntry.objects.create(
        pk=VICTIM_ID, connection=connection, given_on=date(2026, 11, 2), hours=Decimal("1.5"), recorded_by=carla
    )
    Event.objects.create(pk=VICTIM_ID, user=alice, kind=Event.Kind.values[0], connection=connection)
    ApiToken.objects.create(pk=VICTIM_ID, user=alice, digest="0" * 64, scope=ApiToken.Scope.values[-1])
    # Alice's case, held by a coordinator none of the outsiders is.
    coordinator = User.objects.create_user(email="tovholder@matrix.dk", name="Tove", role=User.Role.COORDINATOR)
    case = Case.objects.create(pk=VICTIM_ID, title="Alices forløb", citizen=alice, tovholder=coordinator)
    member = HouseholdMember.objects.create(pk=VICTIM_ID, case=case, name="Alice", relation="self", age_group="18-64")
    agency = Agency.objects.create(pk=VICTIM_ID, case=case, kind=AgencyKind.objects.first(), name="Skolen")
    goal = PlanGoal.objects.create(pk=VICTIM_ID, case=case, title="Et mål")
    PlanAction.objects.create(pk=VICTIM_ID, case=case, goal=goal, title="En handling", owner_kind="citizen")
    CaseNote.objects.create(pk=VICTIM_ID, case=case, author=coordinator, body="Privat")
    Consent.objects.create(
        pk=VICTIM_ID,
        case=case,
        member=member,
        purpose="share_with_agency",
        agency=agency,
        text_version="2026-1",
        method="oral",
    )
    # A place at the victims' organisation, Alice proposed for it, and the agreement that followed.
    workplace = Workplace.objects.create(
        pk=VICTIM_ID, organisation=organisation, name="Værkstedet", address="Vej 1", area=area, ordinary_employees=10
    )
    place = Place.objects.create(
        pk=VICTIM_ID,
        workplace=workplace,
        kind="virksomhedspraktik",
        title="Praktik",
        tasks="Opgaver",
        hours_per_week_min=10,
        hours_per_week_max=20,
        status="filled",
        approved_at=timezone.now(),
    )
    proposal = Proposal.objects.create(
        pk=VICTIM_ID,
        place=place,
        case=case,
        member=member,
        consent_id=VICTIM_ID,
        target_group="aktivitetsparat",
        introduction="Om Alice",
        status="approved",
        answered_at=timezone.now(),
        approved_at=timezone.now(),
    )
    agreement = Agreement.objects.create(
        pk=VICTIM_ID,
        proposal=proposal,
        place=place,
        purpose="Afklaring",
        starts_on=date(2026, 11, 2),
        ends_on=date(2026, 11, 27),
        hours_per_week=15,
        business_contact_name="Carla",
        municipal_contact=coordinator,
    )
    FollowUp.objects.create(pk=VICTIM_ID, agreement=agreement, kind="midway", due_on=date(2026, 11, 13))
    FollowUp.objects.create(agreement=agreement, kind="final", due_on=date(2026, 11, 27))
    OutboxMail.objects.create(
        pk=VICTIM_ID,
        recipient=alice,
        to_address=alice.email,
        kind="event",
        subject="Til Alice",
        text_body="Hej",
        state=OutboxMail.State.FAILED,
        idempotency_key="matrix",
        created_at=timezone.now(),
    )


@pytest.fixture(params=["anonymous", "citizen", "business member"])
def outsider(request: pytest.FixtureRequest, olga: User, bent: User) -> Client:
    person = {"anonymous": None, "citizen": olga, "business member": bent}[request.param]
    if person is None:
        return Client()
    # Logged in on the site, and with a token of their own that may write, for the API.
    client = Client(headers={"Authorization": f"Bearer {ApiToken.issue(person, scope=ApiToken.Scope.WRITE)}"})
    client.force_login(person)
    return client


def test_the_matrix_walks_every_part_of_the_site() -> None:
    names = {route.name for route in routes()}

    assert {"offers:detail", "needs:detail", "connections:detail", "staff:home", "api:get_offer"} <= names
    assert len(routes()) > 100


def test_an_outsider_is_refused_every_url_that_names_someone_elses_object_or_is_for_staff(
    victims_objects: None, outsider: Client
) -> None:
    problems = []
    for route in routes():
        if not (route.has_parameters or route.is_staff) or route.name in PUBLIC:
            continue
        response = outsider.get(route.path)
        if not _is_refusal(response):
            problems.append(f"GET {route.path} ({route.name}): {response.status_code} {response.get('Location', '')}")

    assert not problems, "\n".join(problems)


def test_no_url_answers_an_outsider_with_a_server_error(victims_objects: None, outsider: Client) -> None:
    problems = []
    for route in routes():
        for method in ("get", "post"):
            status = getattr(outsider, method)(route.path).status_code
            if status >= 500:
                problems.append(f"{method.upper()} {route.path}: {status}")

    assert not problems, "\n".join(problems)


def test_no_refused_write_changes_data(victims_objects: None, outsider: Client) -> None:
    posts = [route for route in routes() if not route.path.startswith("/konto/log-ud/")]  # ends the session
    problems = []

    def post(route: Route) -> Any:
        if route.path.startswith("/api/"):  # a JSON object, so the API gets as far as the object
            return outsider.post(route.path, {}, content_type="application/json")
        return outsider.post(route.path, {"pk": VICTIM_ID, "id": VICTIM_ID})

    before = checksum()
    for route in posts:
        response = post(route)
        refuses = (route.has_parameters or route.is_staff) and route.name not in PUBLIC
        if refuses and not _is_refusal(response):
            problems.append(f"POST {route.path} ({route.name}): {response.status_code} not refused")
    if checksum() != before:
        # Something changed: ask again one by one (on fresh objects) to name the URL.
        for route in posts:
            before = checksum()
            response = post(route)
            if checksum() != before:
                problems.append(f"POST {route.path} ({route.name}): {response.status_code} changed data")

    assert not problems, "\n".join(problems)


def test_the_victims_own_pages_answer_them(victims_objects: None, alice: User, carla: User) -> None:
    # The ids are right: the same URLs that refuse outsiders open for the owners.
    alices, carlas = Client(), Client()
    alices.force_login(alice)
    carlas.force_login(carla)

    assert alices.get(f"/behov/{VICTIM_ID}/").status_code == 200
    assert alices.get(f"/forbindelser/{VICTIM_ID}/").status_code == 200
    assert carlas.get(f"/tilbud/{VICTIM_ID}/").status_code == 200
    assert carlas.get(f"/konto/organisation/{VICTIM_ID}/").status_code == 200


def test_a_public_url_with_parameters_still_hides_the_victims_object(victims_objects: None) -> None:
    assert Client().get(f"/api/v1/offers/{VICTIM_ID}").status_code == 404
