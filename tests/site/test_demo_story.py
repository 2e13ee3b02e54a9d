"""The demo tells one story (issue 14, "Done when"; issue 17, "Demo data that does not add
up"): each firm's register is smooth, its productivity years, cost structure and energy
figures agree with the register and its trade, and its measures fit the trade."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from dipps.companies.demo_trades import trade_of
from dipps.companies.models import Company, KeyFigures
from dipps.engagements.models import ActionItem
from dipps.impact.models import ProductivityYear
from dipps.impact.models_energy import EnergyYear
from dipps.impact.selectors import impact_page
from dipps.scenarios import demo as scenarios_demo
from dipps.scenarios.models import CostStructure, Measure
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_tells_one_story():
    load_demo(company_count=30)
    _every_firms_register_is_smooth_and_its_sales_fit_its_staff()
    _productivity_follows_the_register_and_changes_plausibly()
    _cost_structures_take_the_register_turnover_and_measures_fit_the_trade()
    _energy_use_fits_the_trade_and_the_staff()


def _register(company):
    return {k.fiscal_year: k for k in KeyFigures.objects.filter(company=company)}


def _every_firms_register_is_smooth_and_its_sales_fit_its_staff():
    for company in Company.objects.all():
        years = _register(company)
        for year, figures in years.items():
            per_awu = figures.turnover_sek / figures.headcount
            assert D(1_000_000) < per_awu < D(3_300_000), (company.name, year, per_awu)
            before = years.get(year - 1)
            if before is not None:
                step = abs(figures.headcount - before.headcount)
                assert step <= max(D(1), before.headcount / 10), (company.name, year, step)


def _productivity_follows_the_register_and_changes_plausibly():
    manager = get_user_model().objects.get(username="projektledare")
    firms = Company.objects.filter(productivity_years__isnull=False).distinct()
    assert firms.count() >= 6
    changes = []
    for company in firms:
        register = _register(company)
        for year in ProductivityYear.objects.filter(company=company):
            figures = register[year.fiscal_year]
            assert year.net_sales == figures.turnover_sek
            cost = year.personnel_costs / figures.headcount
            assert D(600_000) < cost < D(850_000), (company.name, year.fiscal_year, cost)
        page = impact_page(manager, company.pk)
        assert page.baseline is not None
        changes += [c.change.percent for c in page.comparisons if c.change is not None]
    assert len(changes) >= 6
    assert all(D(-5) <= c <= D(15) for c in changes), changes
    assert sum(c > 0 for c in changes) >= len(changes) * 2 / 3


def _cost_structures_take_the_register_turnover_and_measures_fit_the_trade():
    for cs in CostStructure.objects.select_related("company"):
        figures = KeyFigures.objects.get(company=cs.company, fiscal_year=cs.year)
        revenue = cs.revenue_sek + cs.revenue_eur + cs.revenue_usd + cs.revenue_other
        assert abs(revenue - figures.turnover_sek) < 1, (cs.company.name, revenue)
        labour = D(scenarios_demo.COST_PER_AWU) * figures.headcount
        assert abs(cs.labour - labour) < 1, cs.company.name
    for measure in Measure.objects.select_related("cost_structure__company"):
        if "svets" in measure.name:
            assert trade_of(measure.cost_structure.company).key == "metal", measure.name
    for item in ActionItem.objects.select_related("engagement__company"):
        if "svets" in item.goal:
            assert trade_of(item.engagement.company).key == "metal", item.goal


def _energy_use_fits_the_trade_and_the_staff():
    assert EnergyYear.objects.exists()
    for year in EnergyYear.objects.filter(year=2023).select_related("company"):
        trade = trade_of(year.company)
        register = _register(year.company)
        staff = register[max(register)].headcount  # the latest, as the demo takes it
        (electricity,) = [u.quantity for u in year.uses.all() if u.carrier == "electricity"]
        per_awu = electricity / staff
        expected = D(trade.electricity_kwh)
        assert expected * D("0.8") < per_awu < expected * D("1.2"), (year.company.name, per_awu)
