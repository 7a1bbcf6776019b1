"""What cases tells the apps below it: a case's needs are read only by the case's staff (not by
every municipal employee), and the access log names the reader's role, organisation and team."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.audit.models import Verb, record
from ressourcebank.cases import actions
from ressourcebank.cases.models import Case
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(login: Callable[..., None]) -> Callable[[User], Client]:
    def client_for(user: User) -> Client:
        client = Client()
        login(client, user)
        return client

    return client_for


def test_staff_without_a_part_in_the_case_cannot_read_its_need(
    case: Case, case_need: Need, erik: User, alices_need: Need, as_user: Any
) -> None:
    client = as_user(erik)

    assert client.get(reverse("needs:detail", args=[case_need.pk])).status_code == 404
    assert case_need not in Need.objects.visible_to(erik)
    assert client.get(reverse("needs:detail", args=[alices_need.pk])).status_code == 200  # other needs as before


def test_the_cases_staff_and_its_tovholder_read_its_need(
    case: Case, case_need: Need, erik_on_team: User, dorte: User, as_user: Any
) -> None:
    assert as_user(erik_on_team).get(reverse("needs:detail", args=[case_need.pk])).status_code == 200
    assert as_user(dorte).get(reverse("needs:detail", args=[case_need.pk])).status_code == 200


def test_an_administrator_reads_a_cases_need_only_with_break_glass(
    case: Case, case_need: Need, frida: User, as_user: Any
) -> None:
    client = as_user(frida)
    assert client.get(reverse("needs:detail", args=[case_need.pk])).status_code == 404

    actions.ask_for_break_glass(case, reason="Borgeren er forsvundet", minutes=15, by=frida)

    assert client.get(reverse("needs:detail", args=[case_need.pk])).status_code == 200


def test_the_log_names_the_case_team_of_staff_and_tovholder(case: Case, erik_on_team: User, dorte: User) -> None:
    staff_row = record(erik_on_team, Verb.READ, case)
    tovholder_row = record(dorte, Verb.READ, case)

    assert (staff_row.actor_role, staff_row.actor_organisation) == (
        "staff",
        "Randers Kommune, Tovholderteam Randers Nord",
    )
    assert tovholder_row.actor_organisation == "Randers Kommune, Tovholderteam Randers Nord"


def test_the_log_names_a_volunteers_own_organisation_not_the_municipality(
    case: Case, carla: User, association: Organisation, olga: User
) -> None:
    assert record(carla, Verb.READ, case).actor_organisation == association.name
    assert record(olga, Verb.READ, case).actor_organisation == ""
