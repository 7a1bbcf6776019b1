"""Learning from accepted help: a need's words count for the offer's category only once three
different people used them, needs only staff may see never count, and only counts are kept."""

from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import Connection
from ressourcebank.matching.models import OfferModel
from ressourcebank.matching.offer_model import current_model, learned_counts, train
from ressourcebank.needs.models import Need
from ressourcebank.search.analysis import stem
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

WORD = "ukulele"


def accepted_need(offer: Any, number: int, *, visibility: str = Need.Visibility.PUBLIC) -> Need:
    person = User.objects.create_user(email=f"person{number}@example.dk", password="x" * 20, name=f"Person {number}")
    need = Need.objects.create(
        owner=person,
        description=f"Jeg vil lære at spille {WORD}",
        area=Area.objects.get(slug="assentoft"),
        visibility=visibility,
    )
    Connection.objects.create(offer=offer, need=need, requester=person, state=Connection.State.ACCEPTED)
    return need


@pytest.fixture
def music(make_offer: Any) -> Any:
    return make_offer(title="Guitar for begyndere", category=Category.objects.get(slug="haandarbejde"))


def learned(category: Category) -> int:
    return learned_counts().get((stem(WORD), category.pk), 0)


def test_a_word_counts_only_after_three_different_people(music: Any) -> None:
    crafts = Category.objects.get(slug="haandarbejde")
    accepted_need(music, 1)
    accepted_need(music, 2)
    assert learned(crafts) == 0
    accepted_need(music, 3)
    assert learned(crafts) == 3


def test_the_same_person_three_times_is_one_person(music: Any) -> None:
    need = accepted_need(music, 1)
    for _ in range(2):
        again = Need.objects.create(
            owner=need.owner, description=need.description, area=need.area, visibility=need.visibility
        )
        Connection.objects.create(offer=music, need=again, requester=need.owner, state=Connection.State.COMPLETED)
    assert learned(Category.objects.get(slug="haandarbejde")) == 0


def test_needs_only_staff_may_see_never_count(music: Any) -> None:
    accepted_need(music, 1)
    accepted_need(music, 2)
    accepted_need(music, 3, visibility=Need.Visibility.STAFF)
    assert learned(Category.objects.get(slug="haandarbejde")) == 0


def test_requested_or_declined_help_teaches_nothing(music: Any) -> None:
    for number in range(3):
        accepted_need(music, number)
    Connection.objects.update(state=Connection.State.DECLINED)
    assert learned(Category.objects.get(slug="haandarbejde")) == 0


def test_the_model_keeps_word_counts_and_no_text(music: Any) -> None:
    for number in range(3):
        accepted_need(music, number)
    model = train()
    assert "Jeg vil lære" not in model.data
    loaded = current_model()
    assert loaded is not None
    crafts = Category.objects.get(slug="haandarbejde")
    assert loaded.terms[stem(WORD)][1][crafts.pk] > 0
    assert OfferModel.objects.count() == 1
