"""The rounded float scores become exact fractions recomputed from the answers, losing nothing."""

from datetime import UTC, datetime
from fractions import Fraction

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from .test_one_total import ANSWERS

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("maturity", "0002_peer_change_log")]
AFTER = [("maturity", "0003_exact_scores")]
SUBMITTED = datetime(2025, 3, 1, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "maturity"]
    return executor.loader.project_state([*others, *targets]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _old(Assessment, world, **fields):
    return Assessment.objects.create(
        company_id=world.company.pk,
        programme_id=world.programme.pk,
        stage=fields.pop("stage", "t0"),
        framework=fields.pop("framework", "dipps-dma-sme"),
        framework_version=1,
        **fields,
    )


def test_scores_are_recomputed_exactly_or_kept_when_they_cannot_be(world):
    apps = _migrate(BEFORE)
    try:
        Assessment = apps.get_model("maturity", "Assessment")
        dims = {"strategy": 42.5, "readiness": 55.0, "human": 50.0}
        dims |= {"data": 25.0, "automation": 60.0, "green": 45.0}
        answered = _old(
            Assessment,
            world,
            status="submitted",
            submitted=SUBMITTED,
            is_current=True,
            answers=ANSWERS,
            overall=46.25,
            band="average",
            scores=dims,
            d1=42.5,
        )
        unknown = _old(
            Assessment,
            world,
            framework="dipps-retired",
            stage="t1",
            status="submitted",
            submitted=SUBMITTED,
            answers={"gone": 1},
            overall=33.3333,
            band="low",
            scores={"x": 33.3333},
            d1=33.3333,
        )
        draft = _old(Assessment, world, stage="t2", answers={"strategy.preparedness": [1]})
    finally:
        apps = _migrate(AFTER)
    try:
        Assessment = apps.get_model("maturity", "Assessment")
        PeerChange = apps.get_model("maturity", "PeerChange")
        exact = Assessment.objects.get(pk=answered.pk)
        assert exact.scores["overall"] == "185/4"
        assert exact.scores["dimensions"]["strategy"] == "85/2"
        assert (exact.overall, exact.d1, exact.d6, exact.d7) == (46.25, 42.5, 45.0, None)
        assert exact.band == "average"
        kept = Assessment.objects.get(pk=unknown.pk)
        assert kept.scores == {"overall": "333333/10000", "dimensions": {"x": "333333/10000"}}
        assert (kept.overall, kept.band, kept.d1) == (33.3333, "low", 33.3333)
        assert Assessment.objects.get(pk=draft.pk).scores == {}
        resets = PeerChange.objects.filter(reset=True)
        assert sorted(resets.values_list("framework", "stage")) == [
            ("dipps-dma-sme", "t0"),
            ("dipps-retired", "t1"),
        ]
        apps = _migrate(BEFORE)  # and back: floats rounded to 4 decimals again
        Assessment = apps.get_model("maturity", "Assessment")
        back = Assessment.objects.get(pk=answered.pk)
        assert (back.overall, back.scores["human"], back.d1) == (46.25, 50.0, 42.5)
        assert Fraction(str(Assessment.objects.get(pk=unknown.pk).overall)) == Fraction("33.3333")
    finally:
        _latest()
