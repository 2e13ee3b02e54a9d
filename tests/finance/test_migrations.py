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


VERSIONS_BEFORE = [("finance", "0005_staff_salary")]
VERSIONS_AFTER = [("finance", "0006_budget_versions")]


@pytest.mark.slow  # migrates the whole project back and forth (about 10 s)
def test_existing_lines_become_version_1_approved_from_the_start_with_the_decision():
    apps = _migrate(VERSIONS_BEFORE)
    try:
        Organisation = apps.get_model("programmes", "Organisation")
        Programme = apps.get_model("programmes", "Programme")
        Financier = apps.get_model("programmes", "Financier")
        FinancePlan = apps.get_model("finance", "FinancePlan")
        BudgetLine = apps.get_model("finance", "BudgetLine")
        FinancingLine = apps.get_model("finance", "FinancingLine")
        owner = Organisation.objects.create(name="Region JH")

        def programme(code, **kw):
            return Programme.objects.create(
                code=code,
                name=code,
                start=date(2023, 9, 1),
                end=date(2028, 8, 31),
                owner=owner,
                total_budget=D("1000"),
                **kw,
            )

        decided = programme("DECIDED", diary_number="RUN/123/2023", decision_date=date(2023, 6, 14))
        FinancePlan.objects.create(
            programme=decided, cost_model="staff_plus_40", indirect_rate_percent=D("40")
        )
        by_financier = programme("FIN")
        eruf = Financier.objects.create(
            programme=by_financier,
            name="ERUF",
            share_percent=D("40"),
            amount=D("400"),
            kind="public",
            decision_number="20201234",
            decision_date=date(2023, 8, 1),
        )
        empty = programme("EMPTY")
        for p in (decided, by_financier):
            BudgetLine.objects.create(
                programme=p, year=2024, organisation=owner, category="staff", amount=D("700")
            )
        FinancingLine.objects.create(programme=by_financier, financier=eruf, year=2024, amount=1)

        apps = _migrate(VERSIONS_AFTER)
        BudgetVersion = apps.get_model("finance", "BudgetVersion")
        got = {
            v.programme.code: (
                v.number,
                v.kind,
                v.status,
                v.in_force_from,
                v.decision_reference,
                v.decision_date,
                v.cost_model,
                v.rate_percent,
                v.lines.count(),
                v.financing.count(),
            )
            for v in BudgetVersion.objects.select_related("programme")
        }
        assert got == {
            "DECIDED": (
                1,
                "original",
                "approved",
                date(2023, 9, 1),
                "RUN/123/2023",
                date(2023, 6, 14),
                "staff_plus_40",
                D("40.00"),
                1,
                0,
            ),
            "FIN": (
                1,
                "original",
                "approved",
                date(2023, 9, 1),
                "20201234",
                date(2023, 8, 1),
                "staff_plus_15_actual",
                D("15.00"),
                1,
                1,
            ),
        }
        assert empty.code not in got

        # Back again: the lines belong to their programme.
        apps = _migrate(VERSIONS_BEFORE)
        BudgetLine = apps.get_model("finance", "BudgetLine")
        assert sorted(BudgetLine.objects.values_list("programme__code", "amount")) == [
            ("DECIDED", D("700.00")),
            ("FIN", D("700.00")),
        ]
    finally:
        _latest()
