"""Staff costs the handbook's way (issue 12, item 2): the unit cost per hour from each
person's monthly salary in their first project month, raised every twelve months.

Hand-worked values (Anna Berg, first month 2024-03, monthly salary 42,000.00, uplift 2.4 %):
- 2025-02 is her 12th month (11 months after 2024-03, k = 0):
  42,000 × 12 / 1,720 = 293.0232… → 293.02 kr; 80 h × 293.02 = 23,441.60.
- 2025-03 is her 13th month (12 months after, k = 1):
  293.0232… × 1.024 = 300.0558… → 300.06 kr; 62.5 h × 300.06 = 18,753.75.
Staff total 42,195.35.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import EmploymentCost, TimesheetEntry
from dipps.finance import claim_model, services, verification
from dipps.finance.claim_model import STAFF_PLUS_15_ACTUAL, STAFF_PLUS_40
from dipps.finance.models import CostEntry, FinancePlan, StaffSalary
from dipps.finance.services import SalaryInput, staff_costs_from_timesheets, staff_salaries_set

pytestmark = pytest.mark.django_db


def hours(user, programme, day, h):
    return TimesheetEntry.objects.create(
        user=user, programme=programme, day=day, kind="administration", hours=D(h)
    )


@pytest.fixture
def anna(world):
    user = world.users["coach"]
    user.first_name, user.last_name = "Anna", "Berg"
    user.save()
    StaffSalary.objects.create(
        programme=world.programme,
        user=user,
        first_month=date(2024, 3, 1),
        monthly_salary_sek=D("42000"),
        document="Anställningsavtal 2024-02-15",
    )
    hours(user, world.programme, date(2025, 2, 3), "50")
    hours(user, world.programme, date(2025, 2, 17), "30")
    hours(user, world.programme, date(2025, 3, 10), "62.5")
    return user


def fetch(world, by=None):
    return staff_costs_from_timesheets(
        programme=world.programme, organisation=world.programme.owner, by=by
    )


def rows(world):
    return list(
        CostEntry.objects.filter(programme=world.programme, source="timesheet")
        .order_by("date")
        .values_list("date", "amount", "text")
    )


def test_the_unit_cost_is_raised_from_the_13th_month(world, anna):
    result = fetch(world)
    assert (result.created, result.missing_salaries) == (2, [])
    assert rows(world) == [
        (date(2025, 2, 28), D("23441.60"), "Staff cost Anna Berg, 80.00 h × 293.02 kr"),
        (date(2025, 3, 31), D("18753.75"), "Staff cost Anna Berg, 62.50 h × 300.06 kr"),
    ]


def test_the_row_text_is_in_the_language_of_the_page(world, anna):
    from django.utils import translation

    with translation.override("sv"):
        fetch(world)
    assert rows(world)[0][2] == "Personalkostnad Anna Berg, 80,00 h × 293,02 kr"


def test_it_is_the_claim_cores_unit_cost():
    first = claim_model.Month(2024, 3)
    assert claim_model.unit_cost(D("42000"), first, claim_model.Month(2025, 2), D("2.4")) == D(
        "293.02"
    )
    assert claim_model.unit_cost(D("42000"), first, claim_model.Month(2025, 3), D("2.4")) == D(
        "300.06"
    )


def test_the_uplift_comes_from_the_plan(world, anna):
    FinancePlan.objects.create(programme=world.programme, uplift_percent=D("0"))
    fetch(world)
    # No raise: 62.5 h × 293.02 = 18,313.75.
    assert [r[1] for r in rows(world)] == [D("23441.60"), D("18313.75")]


def test_running_it_again_adds_nothing(world, anna):
    fetch(world)
    again = fetch(world)
    assert (again.created, again.updated, again.removed, again.unchanged) == (0, 0, 0, 2)


def test_a_changed_salary_updates_the_rows_of_unclaimed_months(world, anna):
    fetch(world)
    StaffSalary.objects.filter(user=anna).update(monthly_salary_sek=D("43000"))
    result = fetch(world)
    # 43,000 × 12 / 1,720 = 300.00 (k = 0) → 24,000.00; × 1.024 = 307.20 → 19,200.00.
    assert (result.updated, result.unchanged) == (2, 0)
    assert [r[1] for r in rows(world)] == [D("24000.00"), D("19200.00")]


def test_hours_without_a_salary_record_are_skipped_and_named(world, anna):
    other = world.users["manager"]
    other.first_name, other.last_name = "Per", "Ek"
    other.save()
    hours(other, world.programme, date(2025, 2, 4), "7")
    result = fetch(world)
    assert result.created == 2
    assert result.missing_salaries == ["Per Ek"]
    assert result.missing_costs == []


def test_hours_before_the_first_month_are_refused_and_nothing_is_saved(world, anna):
    hours(anna, world.programme, date(2024, 2, 29), "4")
    with pytest.raises(ValidationError) as e:
        fetch(world)
    assert e.value.messages == [
        "Anna Berg has hours in 2024-02, before their first month in the project (2024-03) on "
        "the salary record. Correct the salary record's first month or the timesheet, then "
        "fetch again."
    ]
    assert rows(world) == []


def test_a_claimed_month_stays_frozen_when_the_salary_changes(world, anna):
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2025, 1, 1), date(2025, 2, 28)), (date(2025, 3, 1), date(2025, 6, 30))],
    )
    fetch(world)
    claim = services.claim_open(period=world.programme.reporting_periods.get(number=1))
    services.claim_submit(claim=claim, by=world.users["manager"])
    StaffSalary.objects.filter(user=anna).update(monthly_salary_sek=D("43000"))
    with pytest.raises(ValidationError) as e:
        fetch(world)
    assert e.value.messages == [
        "The timesheets of Anna Berg up to 2025-02-28 give 24,000.00 kr but the ledger holds "
        "23,441.60 kr, and reporting period 1 has already been claimed. Correct the timesheet, "
        "or book the difference in the next period."
    ]


def test_switching_to_the_annual_cost_gives_the_old_figures(world, anna):
    fetch(world)
    # 516,000 / 1,720 = 300.00 an hour: 80 h → 24,000.00, 62.5 h → 18,750.00.
    EmploymentCost.objects.create(user=anna, year=2025, annual_gross_cost_sek=D("516000"))
    FinancePlan.objects.create(programme=world.programme, staff_cost_method="annual_cost")
    result = fetch(world)
    assert result.updated == 2
    assert rows(world) == [
        (date(2025, 2, 28), D("24000.00"), "Staff cost Anna Berg, 80.00 h"),
        (date(2025, 3, 31), D("18750.00"), "Staff cost Anna Berg, 62.50 h"),
    ]


@pytest.fixture
def claim(world, anna):
    """Period 2025-01-01–2025-06-30: Anna's two months and a travel cost of 1,000.00."""
    services.reporting_periods_set(
        programme=world.programme, periods=[(date(2025, 1, 1), date(2025, 6, 30))]
    )
    fetch(world)
    services.cost_entry_create(
        programme=world.programme,
        organisation=world.programme.owner,
        category="travel",
        when=date(2025, 2, 12),
        amount=D("1000.00"),
        text="Tåg Östersund–Umeå",
    )
    return services.claim_open(period=world.programme.reporting_periods.get(number=1))


def _plan(world, model, rate):
    FinancePlan.objects.update_or_create(
        programme=world.programme,
        defaults={"cost_model": model, "indirect_rate_percent": D(rate)},
    )


def test_a_claim_under_staff_plus_40(world, claim):
    _plan(world, STAFF_PLUS_40, "40")
    figures = services.claim_figures(claim)
    # 42,195.35 × 40 % = 16,878.14; travel is covered by the flat rate → 59,073.49.
    assert figures.costs["staff"] == D("42195.35")
    assert figures.costs["indirect"] == D("16878.14")
    assert figures.total == D("59073.49")
    assert figures.not_eligible == D("1000.00")
    # The claim core computes the same from the same salary and hours.
    oracle = claim_model.compute(
        claim_model.ClaimInput(
            cost_model=STAFF_PLUS_40,
            staff=(
                claim_model.Staff(
                    "Anna",
                    D("42000"),
                    claim_model.Month(2024, 3),
                    {claim_model.Month(2025, 2): D(80), claim_model.Month(2025, 3): D("62.5")},
                ),
            ),
        )
    )
    assert (oracle.staff_total, oracle.flat_rate) == (D("42195.35"), D("16878.14"))


def test_a_claim_under_staff_plus_15_actual(world, claim):
    _plan(world, STAFF_PLUS_15_ACTUAL, "15")
    figures = services.claim_figures(claim)
    # 42,195.35 × 15 % = 6,329.3025 → 6,329.30; + travel 1,000.00 → 49,524.65.
    assert figures.costs["staff"] == D("42195.35")
    assert figures.costs["travel"] == D("1000.00")
    assert figures.costs["indirect"] == D("6329.30")
    assert figures.total == D("49524.65")


def test_the_verification_list_shows_hours_and_unit_cost_per_month(world, claim):
    staff = [r[8:] for r in verification.rows(claim) if r[8]]
    assert staff == [
        ["Anna Berg", "2025-02", D("80.00"), D("293.02")],
        ["Anna Berg", "2025-03", D("62.50"), D("300.06")],
    ]


# The salary records


def _row(user, month=date(2024, 3, 1), salary="42000", document="Anställningsavtal"):
    return SalaryInput(user, month, D(salary), document)


def test_salaries_are_saved_updated_and_removed_with_history(world):
    coach, manager = world.users["coach"], world.users["manager"]
    by = world.users["finance"]
    staff_salaries_set(programme=world.programme, rows=[_row(coach), _row(manager)], by=by)
    staff_salaries_set(programme=world.programme, rows=[_row(coach, salary="43000")], by=by)
    assert list(StaffSalary.objects.values_list("user", "monthly_salary_sek")) == [
        (coach.pk, D("43000.00"))
    ]
    actions = list(
        AuditEntry.objects.filter(model="finance.staffsalary")
        .order_by("pk")
        .values_list("action", "changes")
    )
    assert [a for a, _c in actions] == ["create", "create", "delete", "update"]
    assert actions[-1][1] == {"monthly_salary_sek": ["42000.00", "43000"]}


def test_bad_salary_rows_are_refused_naming_row_and_field_and_nothing_is_saved(world):
    coach = world.users["coach"]
    rows = [
        _row(coach),
        _row(coach, month=date(2023, 8, 1), salary="0", document=" "),
    ]
    with pytest.raises(ValidationError) as e:
        staff_salaries_set(programme=world.programme, rows=rows)
    name = coach.get_full_name() or coach.username
    assert e.value.messages == [
        f"Row 2, person: {name} already has a salary record (row 1).",
        "Row 2, first month in the project: 2023-08 lies outside the programme (2023-09 to "
        "2028-08).",
        "Row 2, monthly salary: give the full-time monthly salary in kronor, more than 0 and "
        "with at most two decimals.",
        "Row 2, documented by: name the document that shows the salary, e.g. the employment "
        "contract or the payslip of the first month.",
    ]
    assert not StaffSalary.objects.exists()


def _english(client_as):
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    return c


def _post(world, **row):
    data = {
        "salaries-TOTAL_FORMS": "1",
        "salaries-INITIAL_FORMS": "0",
        "salaries-0-user": str(world.users["coach"].pk),
        "salaries-0-first_month": "2024-03",
        "salaries-0-monthly_salary_sek": "42000",
        "salaries-0-document": "Anställningsavtal 2024-02-15",
    }
    data.update({f"salaries-0-{k}": v for k, v in row.items()})
    return data


def test_the_finance_officer_records_a_salary_on_the_page(world, client_as):
    c = _english(client_as)
    url = reverse("finance:salaries", args=[world.programme.code])
    response = c.post(url, _post(world))
    assert response.status_code == 302
    salary = StaffSalary.objects.get()
    assert (salary.first_month, salary.monthly_salary_sek) == (date(2024, 3, 1), D("42000.00"))
    page = c.get(url).content.decode()
    assert 'value="2024-03"' in page
    assert "taxable benefits" in page


def test_a_malformed_month_on_the_page_names_row_and_field(world, client_as):
    c = _english(client_as)
    url = reverse("finance:salaries", args=[world.programme.code])
    response = c.post(url, _post(world, first_month="March 2024"))
    assert response.status_code == 200
    assert (
        "Row 1, First month in the project: Give a month as YYYY-MM, e.g. 2024-03."
        in response.content.decode()
    )
    assert not StaffSalary.objects.exists()


def test_the_budget_form_sets_the_method_and_uplift(world, client_as):
    from .test_plan_forms import BALANCED, budget_post

    data = {**budget_post(world, BALANCED), "staff_cost_method": "annual_cost"}
    data["uplift_percent"] = "3"
    c = client_as("finance")
    response = c.post(reverse("finance:budget_edit", args=[world.programme.code]), data)
    assert response.status_code == 302
    plan = FinancePlan.objects.get()
    assert (plan.staff_cost_method, plan.uplift_percent) == ("annual_cost", D("3.00"))


def test_a_negative_uplift_is_refused(world):
    with pytest.raises(ValidationError) as e:
        services.budget_set(
            programme=world.programme, lines=[], financing=[], uplift_percent=D("-1")
        )
    assert "Yearly uplift of the unit cost: must be 0 % or more, not -1.00 %." in e.value.messages


def test_the_pages_are_in_swedish(world, client_as):
    c = client_as("finance")
    c.cookies["django_language"] = "sv"
    page = c.get(reverse("finance:salaries", args=[world.programme.code])).content.decode()
    assert "Personallöner" in page
    assert "skattepliktiga förmåner aldrig" in page
    assert "Enhetskostnaden räknas upp med 2,4" in page
    budget = c.get(reverse("finance:budget_edit", args=[world.programme.code])).content.decode()
    assert "Metod för personalkostnader" in budget
    assert "Årlig uppräkning av enhetskostnaden, procent" in budget


def test_the_ledger_button_names_a_person_without_a_salary(world, anna, client_as):
    other = world.users["manager"]
    other.first_name, other.last_name = "Per", "Ek"
    other.save()
    hours(other, world.programme, date(2025, 2, 4), "7")
    url = reverse("finance:staff_costs", args=[world.programme.code])
    page = _english(client_as).post(url, {"organisation": world.programme.owner_id}, follow=True)
    assert "2 added, 0 updated, 0 removed, 0 unchanged" in page.content.decode()
    assert (
        "Per Ek has hours but no salary record for the unit cost; enter their monthly salary "
        "on the staff salaries page, then fetch again." in page.content.decode()
    )
