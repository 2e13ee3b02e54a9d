"""The scenario demo: several firms, some filled from an SIE file, idempotent."""

import random
from decimal import Decimal

import pytest

from dipps.finance.sie import parse_bytes
from dipps.scenarios import demo
from dipps.scenarios.models import CostStructure, Measure, PricePoint, ScenarioRun
from dipps.scenarios.sie_mapping import map_sie
from tests.factories import make_company

pytestmark = pytest.mark.django_db


def test_the_demo_sie_file_goes_through_the_real_mapping():
    company = make_company("Demo Verkstad AB", orgnr="5560360793")
    mapping = map_sie(parse_bytes(demo.sie_bytes(company, random.Random(1))))
    revenue = mapping.amount("revenue")
    assert mapping.year == demo.YEAR and mapping.orgnr == "5560360793"
    assert revenue > 0 and not mapping.negative_lines
    # wages, salaries and employer contributions: 20 % + 7 % + 9 % of revenue
    assert mapping.amount("labour") == (revenue * Decimal("0.36")).quantize(Decimal("1.00"))


def test_the_demo_loads_six_firms_and_a_second_run_adds_nothing(world):
    for n in range(6):
        make_company(f"Demo {n} AB", programme=world.programme)
    demo.load()
    counts = (
        CostStructure.objects.count(),
        CostStructure.objects.filter(source="sie").count(),
        Measure.objects.count(),
        ScenarioRun.objects.count(),
        PricePoint.objects.count(),
    )
    assert counts == (6, 3, 12, 6, 216)
    demo.load()
    assert (
        CostStructure.objects.count(),
        CostStructure.objects.filter(source="sie").count(),
        Measure.objects.count(),
        ScenarioRun.objects.count(),
        PricePoint.objects.count(),
    ) == counts
