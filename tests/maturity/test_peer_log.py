"""The servers' peer arrays follow the change log instead of re-reading every peer."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dipps.maturity import benchmark, services
from dipps.maturity.benchmark import peer_benchmark
from dipps.maturity.frameworks import load_framework
from dipps.maturity.models import Assessment, PeerChange
from dipps.maturity.scoring import percentile

from ..factories import make_company
from .builders import answers_at, submitted

pytestmark = pytest.mark.django_db
DMA = load_framework("dipps-dma-sme", 1)


@pytest.fixture
def builds(monkeypatch):
    """Count full re-reads of the peers (and start every test from an empty cache)."""
    monkeypatch.setattr(benchmark, "_CACHE", {})
    calls = []
    real = benchmark._build

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(benchmark, "_build", counting)
    return calls


def _fresh(assessment):
    """The same percentiles from a brand-new server (an empty cache)."""
    benchmark._CACHE.clear()
    return {g.kind: (g.companies, g.overall, g.dimensions) for g in peer_benchmark(assessment, DMA)}


def _groups(assessment):
    return {g.kind: (g.companies, g.overall, g.dimensions) for g in peer_benchmark(assessment, DMA)}


def test_a_submission_is_applied_to_the_arrays_without_re_reading_the_peers(world, builds):
    me = make_company(programme=world.programme, primary_division=25)
    mine = submitted(me, world.programme, level=2)
    for level in (0, 1, 3, 4, 5):
        submitted(
            make_company(programme=world.programme, primary_division=25),
            world.programme,
            level=level,
        )
    assert _groups(mine)["division"][1] == 40  # 2 of 5 below
    assert len(builds) == 1
    newcomer = submitted(
        make_company(programme=world.programme, primary_division=25), world.programme, level=0
    )
    incremental = _groups(mine)
    assert len(builds) == 1  # applied from the log, not rebuilt
    assert incremental["division"][0] == 6
    assert incremental["division"][1] == Fraction(3, 6) * 100
    assert incremental == _fresh(mine)
    assert newcomer.pk in benchmark._CACHE[("dipps-dma-sme", 1, "t0")].ids


def test_a_correction_replaces_the_old_version_in_the_arrays(world, builds):
    me = make_company(programme=world.programme, primary_division=16)
    mine = submitted(me, world.programme, level=2)
    peers = [
        submitted(
            make_company(programme=world.programme, primary_division=16),
            world.programme,
            level=level,
        )
        for level in (0, 0, 0, 0, 0)
    ]
    assert _groups(mine)["division"][1] == 100
    correction = services.assessment_correct(assessment=peers[0])
    services.assessment_submit(assessment=correction, answers=answers_at(5))
    groups = _groups(mine)
    assert len(builds) == 1
    assert groups["division"][0] == 5  # still five companies: one version each
    assert groups["division"][1] == percentile(mine.overall, [0.0] * 4 + [100.0])
    assert groups == _fresh(mine)


def test_a_page_with_no_new_change_asks_one_indexed_query_for_the_peers(world, builds):
    mine = submitted(world.company, world.programme, level=2)
    own = list(Assessment.objects.filter(pk=mine.pk))
    peer_benchmark(mine, DMA, own=own)
    with CaptureQueriesContext(connection) as queries:
        peer_benchmark(mine, DMA, own=own)
    assert len(queries) == 1
    assert "maturity_peerchange" in queries[0]["sql"]


def test_a_deleted_company_resets_the_arrays(world, builds):
    mine = submitted(world.company, world.programme, level=2)
    others = [make_company(programme=world.programme, primary_division=33) for _ in range(6)]
    for level, company in enumerate(others):
        submitted(company, world.programme, level=level)
    before = _groups(mine)["all"][0]
    others[0].delete()
    assert PeerChange.objects.filter(reset=True).exists()
    assert _groups(mine)["all"][0] == before - 1
    assert len(builds) == 2


def test_a_log_that_no_longer_matches_makes_the_server_re_read(world, builds):
    mine = submitted(world.company, world.programme, level=2)
    _groups(mine)
    # A restored database: the entry this server read last now carries another token.
    PeerChange.objects.all().update(token="restored")
    _groups(mine)
    assert len(builds) == 2


def test_applying_the_same_change_twice_counts_it_once(world, builds):
    mine = submitted(world.company, world.programme, level=2)
    _groups(mine)
    dist = benchmark._CACHE[("dipps-dma-sme", 1, "t0")]
    row = (mine.pk, mine.company_id, mine.division, mine.size_class, mine.in_region)
    values = [mine.overall, mine.d1, mine.d2, mine.d3, mine.d4, mine.d5, mine.d6]
    dist.add(*row, values)
    assert len(dist.groups[("all",)].metrics[0]) == 1
    dist.remove(*row, values)
    dist.remove(*row, values)
    assert len(dist.groups[("all",)].metrics[0]) == 0
    assert dist.groups[("all",)].companies == {}
