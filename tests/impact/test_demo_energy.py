from decimal import Decimal

import pytest

from dipps.impact import demo_energy as demo
from dipps.impact.emissions import Method
from dipps.impact.models_energy import EnergyYear
from dipps.impact.selectors_energy import energy_report
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_shows_savings_close_to_the_expected_ones():
    from django.contrib.auth import get_user_model

    load_demo(company_count=30)
    firms = EnergyYear.objects.values_list("company", flat=True).distinct()
    assert len(set(firms)) == demo.FIRMS
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model()(
        is_superuser=True
    )
    for firm in EnergyYear.objects.select_related("company").filter(year=2023):
        report = energy_report(admin, firm.company, Method.MARKET)
        assert [y.year for y in report.years] == [2023, 2024, 2025]
        (c,) = [c for item, c in report.comparisons if item.goal == demo.GOAL]
        ratio = c.measured_kwh / c.expected_kwh
        assert Decimal("0.4") < ratio < Decimal("1.4") and ratio != 1
        assert c.measured_tonnes is not None and c.measured_t_co2e > 0
    count = EnergyYear.objects.count()
    demo.load()  # idempotent
    assert EnergyYear.objects.count() == count
