"""The in-kind core (engagements/in_kind.py) on hand-computed values, without the database."""

from datetime import date
from decimal import Decimal as D

from dipps.engagements.in_kind import Line, Rate, contributions, rate_for, split

RATES = [
    Rate("", date(2024, 1, 1), D("350")),
    Rate("manager", date(2024, 1, 1), D("600")),
    Rate("", date(2025, 1, 1), D("400")),
]
FIRM = ("company", 1)
TOWN = ("organisation", 7)


def line(who=FIRM, person="Anna Berg", role="employee", day=date(2024, 5, 2), hours="10"):
    name = "Exempel AB" if who == FIRM else "Östersunds kommun"
    return Line(who, name, who == TOWN, person, role, day, D(hours))


def test_a_role_without_a_rate_of_its_own_takes_the_any_role_rate_of_the_day():
    assert rate_for(RATES, "employee", date(2024, 5, 2)) == D("350")
    assert rate_for(RATES, "employee", date(2024, 12, 31)) == D("350")
    assert rate_for(RATES, "employee", date(2025, 1, 1)) == D("400")


def test_a_role_with_its_own_rate_keeps_it_after_a_newer_any_role_rate():
    assert rate_for(RATES, "manager", date(2025, 6, 1)) == D("600")


def test_no_rate_before_the_first_one():
    assert rate_for(RATES, "employee", date(2023, 12, 31)) is None
    assert rate_for(RATES, "manager", date(2023, 12, 31)) is None


def test_ten_hours_at_350_kr_make_3_500_kr():
    [c] = contributions([line()], RATES)
    assert (c.hours, c.amount, c.person_count, c.public) == (D(10), D("3500.00"), 1, False)


def test_hours_are_summed_per_rate_before_rounding_as_the_claim_core_does():
    rates = [Rate("", date(2024, 1, 1), D("333.33"))]
    lines = [line(hours="2.5"), line(person="Erik Lund", hours="1.5")]
    [c] = contributions(lines, rates)
    # one line of 4 h: 4 × 333.33 = 1 333.32 (2.5 h alone would be 833.325 → 833.33)
    assert c.amount == D("1333.32")
    assert c.person_count == 2


def test_a_contributor_with_two_rates_sums_its_rounded_lines():
    lines = [
        line(hours="2"),  # 2 × 350 = 700
        line(person="Sara Nilsson", role="manager", hours="1.25"),  # 1.25 × 600 = 750
        line(day=date(2025, 2, 3), hours="3"),  # 3 × 400 = 1 200
    ]
    [c] = contributions(lines, RATES)
    assert c.amount == D("2650.00")
    assert c.hours == D("6.25")
    assert c.person_count == 2  # Anna Berg twice counts once


def test_a_person_is_counted_once_whatever_the_case_and_spacing_of_the_name():
    [c] = contributions([line(), line(person=" anna  BERG ")], RATES)
    assert c.person_count == 1


def test_hours_without_a_rate_have_no_value_and_are_told_apart():
    [c] = contributions([line(day=date(2023, 10, 1), hours="4"), line(hours="1")], RATES)
    assert (c.hours, c.hours_without_rate, c.amount) == (D(5), D(4), D("350.00"))


def test_public_and_private_are_apart_public_first():
    found = contributions(
        [line(), line(TOWN, person="Per Ek", hours="3"), line(person="Eva Ås", hours="0.5")],
        RATES,
    )
    assert [(c.name, c.public, c.amount) for c in found] == [
        ("Östersunds kommun", True, D("1050.00")),
        ("Exempel AB", False, D("3675.00")),
    ]
    assert split(found) == (D("1050.00"), D("3675.00"))


def test_no_lines_no_contributions():
    assert contributions([], RATES) == []
    assert split([]) == (D("0.00"), D("0.00"))
