"""The plain action-item number of a measure becomes a foreign key without losing a link."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("scenarios", "0001_initial")]
AFTER = [("scenarios", "0002_measure_action_item_fk")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "scenarios"]
    return executor.loader.project_state([*others, *targets]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_item_numbers_are_kept_as_links(world):
    apps = _migrate(BEFORE)
    try:
        Engagement = apps.get_model("engagements", "Engagement")
        ActionItem = apps.get_model("engagements", "ActionItem")
        CostStructure = apps.get_model("scenarios", "CostStructure")
        Measure = apps.get_model("scenarios", "Measure")
        engagement = Engagement.objects.create(
            company_id=world.company.pk, programme_id=world.programme.pk, started=date(2024, 1, 1)
        )
        item = ActionItem.objects.create(
            engagement=engagement, goal="LED", intervention="energy", created=date(2024, 1, 2)
        )
        cs = CostStructure.objects.create(company_id=world.company.pk, year=2024)
        linked = Measure.objects.create(
            cost_structure=cs, type="energy_efficiency", name="LED", action_item_id=item.pk
        )
        dangling = Measure.objects.create(
            cost_structure=cs, type="energy_efficiency", name="Gammal", action_item_id=999_999
        )
        plain = Measure.objects.create(cost_structure=cs, type="energy_efficiency", name="Ingen")
    finally:
        apps = _migrate(AFTER)
        _latest()
    Measure = apps.get_model("scenarios", "Measure")
    assert Measure.objects.get(pk=linked.pk).action_item_id == item.pk
    assert Measure.objects.get(pk=dangling.pk).action_item_id is None
    assert Measure.objects.get(pk=plain.pk).action_item_id is None
