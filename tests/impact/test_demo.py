"""The productivity demo: supported firms get a baseline and a later closed year."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from dipps.companies.models import KeyFigures
from dipps.engagements.models import CompanySupport
from dipps.impact import demo
from dipps.impact.models import ProductivityYear
from dipps.impact.selectors import impact_page

pytestmark = pytest.mark.django_db


def test_demo_years_follow_the_register_and_a_second_run_adds_nothing(world):
    today = timezone.localdate()
    first = date(today.year - 1, 3, 1)  # baseline: two years before this one
    firm = world.company
    CompanySupport.objects.create(
        programme=world.programme, company=firm, first_date=first, last_date=first
    )
    baseline = today.year - 2
    for year in (baseline - 2, baseline - 1, baseline):
        KeyFigures.objects.create(
            company=firm, fiscal_year=year, headcount=D("20"), turnover_sek=D("30000000")
        )
    demo.load()
    years = {y.fiscal_year: y for y in ProductivityYear.objects.filter(company=firm)}
    last_closed = today.year - 1
    assert sorted(years) == list(range(baseline - 2, last_closed + 1))
    assert years[baseline].net_sales == D("30000000.00")
    # The later year was added to the register with 6 % more turnover.
    assert years[last_closed].net_sales == D("31800000.00")
    assert KeyFigures.objects.get(company=firm, fiscal_year=last_closed).turnover_sek == D(
        "31800000.00"
    )
    page = impact_page(world.users["manager"], firm.pk)
    assert page.marks.baseline == baseline
    assert page.baseline is not None and page.rows[-1].per_employee > page.baseline.per_employee
    count = ProductivityYear.objects.count()
    demo.load()
    assert ProductivityYear.objects.count() == count
