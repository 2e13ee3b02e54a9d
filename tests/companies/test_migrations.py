"""Migration 0004: whole persons become annual work units and each year gets its status."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("companies", "0003_keyfigures_size_class_fill")]
AFTER = [("companies", "0004_staff_awu_sme_status")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "companies"]
    return executor.loader.project_state([*others, *targets]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_staff_is_kept_as_work_units_and_the_status_follows_the_two_year_rule():
    apps = _migrate(BEFORE)
    try:
        Company = apps.get_model("companies", "Company")
        KeyFigures = apps.get_model("companies", "KeyFigures")
        firm = Company.objects.create(orgnr="5560360793", name="Norrlands Trä AB")
        other = Company.objects.create(orgnr="5565475489", name="Sundsvalls Mek AB")
        # Stored classes: small, medium (once), medium (twice), a gap, then micro.
        for year, head, cls in (
            (2020, 30, "small"),
            (2021, 60, "medium"),
            (2022, 70, "medium"),
            (2024, 8, "micro"),
        ):
            KeyFigures.objects.create(
                company=firm, fiscal_year=year, headcount=head, size_class=cls
            )
        KeyFigures.objects.create(company=other, fiscal_year=2023, headcount=None, size_class="")
        KeyFigures.objects.create(company=other, fiscal_year=2024, headcount=5, size_class=None)
        apps = _migrate(AFTER)
        KeyFigures = apps.get_model("companies", "KeyFigures")
        got = sorted(
            KeyFigures.objects.values_list(
                "company__name", "fiscal_year", "headcount", "sme_status"
            )
        )
        assert got == [
            ("Norrlands Trä AB", 2020, D("30.00"), "small"),
            ("Norrlands Trä AB", 2021, D("60.00"), "small"),
            ("Norrlands Trä AB", 2022, D("70.00"), "medium"),
            ("Norrlands Trä AB", 2024, D("8.00"), "micro"),  # after a gap: its own class
            ("Sundsvalls Mek AB", 2023, None, ""),  # not classifiable
            ("Sundsvalls Mek AB", 2024, D("5.00"), None),  # class never computed
        ]
    finally:
        _latest()
