"""Peer benchmarks: a company's percentile among comparable companies.

Peers are the *current* (newest submitted version) assessments of other
companies at the same stage with the same framework and version (a different
version measures differently, so it is no peer). Four groups: the same SNI
division, the same size class, the programme region (Jämtland and
Västernorrland) and all. A group is shown only when it holds at least
MIN_PEER_GROUP other companies, so a small group never reveals anyone.

The percentile is the one of `scoring.percentile` (share strictly below plus
half the share equal, × 100). Counting peers row by row in SQL is linear in
the peers (100,000 at programme scale), too slow for a page. So each server
keeps, per framework version and stage, the stored scores of every peer group
sorted in compact arrays (`percentile_sorted`: two binary searches), read once
with one query; `PeerGeneration` is bumped in the same transaction as every
submission, so a server rebuilds its arrays on the first request after a
change. The company's own current rows are subtracted from the counts.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .frameworks import Framework
from .models import SCORE_COLUMNS, Assessment, PeerGeneration
from .scoring import MIN_PEER_GROUP

GROUP_LABELS = {
    "division": _("same SNI division"),
    "size_class": _("same size class"),
    "region": _("the programme region"),
    "all": _("all assessed companies"),
}


@dataclass
class PeerGroup:
    kind: str
    #: Number of other companies in the group (shown only when ≥ MIN_PEER_GROUP).
    companies: int
    overall: Fraction | None = None
    #: dimension id -> percentile
    dimensions: dict[str, Fraction] = field(default_factory=dict)
    #: The dimension percentiles in the framework's order (for tables).
    cells: list[Fraction] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(GROUP_LABELS[self.kind])

    @property
    def shown(self) -> bool:
        return self.companies >= MIN_PEER_GROUP


def _groups(assessment: Assessment) -> list[tuple[str, Q]]:
    groups = []
    if assessment.division is not None:
        groups.append(("division", Q(division=assessment.division)))
    if assessment.size_class:
        groups.append(("size_class", Q(size_class=assessment.size_class)))
    if assessment.in_region:
        groups.append(("region", Q(in_region=True)))
    groups.append(("all", Q()))
    return groups


def _percentile(below: int, equal: int, total: int) -> Fraction:
    return Fraction(2 * below + equal, 2 * total) * 100


class _Group:
    __slots__ = ("companies", "metrics")

    def __init__(self, width: int) -> None:
        self.companies: set[int] = set()
        self.metrics = [array("d") for _ in range(width)]


@dataclass
class _Distribution:
    token: str
    groups: dict[tuple, _Group]


_CACHE: dict[tuple[str, int, str], _Distribution] = {}
_LOCK = threading.Lock()


def _keys(division, size_class, in_region) -> list[tuple]:
    keys: list[tuple] = [("all",)]
    if division is not None:
        keys.append(("division", division))
    if size_class:
        keys.append(("size_class", size_class))
    if in_region:
        keys.append(("region",))
    return keys


def _distribution(framework: str, version: int, stage: str, columns: list[str]) -> _Distribution:
    key = (framework, version, stage)
    token = (
        PeerGeneration.objects.filter(framework=framework, framework_version=version, stage=stage)
        .values_list("token", flat=True)
        .first()
    ) or ""
    cached = _CACHE.get(key)
    if cached is not None and cached.token == token and token:
        return cached
    with _LOCK:
        groups: dict[tuple, _Group] = {}
        rows = Assessment.objects.filter(
            framework=framework, framework_version=version, stage=stage, is_current=True
        ).values_list("company_id", "division", "size_class", "in_region", *columns)
        for company_id, division, size_class, in_region, *values in rows.iterator(chunk_size=5000):
            for group_key in _keys(division, size_class, in_region):
                group = groups.get(group_key)
                if group is None:
                    group = groups[group_key] = _Group(len(columns))
                group.companies.add(company_id)
                for target, value in zip(group.metrics, values, strict=True):
                    target.append(value if value is not None else -1.0)
        for group in groups.values():
            group.metrics = [array("d", sorted(m)) for m in group.metrics]
        built = _Distribution(token, groups)
        _CACHE[key] = built
        return built


def peer_benchmark(assessment: Assessment, framework: Framework) -> list[PeerGroup]:
    """Percentiles of a submitted assessment per peer group; unshown groups carry no numbers."""
    if assessment.overall is None:
        return []
    names = ["overall"] + [d.id for d in framework.dimensions]
    columns = ["overall", *SCORE_COLUMNS[: len(framework.dimensions)]]
    values = [getattr(assessment, c) for c in columns]
    dist = _distribution(
        assessment.framework, assessment.framework_version, assessment.stage, columns
    )
    # The company's own current rows are in the arrays; take them out of the counts.
    own = list(
        Assessment.objects.filter(
            company_id=assessment.company_id,
            framework=assessment.framework,
            framework_version=assessment.framework_version,
            stage=assessment.stage,
            is_current=True,
        ).values_list("division", "size_class", "in_region", *columns)
    )
    out = []
    for kind, _where in _groups(assessment):
        group_key = {
            "all": ("all",),
            "division": ("division", assessment.division),
            "size_class": ("size_class", assessment.size_class),
            "region": ("region",),
        }[kind]
        group = dist.groups.get(group_key)
        companies = len(group.companies) if group else 0
        mine = [r[3:] for r in own if group_key in _keys(*r[:3])]
        if group and assessment.company_id in group.companies:
            companies -= 1
        result = PeerGroup(kind, companies)
        if result.shown:
            total = len(group.metrics[0]) - len(mine)
            for index, (name, value) in enumerate(zip(names, values, strict=True)):
                ordered = group.metrics[index]
                below = bisect_left(ordered, value) - sum(1 for r in mine if r[index] < value)
                equal = (
                    bisect_right(ordered, value)
                    - bisect_left(ordered, value)
                    - sum(1 for r in mine if r[index] == value)
                )
                share = _percentile(below, equal, total)
                if name == "overall":
                    result.overall = share
                else:
                    result.dimensions[name] = share
            result.cells = [result.dimensions[d.id] for d in framework.dimensions]
        out.append(result)
    return out
