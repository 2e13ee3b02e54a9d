"""The programme's impact overview: how the supported firms' figures changed, as aggregates
only (docs/impact.md, "The programme's overview").

The firms are those the programme has supported (`engagements.CompanySupport`, a row once a
firm has had an activity). Per firm:

- **value added per employee**: the change in per cent from the baseline fiscal year to the
  latest fiscal year after it with a figure (T1's, T2's or a later year: the change so far),
  as on the firm's page; a firm without a baseline figure, or without a later figure, or
  whose baseline figure is not above zero, is counted but has no change;
- **energy use (kWh)** and **emissions (t CO2e, market-based)**: the change in per cent from
  the energy year *before* to the year *after* (`selectors_report.before_after`).

The page names no firm, so every role that reads the programme's aggregates may see it, and
observers see exactly what the staff see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef

from dipps.companies.models import Company
from dipps.engagements.models import CompanySupport

from . import distribution
from .emissions import Method
from .models import EnergyYear, ProductivityYear
from .selectors import ImpactPage, firm_productivity
from .selectors_energy import energy_years, year_report
from .selectors_report import before_after


@dataclass
class Spread:
    """One measure's changes (per cent, exact) over the programme's firms."""

    changes: list[Decimal] = field(default_factory=list)
    with_before: int = 0  # firms with a figure to start from

    @property
    def bins(self) -> list[distribution.Bin]:
        return distribution.histogram(self.changes)

    @property
    def median(self) -> Decimal | None:
        value = distribution.median(self.changes)
        return None if value is None else distribution.tenth(value)

    @property
    def rose(self) -> int:
        return sum(1 for c in self.changes if c > 0)

    @property
    def fell(self) -> int:
        return sum(1 for c in self.changes if c < 0)


@dataclass
class ProgrammeImpact:
    firms: int
    value_added: Spread
    energy: Spread
    co2e: Spread


def _value_added_change(page: ImpactPage, spread: Spread) -> None:
    start = page.baseline.per_employee if page.baseline is not None else None
    if page.baseline is None or start is None:
        return
    spread.with_before += 1
    later = [
        r.per_employee
        for r in page.rows
        if r.fiscal_year > page.baseline.fiscal_year and r.per_employee is not None
    ]
    change = distribution.percent_change(start, later[-1]) if later else None
    if change is not None:
        spread.changes.append(change)


def _energy_changes(company: Company, baseline: int | None, kwh: Spread, co2e: Spread) -> None:
    years = [year_report(ey, Method.MARKET) for ey in energy_years(company)]
    before, after = before_after(years, baseline)
    if before is None:
        return
    kwh.with_before += 1
    co2e.with_before += 1
    if after is None:
        return
    for spread, old, new in ((kwh, before.kwh, after.kwh), (co2e, before.kg_co2e, after.kg_co2e)):
        change = distribution.percent_change(old, new)
        if change is not None:
            spread.changes.append(change)


def programme_impact(programme) -> ProgrammeImpact:
    """The overview of `programme` (the caller has checked the user's role in it)."""
    firm_ids = CompanySupport.objects.filter(programme=programme).values("company_id")
    supported = Company.objects.filter(pk__in=firm_ids)
    result = ProgrammeImpact(supported.count(), Spread(), Spread(), Spread())
    # Only a firm with figures from its accounts or energy years can add a change; the rest
    # are counted above and never read one by one (a programme has hundreds of them).
    with_figures = supported.filter(
        Exists(ProductivityYear.objects.filter(company=OuterRef("pk")))
        | Exists(EnergyYear.objects.filter(company=OuterRef("pk")))
    )
    for firm in with_figures.order_by("pk"):
        page = firm_productivity(firm)
        _value_added_change(page, result.value_added)
        _energy_changes(firm, page.marks.baseline, result.energy, result.co2e)
    return result
