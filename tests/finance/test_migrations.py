"""Existing plans get the 15 % cost model; a rate above 15 is clamped to 15 (0002's docstring)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("finance", "0001_initial")]
AFTER = [("finance", "0002_cost_model")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "finance"]
    return executor.loader.project_state([*others, *targets]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_plans_get_the_15_model_and_keep_a_rate_in_its_range():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("programmes", "Organisation")
        Programme = apps.get_model("programmes", "Programme")
        FinancePlan = apps.get_model("finance", "FinancePlan")
        owner = Organisation.objects.create(name="Region JH")
        for code, rate in (("ZERO", "0"), ("TEN", "10.50"), ("FIFTEEN", "15"), ("HIGH", "25")):
            programme = Programme.objects.create(
                code=code,
                name=code,
                start=date(2023, 9, 1),
                end=date(2028, 8, 31),
                owner=owner,
                total_budget=D("1000"),
            )
            FinancePlan.objects.create(programme=programme, indirect_rate_percent=D(rate))
        apps = _migrate(AFTER)
        FinancePlan = apps.get_model("finance", "FinancePlan")
        got = {
            p.programme.code: (p.cost_model, p.indirect_rate_percent)
            for p in FinancePlan.objects.select_related("programme")
        }
        assert got == {
            "ZERO": ("staff_plus_15_actual", D("0.00")),
            "TEN": ("staff_plus_15_actual", D("10.50")),
            "FIFTEEN": ("staff_plus_15_actual", D("15.00")),
            "HIGH": ("staff_plus_15_actual", D("15.00")),  # clamped, as 0002 says
        }
    finally:
        _latest()
