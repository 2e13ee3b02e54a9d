"""Matching supported firms to comparison firms in exact cells, and the rows of the DiD.

Pure Python, no Django (docs/impact.md, "Comparison group"). A **cell** is an SNI division
(the first two digits of the firm's primary SNI 2007 code) and a size class by staff in the
baseline year. The size classes are the staff headcount bands of Commission Recommendation
2003/361/EC, annex art. 2: micro under 10, small 10–49, medium 50–249 persons (annual work
units, annex art. 5); 250 or more is a large enterprise and is not matched.

- A **supported firm** has a baseline year (the last fiscal year closed before its first
  support, `productivity.closed_before`) and is placed in the cell of its division and of
  its staff in that year. Its ``pre`` value is its outcome in the baseline year, its
  ``post`` value its outcome in the latest year after the baseline that has one.
- A cell's **years**: ``pre_year`` = the lower median of its supported firms' baseline years,
  ``post_year`` = the lower median of their post years (`statistics.median_low`, so the year
  is one that a supported firm of the cell really uses).
- A **comparison firm** joins the first cell of its division, in the order micro, small,
  medium, whose size class its staff in the cell's ``pre_year`` gives. Its ``pre`` and
  ``post`` values are its outcomes in the cell's ``pre_year`` and ``post_year``.
- A cell with supported firms but no comparison firm matches nothing: its supported firms are
  counted as unmatched and left out of the estimate.

The outcome is value added per employee (`productivity.per_employee`). The relative year of a
figure is the fiscal year minus the year of the first support (baseline + 1): the baseline is
−1; for comparison firms the cell's ``pre_year`` + 1 stands for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median_low

MICRO, SMALL, MEDIUM, LARGE = "micro", "small", "medium", "large"
SIZES = (MICRO, SMALL, MEDIUM)
# Annex art. 2 of Recommendation 2003/361/EC: the staff headcount ceilings.
CEILINGS = ((Decimal(10), MICRO), (Decimal(50), SMALL), (Decimal(250), MEDIUM))
# The relative years of the pre-trend chart: three years before the first support to two after.
RELATIVE_YEARS = tuple(range(-3, 3))

# Why a supported firm is not in the estimate.
NO_DIVISION = "no_division"
NO_STAFF = "no_staff"
TOO_LARGE = "large"
NO_COMPARISON = "no_comparison"
# Why a comparison firm is in no cell.
NOT_IN_CELL = "not_in_cell"


def size_class(staff: Decimal) -> str:
    """micro / small / medium / large by staff (annual work units), annex art. 2."""
    for ceiling, name in CEILINGS:
        if staff < ceiling:
            return name
    return LARGE


@dataclass(frozen=True)
class Firm:
    """A firm's figures: `staff` and `outcome` by fiscal year. `baseline` only for a
    supported firm (None for a comparison firm)."""

    key: str  # the organisation number, 10 digits
    division: int | None
    staff: Mapping[int, Decimal]
    outcome: Mapping[int, Decimal]
    baseline: int | None = None

    @property
    def post_year(self) -> int | None:
        """A supported firm's latest year with an outcome after the baseline."""
        if self.baseline is None:
            return None
        after = [y for y in self.outcome if y > self.baseline]
        return max(after) if after else None


@dataclass
class Cell:
    division: int
    size: str
    pre_year: int
    post_year: int | None
    treated: list[Firm] = field(default_factory=list)
    comparison: list[Firm] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return (self.division, SIZES.index(self.size))

    @property
    def matched(self) -> bool:
        return bool(self.treated and self.comparison)

    def relative(self, firm: Firm, year: int) -> int:
        """The year relative to the first support (baseline + 1; −1 is the baseline)."""
        start = firm.baseline if firm.baseline is not None else self.pre_year
        return year - (start + 1)

    def years_of(self, firm: Firm) -> tuple[int, int | None]:
        """The pre and post year used for `firm`."""
        if firm.baseline is not None:
            return firm.baseline, firm.post_year
        return self.pre_year, self.post_year


@dataclass
class Matching:
    cells: list[Cell]  # every cell with supported firms, by division then size
    unmatched_treated: list[tuple[Firm, str]]  # with the reason
    unmatched_comparison: list[tuple[Firm, str]]

    @property
    def matched_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.matched]

    @property
    def treated_matched(self) -> int:
        return sum(len(c.treated) for c in self.matched_cells)

    @property
    def comparison_matched(self) -> int:
        return sum(len(c.comparison) for c in self.matched_cells)


def match(treated: Iterable[Firm], comparison: Iterable[Firm]) -> Matching:
    """Place the supported firms in cells, then the comparison firms (module docstring)."""
    unmatched_treated: list[tuple[Firm, str]] = []
    placed: dict[tuple[int, str], list[Firm]] = {}
    for firm in treated:
        staff = firm.staff.get(firm.baseline) if firm.baseline is not None else None
        if firm.division is None:
            unmatched_treated.append((firm, NO_DIVISION))
        elif staff is None:
            unmatched_treated.append((firm, NO_STAFF))
        elif size_class(staff) == LARGE:
            unmatched_treated.append((firm, TOO_LARGE))
        else:
            placed.setdefault((firm.division, size_class(staff)), []).append(firm)
    cells = []
    for (division, size), firms in placed.items():
        posts = [y for y in (f.post_year for f in firms) if y is not None]
        cells.append(
            Cell(
                division=division,
                size=size,
                pre_year=median_low([f.baseline for f in firms if f.baseline is not None]),
                post_year=median_low(posts) if posts else None,
                treated=firms,
            )
        )
    cells.sort(key=lambda c: c.key)
    by_division: dict[int, list[Cell]] = {}
    for cell in cells:
        by_division.setdefault(cell.division, []).append(cell)
    unmatched_comparison: list[tuple[Firm, str]] = []
    for firm in comparison:
        if firm.division is None:
            unmatched_comparison.append((firm, NO_DIVISION))
            continue
        home = None
        for cell in by_division.get(firm.division, []):
            staff = firm.staff.get(cell.pre_year)
            if staff is not None and size_class(staff) == cell.size:
                home = cell
                break
        if home is None:
            unmatched_comparison.append((firm, NOT_IN_CELL))
        else:
            home.comparison.append(firm)
    for cell in cells:
        if not cell.comparison:
            unmatched_treated.extend((firm, NO_COMPARISON) for firm in cell.treated)
    return Matching(cells, unmatched_treated, unmatched_comparison)


def did_rows(matching: Matching) -> list[tuple[int, dict[str, str]]]:
    """The rows of `did.estimate` (orgnr, group, period, value) for the matched cells: one
    pre and one post row per firm where it has the outcome (`did` drops a firm without both)."""
    rows: list[tuple[int, dict[str, str]]] = []
    for cell in matching.matched_cells:
        for group, firms in (("treated", cell.treated), ("comparison", cell.comparison)):
            for firm in firms:
                for period, year in zip(("pre", "post"), cell.years_of(firm), strict=True):
                    value = firm.outcome.get(year) if year is not None else None
                    if value is None:
                        continue
                    values = {"orgnr": firm.key, "group": group, "period": period}
                    # Numbered as in a file, whose header is row 1.
                    rows.append((len(rows) + 2, {**values, "value": str(value)}))
    return rows


@dataclass(frozen=True)
class TrendPoint:
    relative_year: int
    treated_mean: Decimal | None
    treated_firms: int
    comparison_mean: Decimal | None
    comparison_firms: int


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def pre_trend(matching: Matching, years: Sequence[int] = RELATIVE_YEARS) -> list[TrendPoint]:
    """Mean outcome per relative year, supported vs comparison firms of the matched cells."""
    values: dict[tuple[str, int], list[Decimal]] = {}
    for cell in matching.matched_cells:
        for group, firms in (("treated", cell.treated), ("comparison", cell.comparison)):
            for firm in firms:
                for year, value in firm.outcome.items():
                    values.setdefault((group, cell.relative(firm, year)), []).append(value)
    points = []
    for rel in years:
        treated = values.get(("treated", rel), [])
        comparison = values.get(("comparison", rel), [])
        points.append(
            TrendPoint(rel, _mean(treated), len(treated), _mean(comparison), len(comparison))
        )
    return points
