"""The firm's one-page impact report for the follow-up meeting (docs/impact.md, "The impact
PDF"), read with the access of the firm's impact page.

**Before and after** for energy and emissions: *before* is the latest calendar year with
energy figures not after the productivity baseline year (the firm's state before the
support), or the earliest year with figures when none is that early; *after* is the latest
year with figures, when it is later than *before*. The programme overview compares the same
two years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from dipps.companies.models import Company

from .emissions import Method
from .models_energy import Carrier
from .selectors import Comparison, ImpactPage, YearRow, firm_productivity, impact_company
from .selectors_energy import EnergyReport, YearReport, energy_report

ZERO = Decimal(0)
ACTION_ITEMS_SHOWN = 4  # one page: the latest completed items, the rest counted


def before_after(
    years: list[YearReport], baseline: int | None
) -> tuple[YearReport | None, YearReport | None]:
    """The energy years compared (see the module's docstring); years in ascending order."""
    if not years:
        return None, None
    early = [y for y in years if baseline is not None and y.year <= baseline]
    before = early[-1] if early else years[0]
    after = years[-1] if years[-1].year > before.year else None
    return before, after


@dataclass
class CarrierRow:
    label: str
    kwh_before: Decimal | None
    kwh_after: Decimal | None
    t_before: Decimal | None
    t_after: Decimal | None


@dataclass
class ImpactReport:
    company: Company
    page: ImpactPage
    compared_rows: list[tuple[YearRow, Comparison | None]]  # baseline, follow-ups, latest
    energy: EnergyReport
    before: YearReport | None
    after: YearReport | None
    carriers: list[CarrierRow] = field(default_factory=list)
    items_left_out: int = 0

    @property
    def energy_years(self) -> list[YearReport]:
        return [y for y in (self.before, self.after) if y is not None]


def _sum(year: YearReport | None, carrier: str, attr: str, per: int = 1) -> Decimal | None:
    if year is None:
        return None
    return sum((getattr(f, attr) for f in year.figures if f.carrier == carrier), ZERO) / per


def impact_report(user, pk: int, method: Method = Method.MARKET) -> ImpactReport:
    company, _held = impact_company(user, pk)
    page = firm_productivity(company)
    compared = {c.year: c for c in page.comparisons if not c.too_early}
    rows = [
        (r, compared.get(r.fiscal_year)) for r in page.rows if r.marks or r.fiscal_year in compared
    ]
    energy = energy_report(user, company, method)
    before, after = before_after(energy.years, page.marks.baseline)
    used = [
        c for c in Carrier if any(f.carrier == c for y in (before, after) if y for f in y.figures)
    ]
    carriers = [
        CarrierRow(
            str(c.label),
            _sum(before, c, "kwh"),
            _sum(after, c, "kwh"),
            _sum(before, c, "kg_co2e", 1000),
            _sum(after, c, "kg_co2e", 1000),
        )
        for c in used
    ]
    left_out = max(0, len(energy.comparisons) - ACTION_ITEMS_SHOWN)
    energy.comparisons = energy.comparisons[-ACTION_ITEMS_SHOWN:]
    return ImpactReport(company, page, rows, energy, before, after, carriers, left_out)
