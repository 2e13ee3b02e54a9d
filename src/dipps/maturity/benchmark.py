"""Peer benchmarks: a company's percentile among comparable companies.

Peers are the *current* (newest submitted version) assessments of other
companies at the same stage with the same framework and version (a different
version measures differently, so it is no peer). Four groups: the same SNI
division, the same size class, the programme region (Jämtland and
Västernorrland) and all. A group is shown only when it holds at least
MIN_PEER_GROUP other companies, so a small group never reveals anyone.

The percentile is the one of `scoring.percentile` (share strictly below plus
half the share equal, × 100). Counting peers in SQL is linear in the rows
counted: a B-tree index narrows to a range in O(log n), but neither SQLite
nor PostgreSQL keeps subtree counts, so COUNT(*) over 100,000 peers reads
100,000 index entries (see docs/maturity.md, "Speed", for the measurement).
So each server keeps, per framework version and stage, the scores' sort keys
(floats derived from the exact store by `figures.sort_keys`; they keep the
order and the ties of the exact scores) of every peer group in sorted compact
arrays (two binary searches per number), read once with one query. After
that the arrays follow the `PeerChange` log that every submission appends to
in its own transaction: a page asks for changes newer than the last one
applied (one indexed query, usually empty) and applies each as a removal and
an insertion by bisection — no re-read.
A `reset` entry (bulk load, deletion) or a log that no longer matches (a
restored database) makes the server re-read everything. The company's own
current rows are subtracted from the counts.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from .figures import SORT_COLUMNS
from .frameworks import Framework
from .models import Assessment, PeerChange
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


def _percentile(below: int, equal: int, total: int) -> Fraction:
    return Fraction(2 * below + equal, 2 * total) * 100


class _Group:
    __slots__ = ("companies", "metrics")

    def __init__(self, width: int) -> None:
        #: company id -> number of its current rows in the group (usually 1)
        self.companies: dict[int, int] = {}
        self.metrics = [array("d") for _ in range(width)]


class _Distribution:
    """Sorted peer scores of one framework version and stage, kept up to date from the log."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.groups: dict[tuple, _Group] = {}
        #: ids of the assessments in the arrays: applying a change twice is harmless,
        #: so a change that lands between reading the log and reading the rows is safe.
        self.ids: set[int] = set()
        self.seen: tuple[int, str] = (0, "")  # (id, token) of the last change applied

    def add(self, pk, company_id, division, size_class, in_region, values) -> None:
        if pk in self.ids:
            return
        self.ids.add(pk)
        for group_key in _keys(division, size_class, in_region):
            group = self.groups.get(group_key)
            if group is None:
                group = self.groups[group_key] = _Group(self.width)
            group.companies[company_id] = group.companies.get(company_id, 0) + 1
            for target, value in zip(group.metrics, values, strict=True):
                value = value if value is not None else -1.0
                target.insert(bisect_left(target, value), value)

    def remove(self, pk, company_id, division, size_class, in_region, values) -> None:
        if pk not in self.ids:
            return
        self.ids.discard(pk)
        for group_key in _keys(division, size_class, in_region):
            group = self.groups[group_key]
            left = group.companies[company_id] - 1
            if left:
                group.companies[company_id] = left
            else:
                del group.companies[company_id]
            for target, value in zip(group.metrics, values, strict=True):
                del target[bisect_left(target, value if value is not None else -1.0)]


_CACHE: dict[tuple[str, int, str], _Distribution] = {}
_LOCK = threading.Lock()
_ROW = ("id", "company_id", "division", "size_class", "in_region")


def reset() -> None:
    """Forget every cached distribution: the next benchmark reads the rows anew (tests,
    which roll the database back under a running process)."""
    with _LOCK:
        _CACHE.clear()


def _keys(division, size_class, in_region) -> list[tuple]:
    keys: list[tuple] = [("all",)]
    if division is not None:
        keys.append(("division", division))
    if size_class:
        keys.append(("size_class", size_class))
    if in_region:
        keys.append(("region",))
    return keys


def _build(framework: str, version: int, stage: str, columns: list[str]) -> _Distribution:
    """Read every current row once (the first page a server serves, or after a reset)."""
    log = PeerChange.objects.filter(framework=framework, framework_version=version, stage=stage)
    last = log.order_by("-id").values_list("id", "token").first() or (0, "")
    built = _Distribution(len(columns))
    staged: dict[tuple, list[list[float]]] = {}
    rows = Assessment.objects.filter(
        framework=framework, framework_version=version, stage=stage, is_current=True
    ).values_list(*_ROW, *columns)
    for pk, company_id, division, size_class, in_region, *values in rows.iterator(chunk_size=5000):
        built.ids.add(pk)
        for group_key in _keys(division, size_class, in_region):
            group = built.groups.get(group_key)
            if group is None:
                group = built.groups[group_key] = _Group(len(columns))
                staged[group_key] = [[] for _ in columns]
            group.companies[company_id] = group.companies.get(company_id, 0) + 1
            for target, value in zip(staged[group_key], values, strict=True):
                target.append(value if value is not None else -1.0)
    for group_key, lists in staged.items():
        built.groups[group_key].metrics = [array("d", sorted(m)) for m in lists]
    built.seen = last
    return built


def _distribution(framework: str, version: int, stage: str, columns: list[str]) -> _Distribution:
    """The up-to-date distribution: one indexed query when nothing changed. Call under _LOCK."""
    key = (framework, version, stage)
    cached = _CACHE.get(key)
    if cached is None or cached.width != len(columns):
        cached = _CACHE[key] = _build(framework, version, stage, columns)
    seen_id, seen_token = cached.seen
    changes = list(
        PeerChange.objects.filter(
            framework=framework, framework_version=version, stage=stage, id__gte=seen_id
        )
        .order_by("id")
        .values_list("id", "token", "added", "removed", "reset")
    )
    if seen_id and (not changes or changes[0][:2] != (seen_id, seen_token)):
        # The change we read last is gone or different: a restored database.
        cached = _CACHE[key] = _build(framework, version, stage, columns)
        return cached
    if not seen_id and changes:
        # Built from an empty log, so a restore cannot be told from new changes: read anew.
        cached = _CACHE[key] = _build(framework, version, stage, columns)
        return cached
    pending = [c for c in changes if c[0] != seen_id]
    if not pending:
        return cached
    if any(c[4] for c in pending):
        cached = _CACHE[key] = _build(framework, version, stage, columns)
        return cached
    wanted = {pk for c in pending for pk in c[2:4] if pk is not None}
    rows = {r[0]: r for r in Assessment.objects.filter(pk__in=wanted).values_list(*_ROW, *columns)}
    for _id, _token, added, removed, _reset in pending:
        if removed in rows:
            cached.remove(*rows[removed][:5], rows[removed][5:])
        if added in rows:
            cached.add(*rows[added][:5], rows[added][5:])
    cached.seen = pending[-1][:2]
    return cached


def peer_benchmark(
    assessment: Assessment, framework: Framework, own: list[Assessment] | None = None
) -> list[PeerGroup]:
    """Percentiles of a submitted assessment per peer group; unshown groups carry no numbers.

    `own`: the company's current assessments of the same framework version and
    stage when the caller has them already (saves a query); they are in the
    arrays and are taken out of the counts.
    """
    if assessment.overall is None:
        return []
    names = ["overall"] + [d.id for d in framework.dimensions]
    columns = ["overall", *SORT_COLUMNS[: len(framework.dimensions)]]
    values = [getattr(assessment, c) for c in columns]
    key = (assessment.framework, assessment.framework_version, assessment.stage)
    if own is None:
        own = list(
            Assessment.objects.filter(
                company_id=assessment.company_id,
                framework=key[0],
                framework_version=key[1],
                stage=key[2],
                is_current=True,
            )
        )
    mine_rows = [
        (_keys(a.division, a.size_class, a.in_region), [getattr(a, c) for c in columns])
        for a in own
        if a.is_current and (a.framework, a.framework_version, a.stage) == key
    ]
    out = []
    with _LOCK:
        dist = _distribution(*key, columns)
        for kind, group_key in _group_keys(assessment):
            group = dist.groups.get(group_key)
            companies = len(group.companies) if group else 0
            if group and assessment.company_id in group.companies:
                companies -= 1
            result = PeerGroup(kind, companies)
            if result.shown:
                mine = [v for keys, v in mine_rows if group_key in keys]
                total = len(group.metrics[0]) - len(mine)
                for index, (name, value) in enumerate(zip(names, values, strict=True)):
                    ordered = group.metrics[index]
                    left = bisect_left(ordered, value)
                    right = bisect_right(ordered, value, lo=left)
                    below = left - sum(1 for r in mine if r[index] < value)
                    equal = right - left - sum(1 for r in mine if r[index] == value)
                    share = _percentile(below, equal, total)
                    if name == "overall":
                        result.overall = share
                    else:
                        result.dimensions[name] = share
                result.cells = [result.dimensions[d.id] for d in framework.dimensions]
            out.append(result)
    return out


def _group_keys(assessment: Assessment) -> list[tuple[str, tuple]]:
    groups: list[tuple[str, tuple]] = []
    if assessment.division is not None:
        groups.append(("division", ("division", assessment.division)))
    if assessment.size_class:
        groups.append(("size_class", ("size_class", assessment.size_class)))
    if assessment.in_region:
        groups.append(("region", ("region",)))
    groups.append(("all", ("all",)))
    return groups
