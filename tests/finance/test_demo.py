from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from dipps.finance import demo, selectors, services
from dipps.finance.models import CostEntry, PaymentClaim, SieImport
from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_balanced_budget_costs_and_two_claims_and_is_idempotent():
    programme = make_programme()
    demo.load()
    assert selectors.budget_check(programme) == []
    counted = CostEntry.objects.filter(state="counted", excluded=False).count()
    # 56 SIE rows on P1 (IUC) + 28 manual entries (Region) + IUC's course fees (income)
    assert counted == 85
    income = CostEntry.objects.get(category="income")
    assert (income.amount, income.date.isoformat()) == (D("7500.00"), "2024-10-17")
    draft = PaymentClaim.objects.get(status="draft", period__number=2)
    figures = services.claim_figures(draft)
    assert figures.income == D("7500.00")
    assert figures.net_total == figures.total - D("7500.00")
    statuses = list(PaymentClaim.objects.order_by("period__start").values_list("status", flat=True))
    assert statuses[:2] == ["submitted", "draft"]
    first = PaymentClaim.objects.get(status="submitted")
    assert D(first.snapshot["total"]) > 0
    demo.load()
    assert CostEntry.objects.filter(state="counted", excluded=False).count() == counted
    assert SieImport.objects.count() == 1


def test_the_demo_sie_file_is_the_same_bytes_every_time():
    assert demo.demo_sie() == demo.demo_sie()


@pytest.mark.slow  # loads the whole demo
def test_the_demo_claims_the_coaches_hours_at_the_handbooks_unit_cost():
    from dipps.finance import verification
    from dipps.finance.models import StaffSalary
    from dipps.site.demo import load_demo

    load_demo(company_count=30)
    assert StaffSalary.objects.count() == 2
    staff = CostEntry.objects.filter(source="timesheet")
    assert staff.exists()
    assert all(" h × " in e.text and e.text.endswith(" kr") for e in staff)
    # The draft claim of the last ended period with timesheet rows (the evaluation demo opens
    # one on the programme's last period too).
    draft = next(
        c
        for c in PaymentClaim.objects.filter(status="draft").select_related("period")
        if staff.filter(date__range=(c.period.start, c.period.end)).exists()
    )
    rows = [r for r in verification.rows(draft) if r[8]]
    assert rows
    # Each row is hours × the month's unit cost; the lowest possible is the first year's
    # 43,500 × 12 / 1,720 = 303.49 (coach's salary, from 2023-09).
    assert all((r[10] * r[11]).quantize(D("0.01"), ROUND_HALF_UP) == r[6] for r in rows)
    assert all(r[11] >= D("303.49") for r in rows)
    count = staff.count()
    load_demo(company_count=30)
    assert CostEntry.objects.filter(source="timesheet").count() == count
