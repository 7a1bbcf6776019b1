from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError

from ressourcebank.placements import rules
from ressourcebank.placements.models import Place, Workplace


@pytest.mark.parametrize(
    ("employees", "allowed"),
    [(0, 1), (4, 1), (5, 1), (9, 1), (10, 2), (30, 6), (50, 10), (51, 10), (60, 11), (61, 11), (70, 12)],
)
def test_the_staff_ratio_is_one_per_five_up_to_fifty_then_one_per_ten(employees: int, allowed: int) -> None:
    assert rules.max_concurrent(employees) == allowed


def check(workplace: Workplace, places: int = 1, kind: str = Place.Kind.VIRKSOMHEDSPRAKTIK) -> list[str]:
    errors = rules.check_place(
        workplace=workplace, kind=kind, hours_per_week_min=10, hours_per_week_max=20, places=places
    )
    return [error.rule for error in errors]


@pytest.mark.parametrize(
    ("employees", "in_use", "fits", "refused"),
    # with places already in use: the last one that fits, and one more that is refused
    [(0, 0, 1, 2), (4, 0, 1, 2), (5, 0, 1, 2), (50, 7, 3, 4), (51, 9, 1, 2), (61, 10, 1, 2)],
)
def test_a_place_is_refused_once_the_workplace_has_as_many_people_as_its_staff_allow(
    workplace: Workplace, make_place: Callable[..., Place], employees: int, in_use: int, fits: int, refused: int
) -> None:
    workplace.ordinary_employees = employees
    workplace.save(update_fields=["ordinary_employees"])
    if in_use:
        make_place(workplace, places=in_use)

    assert rules.places_in_use(workplace) == in_use
    assert check(workplace, places=fits) == []
    assert check(workplace, places=refused) == ["ratio"]


def test_the_ratio_message_says_how_many_are_allowed_and_in_use(
    workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    make_place(workplace, places=2)  # 12 employees allow 2

    [error] = rules.check_place(
        workplace=workplace, kind="loentilskud", hours_per_week_min=10, hours_per_week_max=20, places=1
    )

    assert error.field == "places"
    assert "Med 12 ordinært ansatte må Kontoret i Assentoft have 2 personer" in error.message
    assert "2 er allerede i brug" in error.message
    assert "ikke plads til flere" in error.message


def test_pending_open_and_filled_places_count_but_closed_rejected_and_fleksjob_do_not(
    workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    make_place(workplace, status=Place.Status.PENDING)
    make_place(workplace, status=Place.Status.OPEN)
    make_place(workplace, status=Place.Status.FILLED, kind=Place.Kind.SKAANEJOB)
    make_place(workplace, status=Place.Status.CLOSED)
    make_place(workplace, status=Place.Status.REJECTED)
    make_place(workplace, kind=Place.Kind.FLEKSJOB, places=5)

    assert rules.places_in_use(workplace) == 3


def test_a_place_being_changed_does_not_count_against_itself(
    workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    place = make_place(workplace, places=2)

    errors = rules.check_place(
        workplace=workplace, kind=place.kind, hours_per_week_min=5, hours_per_week_max=10, places=2, exclude=place
    )

    assert errors == []


def test_a_fleksjob_is_not_limited_by_the_staff_ratio(workplace: Workplace) -> None:
    assert check(workplace, places=20, kind=Place.Kind.FLEKSJOB) == []


@pytest.mark.parametrize(
    ("least", "most", "broken"),
    [
        (10, 37, []),
        (37, 37, []),
        (10, 38, ["hours_max"]),
        (38, 40, ["hours_max", "hours_max"]),
        (20, 10, ["hours_range"]),
        (0, 10, ["hours_min"]),
    ],
)
def test_hours_are_a_range_of_at_most_37_a_week(least: int, most: int, broken: list[str]) -> None:
    errors = rules.check_place(
        workplace=None, kind="virksomhedspraktik", hours_per_week_min=least, hours_per_week_max=most, places=1
    )
    assert [error.rule for error in errors] == broken


def test_more_than_37_hours_is_refused_in_plain_danish() -> None:
    [error] = rules.check_hours(10, 40)
    assert error.field == "hours_per_week_max"
    assert error.message.startswith("Højst 37 timer om ugen.")


@pytest.mark.parametrize(
    ("group", "weeks", "extended"),
    [
        ("dagpenge", 4, 4),
        ("dagpenge-dimittend", 8, 8),
        ("jobparat", 4, 4),
        ("jobparat-uden-erfaring", 13, 26),
        ("aktivitetsparat", 13, 26),
        ("sygedagpenge", 13, 26),
        ("ressourceforloeb", 13, 26),
    ],
)
def test_durations_come_from_the_table_by_target_group(group: str, weeks: int, extended: int) -> None:
    assert rules.max_weeks(group) == weeks
    assert rules.max_weeks(group, extended=True) == extended


def test_an_unknown_target_group_has_no_duration() -> None:
    with pytest.raises(KeyError):
        rules.max_weeks("jobcenter")


def test_every_target_group_has_a_name_and_weeks_within_26() -> None:
    groups = rules.target_groups()
    assert len({group.slug for group in groups}) == len(groups) >= 8
    assert {group.weeks for group in groups} >= {4, 8, 13}
    assert max(group.extended_weeks for group in groups) == 26
    assert not any("jobcenter" in group.name.lower() for group in groups)


def test_an_internship_longer_than_the_groups_weeks_is_refused() -> None:
    monday = date(2026, 3, 2)
    assert rules.check_duration("dagpenge", monday, monday + timedelta(days=27)) == []
    [error] = rules.check_duration("dagpenge", monday, monday + timedelta(days=28))
    assert error.rule == "duration"
    assert "højst 4 uger" in error.message
    assert "29. marts 2026" in error.message
    assert rules.check_duration("aktivitetsparat", monday, monday + timedelta(weeks=20), extended=True) == []
    assert [e.rule for e in rules.check_duration("dagpenge", monday, monday - timedelta(days=1))] == ["duration_order"]


def test_nobody_starts_at_a_place_before_it_is_approved(workplace: Workplace, make_place: Callable[..., Place]) -> None:
    pending = make_place(workplace, status=Place.Status.PENDING)
    assert [e.rule for e in rules.check_start(pending, date(2030, 1, 1))] == ["not_approved"]

    approved = make_place(workplace, approved_at=datetime(2026, 3, 10, 9, tzinfo=UTC))
    assert [e.rule for e in rules.check_start(approved, date(2026, 3, 9))] == ["start_before_approval"]
    assert rules.check_start(approved, date(2026, 3, 10)) == []


def test_the_database_refuses_an_open_place_without_approval(workplace: Workplace) -> None:
    with pytest.raises(IntegrityError):
        Place.objects.create(
            workplace=workplace,
            kind="fleksjob",
            title="x",
            tasks="x",
            hours_per_week_min=5,
            hours_per_week_max=10,
            status=Place.Status.OPEN,
        )


def test_the_database_refuses_a_range_that_runs_backwards(workplace: Workplace) -> None:
    with pytest.raises(IntegrityError):
        Place.objects.create(
            workplace=workplace, kind="fleksjob", title="x", tasks="x", hours_per_week_min=20, hours_per_week_max=10
        )


def test_approved_open_lists_only_approved_open_places_of_approved_businesses(
    workplace: Workplace, make_place: Callable[..., Place]
) -> None:
    shown = make_place(workplace)
    make_place(workplace, status=Place.Status.PENDING)
    make_place(workplace, status=Place.Status.FILLED)
    other = Workplace.objects.create(
        organisation=type(workplace.organisation).objects.create(name="Ny ApS", kind="virksomhed"),
        name="Ny",
        address="Vej 2",
        area=workplace.area,
        ordinary_employees=5,
    )
    make_place(other)

    assert list(Place.objects.approved_open()) == [shown]
