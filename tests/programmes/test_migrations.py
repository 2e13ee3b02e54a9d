"""Financiers get a type from today's public/private and owner fields, losing nothing."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("programmes", "0001_initial")]
AFTER = [("programmes", "0002_financier_decisions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The state of the targets and what they depend on: the other apps' latest migrations may
    # need a later programmes migration (impact's DiD estimate does), which is not applied here.
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_types_are_set_from_kind_owner_and_name():
    apps = _migrate(BEFORE)
    try:
        Organisation = apps.get_model("programmes", "Organisation")
        Programme = apps.get_model("programmes", "Programme")
        Financier = apps.get_model("programmes", "Financier")
        programme = Programme.objects.create(
            code="OLD",
            name="Old",
            start=date(2023, 9, 1),
            end=date(2028, 8, 31),
            owner=Organisation.objects.create(name="Region JH"),
            total_budget=D("1000"),
        )
        rows = [
            ("IUC Z-Group", "private", False, "100"),
            ("Region Jämtland Härjedalen", "public", True, "500"),
            ("Europeiska regionala utvecklingsfonden (ERUF)", "public", False, "300"),
            ("Östersunds kommun", "public", False, "100"),
        ]
        for name, kind, owner, amount in rows:
            Financier.objects.create(
                programme=programme,
                name=name,
                share_percent=D(amount) / 10,
                amount=D(amount),
                kind=kind,
                is_owner=owner,
            )
        apps = _migrate(AFTER)
        Financier = apps.get_model("programmes", "Financier")
        got = {
            f.name: (f.financier_type, f.kind, f.is_owner, f.amount, f.decision_number)
            for f in Financier.objects.all()
        }
        assert got == {
            "IUC Z-Group": ("private", "private", False, D("100.00"), ""),
            # The owner's public money stays its own co-financing until someone corrects it.
            "Region Jämtland Härjedalen": ("region_municipality", "public", True, D("500.00"), ""),
            "Europeiska regionala utvecklingsfonden (ERUF)": (
                "eu_fund",
                "public",
                False,
                D("300.00"),
                "",
            ),
            "Östersunds kommun": ("region_municipality", "public", False, D("100.00"), ""),
        }
    finally:
        _latest()
