"""Staff costs from timesheets join the cost ledger: per person and month, idempotent.

These run under the annual-cost method (CPR art. 55(2)(a): annual cost / 1,720), which a
programme may choose instead of the handbook's unit cost (test_staff_costs_unit.py)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.engagements.models import EmploymentCost, TimesheetEntry
from dipps.finance import services
from dipps.finance.models import CostEntry, FinancePlan
from dipps.finance.services import staff_costs_from_timesheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as):
    """Pages in English, the language the messages are asserted in."""

    def login(role):
        c = client_as(role)
        c.cookies["django_language"] = "en"
        return c

    return login


@pytest.fixture(autouse=True)
def annual_cost(world):
    FinancePlan.objects.create(programme=world.programme, staff_cost_method="annual_cost")


def hours(user, programme, day, h):
    return TimesheetEntry.objects.create(
        user=user, programme=programme, day=day, kind="administration", hours=D(h)
    )


@pytest.fixture
def staff(world):
    coach = world.users["coach"]
    coach.first_name, coach.last_name = "Anna", "Coach"
    coach.save()
    # 516,000 / 1,720 = 300.00 kr an hour.
    EmploymentCost.objects.create(user=coach, year=2024, annual_gross_cost_sek=D("516000"))
    hours(coach, world.programme, date(2024, 1, 10), "10")
    hours(coach, world.programme, date(2024, 1, 20), "5.5")
    hours(coach, world.programme, date(2024, 2, 5), "8")
    return coach


def fetch(world, by=None):
    return staff_costs_from_timesheets(
        programme=world.programme, organisation=world.programme.owner, by=by
    )


def rows(world):
    return list(
        CostEntry.objects.filter(programme=world.programme, source="timesheet")
        .order_by("date")
        .values_list("date", "amount", "category", "state")
    )


def test_it_turns_hours_into_one_staff_cost_per_person_and_month(world, staff):
    result = fetch(world)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert rows(world) == [
        (date(2024, 1, 31), D("4650.00"), "staff", "counted"),
        (date(2024, 2, 29), D("2400.00"), "staff", "counted"),
    ]
    assert CostEntry.objects.get(date=date(2024, 1, 31)).text == "Staff cost Anna Coach, 15.50 h"


def test_running_it_again_adds_nothing(world, staff):
    fetch(world)
    again = fetch(world)
    assert (again.created, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)
    assert len(rows(world)) == 2


def test_a_changed_timesheet_updates_its_row_and_a_removed_one_removes_it(world, staff):
    fetch(world)
    hours(staff, world.programme, date(2024, 1, 22), "2")  # 17.5 h → 5,250.00
    TimesheetEntry.objects.filter(day=date(2024, 2, 5)).delete()
    result = fetch(world)
    assert (result.created, result.updated, result.removed) == (0, 1, 1)
    assert rows(world) == [(date(2024, 1, 31), D("5250.00"), "staff", "counted")]


def test_the_cost_is_rounded_once_per_row_not_through_the_hourly_rate(world):
    other = world.users["manager"]
    EmploymentCost.objects.create(user=other, year=2024, annual_gross_cost_sek=D("600000"))
    hours(other, world.programme, date(2024, 3, 4), "7")  # 7 × 600,000 / 1,720 = 2,441.86
    fetch(world)
    assert rows(world) == [(date(2024, 3, 31), D("2441.86"), "staff", "counted")]


def test_a_month_split_by_a_reporting_period_gives_two_rows(world, staff):
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2024, 1, 1), date(2024, 1, 15)), (date(2024, 1, 16), date(2024, 6, 30))],
    )
    fetch(world)
    assert rows(world) == [
        (date(2024, 1, 15), D("3000.00"), "staff", "counted"),
        (date(2024, 1, 31), D("1650.00"), "staff", "counted"),
        (date(2024, 2, 29), D("2400.00"), "staff", "counted"),
    ]


def test_hours_without_an_employment_cost_are_skipped_and_named(world, staff):
    hours(staff, world.programme, date(2025, 1, 7), "4")
    result = fetch(world)
    assert result.created == 2
    assert result.missing_costs == [("Anna Coach", 2025)]


def test_a_change_in_a_claimed_period_is_refused_and_nothing_is_saved(world, staff):
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2024, 1, 1), date(2024, 1, 31)), (date(2024, 2, 1), date(2024, 6, 30))],
    )
    fetch(world)
    claim = services.claim_open(period=world.programme.reporting_periods.get(number=1))
    services.claim_submit(claim=claim, by=world.users["manager"])
    hours(staff, world.programme, date(2024, 1, 25), "1")  # January is claimed
    hours(staff, world.programme, date(2024, 3, 1), "1")  # March is not
    with pytest.raises(ValidationError) as e:
        fetch(world)
    assert e.value.messages == [
        "The timesheets of Anna Coach up to 2024-01-31 give 4,950.00 kr but the ledger holds "
        "4,650.00 kr, and reporting period 1 has already been claimed. Correct the timesheet, "
        "or book the difference in the next period."
    ]
    assert len(rows(world)) == 2  # March was not added either


def test_hours_outside_the_programme_period_do_not_count(world, staff):
    hours(staff, world.programme, date(2023, 8, 31), "3")
    fetch(world)
    assert len(rows(world)) == 2


def test_the_ledger_button_fetches_the_staff_costs_for_the_finance_officer(world, staff, client_as):
    client = client_as("finance")
    url = f"/finance/{world.programme.code}/ledger/staff-costs/"
    response = client.post(url, {"organisation": world.programme.owner_id}, follow=True)
    assert response.status_code == 200
    assert "2 added, 0 updated, 0 removed, 0 unchanged" in response.content.decode()
    again = client.post(url, {"organisation": world.programme.owner_id}, follow=True)
    assert "already in step with the timesheets" in again.content.decode()
    assert len(rows(world)) == 2
