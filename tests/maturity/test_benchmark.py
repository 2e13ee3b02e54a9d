"""Peer percentiles from SQL counts agree with the scoring core and hide small groups."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dipps.maturity import services
from dipps.maturity.benchmark import peer_benchmark
from dipps.maturity.frameworks import load_framework
from dipps.maturity.scoring import percentile

from ..factories import make_company
from .builders import submitted

pytestmark = pytest.mark.django_db
DMA = load_framework("dipps-dma-sme", 1)


def _peers(world, levels, **company):
    out = []
    for level in levels:
        c = make_company(programme=world.programme, **company)
        out.append(submitted(c, world.programme, level=level))
    return out


def test_percentiles_match_the_core_for_overall_and_each_dimension(world):
    me = make_company(programme=world.programme, primary_division=25, size_class="small")
    mine = submitted(me, world.programme, level=2)
    peers = _peers(world, [0, 1, 2, 3, 4], primary_division=25, size_class="medium")
    groups = {g.kind: g for g in peer_benchmark(mine, DMA)}
    assert list(groups) == ["division", "size_class", "region", "all"]
    division = groups["division"]
    assert division.companies == 5 and division.shown
    # The arrays hold sort keys; the core's percentile of the exact scores is the same.
    assert division.overall == percentile(mine.exact.overall, [p.exact.overall for p in peers])
    assert division.overall == 50
    green = [p.exact.dimensions["green"] for p in peers]
    assert division.dimensions["green"] == percentile(mine.exact.dimensions["green"], green)
    assert mine.exact.dimensions["green"] == 20
    # Only 0 other small companies: the group is counted but shows nothing.
    assert groups["size_class"].companies == 0
    assert groups["size_class"].overall is None and not groups["size_class"].shown


def test_a_group_of_four_other_companies_is_never_shown(world):
    me = make_company(programme=world.programme, primary_division=16)
    mine = submitted(me, world.programme, level=3)
    _peers(world, [1, 2, 3, 4], primary_division=16)
    groups = {g.kind: g for g in peer_benchmark(mine, DMA)}
    assert groups["division"].companies == 4
    assert groups["division"].overall is None
    assert groups["division"].dimensions == {}


def test_only_the_current_version_at_the_same_stage_counts(world):
    me = make_company(programme=world.programme, primary_division=10)
    mine = submitted(me, world.programme, level=2)
    peers = _peers(world, [0, 0, 0, 0, 0], primary_division=10)
    # A correction lifts one peer above; its old version must no longer count.
    correction = services.assessment_correct(assessment=peers[0])
    from .builders import answers_at

    services.assessment_submit(assessment=correction, answers=answers_at(5))
    _peers(world, [5, 5], primary_division=99)  # other division, in "all" only
    t1 = make_company(programme=world.programme, primary_division=10)
    submitted(t1, world.programme, stage="t1", level=5)  # another stage: not a peer
    groups = {g.kind: g for g in peer_benchmark(mine, DMA)}
    assert groups["division"].companies == 5
    assert groups["division"].overall == Fraction(2 * 4, 2 * 5) * 100  # 4 below, 1 above
    assert groups["all"].companies == 7
