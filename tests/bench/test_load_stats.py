import math

import pytest

from _load_stats import Sample, percentile, slowest_patterns, summarise, verdict


def test_percentiles_are_nearest_rank_samples():
    # The textbook example of the nearest-rank method.
    values = [15, 20, 35, 40, 50]
    assert [percentile(values, p) for p in (5, 30, 40, 50, 100)] == [15, 20, 20, 35, 50]


def test_percentiles_of_a_hundred_samples_pick_the_exact_rank():
    values = list(range(100, 0, -1))  # 1..100, shuffled order must not matter
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile(values, 99.5) == 100
    assert percentile([7.0], 99) == 7.0


def test_a_percentile_needs_samples_and_a_share_in_range():
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)
    with pytest.raises(ValueError, match="outside"):
        percentile([1], 0)


def sample(seconds, status=200, error="", pattern="/companies/<n>/", kind="page"):
    return Sample(kind, pattern, seconds, status, error)


def test_a_summary_counts_requests_per_second_errors_and_percentiles():
    samples = [sample(s / 1000) for s in range(1, 20)] + [sample(0.5, 500, "HTTP 500")]
    summary = summarise(samples, seconds=4.0)
    assert summary.requests == 20
    assert summary.per_second == 5.0
    assert summary.errors == 1
    assert summary.p50 == 0.010
    assert summary.p95 == 0.019
    assert summary.p99 == 0.5
    assert math.isnan(summarise([], 1.0).p95)


def test_the_verdict_needs_no_errors_no_lock_and_p95_within_ten_times_the_floor():
    floor = summarise([sample(0.010)] * 20, 1.0)
    fast = summarise([sample(0.100)] * 20, 1.0)
    slow = summarise([sample(0.101)] * 20, 1.0)
    assert verdict(fast, floor, locked=0).passed
    assert verdict(fast, floor, locked=0).ratio == pytest.approx(10.0)
    assert not verdict(slow, floor, locked=0).passed
    assert not verdict(fast, floor, locked=1).passed
    failed = summarise([sample(0.05, 0, "RemoteDisconnected")] + [sample(0.01)] * 19, 1.0)
    assert not verdict(failed, floor, locked=0).passed


def test_the_slowest_patterns_come_first_by_their_p95():
    samples = [sample(0.01, pattern="/a/")] * 3 + [sample(0.2, pattern="/b/", kind="write")]
    assert slowest_patterns(samples) == [("write /b/", 1, 0.2), ("page /a/", 3, 0.01)]
