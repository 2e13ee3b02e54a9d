"""The load bench's figures: percentiles, one run's summary and the verdict (no Django).

Percentiles are nearest-rank (the smallest sample with at least p % of the samples at or
below it), so every figure printed is a time some request really took; no interpolation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Issue 16, item 5: no failed request, no "database is locked", p95 within 10x the floor's.
MAX_P95_RATIO = 10.0


def percentile(samples: Sequence[float], p: float) -> float:
    """The nearest-rank p-th percentile (0 < p <= 100) of the samples."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < p <= 100:
        raise ValueError(f"percentile {p} is outside (0, 100]")
    ordered = sorted(samples)
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Sample:
    """One request: what it was, how long it took (s), its status (0: no answer)."""

    kind: str  # "page" (GET of a page), "write" (POST of a form), "login"
    pattern: str  # the URL without ids, to group slow pages: /companies/<n>/
    seconds: float
    status: int
    error: str = ""  # why it counts as failed: an exception, a status, a refused form

    @property
    def failed(self) -> bool:
        return bool(self.error)


@dataclass(frozen=True)
class Summary:
    requests: int
    errors: int
    seconds: float  # the run's wall time, for requests/s
    p50: float
    p95: float
    p99: float
    mean: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def summarise(samples: Sequence[Sample], seconds: float) -> Summary:
    """Requests/s, errors and percentiles (ms are for printing; these are seconds)."""
    if not samples:
        return Summary(0, 0, seconds, math.nan, math.nan, math.nan, math.nan)
    times = [s.seconds for s in samples]
    return Summary(
        requests=len(samples),
        errors=sum(1 for s in samples if s.failed),
        seconds=seconds,
        p50=percentile(times, 50),
        p95=percentile(times, 95),
        p99=percentile(times, 99),
        mean=sum(times) / len(times),
    )


def slowest_patterns(samples: Sequence[Sample], top: int = 8) -> list[tuple[str, int, float]]:
    """The URL patterns with the highest p95: (pattern, requests, p95 seconds)."""
    groups: dict[str, list[float]] = {}
    for s in samples:
        groups.setdefault(f"{s.kind} {s.pattern}", []).append(s.seconds)
    rows = [(name, len(times), percentile(times, 95)) for name, times in groups.items()]
    return sorted(rows, key=lambda row: -row[2])[:top]


@dataclass(frozen=True)
class Verdict:
    ratio: float
    errors: int
    locked: int

    @property
    def passed(self) -> bool:
        return self.errors == 0 and self.locked == 0 and self.ratio <= MAX_P95_RATIO


def verdict(real: Summary, floor: Summary, locked: int) -> Verdict:
    """Errors of both runs, "database is locked" lines in the log, p95(real)/p95(floor)."""
    ratio = real.p95 / floor.p95 if floor.p95 and floor.p95 > 0 else math.inf
    return Verdict(ratio=ratio, errors=real.errors + floor.errors, locked=locked)
