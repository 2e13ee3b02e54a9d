"""Reads of the comparison group and the difference-in-differences page (docs/impact.md,
"Comparison group").

Everything here is an aggregate over firms except the panel, whose firms are pseudonyms:
a stable HMAC of the organisation number under the site's SECRET_KEY, which cannot be turned
back into the number without the key. The page's callers check the user's role in the
programme (`programmes.access.programme_view`).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Min

from dipps.companies.models import Company, KeyFigures, SniCode
from dipps.engagements.models import CompanySupport
from dipps.programmes.models import Programme

from . import did, matching, productivity
from .models import ComparisonFirm, ComparisonYear, DidEstimate, ProductivityYear

FIGURES = ("net_sales", "personnel_costs", "operating_profit", "depreciation")


def pseudonym(number: str) -> str:
    """A firm's stable pseudonym: the first 16 hex digits of HMAC-SHA256(SECRET_KEY, orgnr)."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, b"dipps-comparison:" + number.encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class PanelYear:
    year: int
    figures: dict[str, Decimal]  # the four figures
    employees: Decimal | None
    value_added: Decimal
    per_employee: Decimal | None


@dataclass
class Loaded:
    """The firms of the programme's evaluation with their years, before matching."""

    treated: list[matching.Firm] = field(default_factory=list)
    comparison: list[matching.Firm] = field(default_factory=list)
    years: dict[str, list[PanelYear]] = field(default_factory=dict)  # orgnr -> years
    sole_traders: set[str] = field(default_factory=set)
    comparison_firms: int = 0


def _year(year: int, figures: dict[str, Decimal], staff: Decimal | None) -> PanelYear:
    value = productivity.value_added(
        operating_profit=figures["operating_profit"],
        personnel_costs=figures["personnel_costs"],
        depreciation=figures["depreciation"],
    )
    return PanelYear(year, figures, staff, value, productivity.per_employee(value, staff))


def _firm(key, division, years: list[PanelYear], baseline=None) -> matching.Firm:
    return matching.Firm(
        key=key,
        division=division,
        staff={y.year: y.employees for y in years if y.employees is not None},
        outcome={y.year: y.per_employee for y in years if y.per_employee is not None},
        baseline=baseline,
    )


def _divisions(company_ids: list[int]) -> dict[int, int]:
    """Each firm's division of its primary SNI 2007 code (the lowest position)."""
    found: dict[int, int] = {}
    for company_id, division in (
        SniCode.objects.filter(company_id__in=company_ids, version=SniCode.Version.SNI2007)
        .order_by("company_id", "position", "pk")
        .values_list("company_id", "division")
    ):
        found.setdefault(company_id, division)
    return found


def load(programme: Programme) -> Loaded:
    loaded = Loaded()
    supported = set(
        CompanySupport.objects.filter(programme=programme).values_list("company_id", flat=True)
    )
    with_years = set(
        ProductivityYear.objects.filter(company_id__in=supported).values_list(
            "company_id", flat=True
        )
    )
    firsts: dict[int, date] = dict(
        CompanySupport.objects.filter(company_id__in=with_years)
        .values("company_id")
        .annotate(first=Min("first_date"))
        .values_list("company_id", "first")
    )
    companies = Company.objects.filter(pk__in=with_years).order_by("orgnr")
    ids = [c.pk for c in companies]
    divisions = _divisions(ids)
    staff: dict[int, dict[int, Decimal]] = {}
    for company_id, year, headcount in KeyFigures.objects.filter(
        company_id__in=ids, headcount__isnull=False
    ).values_list("company_id", "fiscal_year", "headcount"):
        staff.setdefault(company_id, {})[year] = headcount
    figures: dict[int, list[PanelYear]] = {}
    for row in ProductivityYear.objects.filter(company_id__in=ids).order_by("fiscal_year"):
        values = {name: getattr(row, name) for name in FIGURES}
        figures.setdefault(row.company_id, []).append(
            _year(row.fiscal_year, values, staff.get(row.company_id, {}).get(row.fiscal_year))
        )
    for company in companies:
        baseline = productivity.closed_before(firsts[company.pk], company.fiscal_year_end)
        division = divisions.get(company.pk, company.primary_division)
        years = figures.get(company.pk, [])
        loaded.treated.append(_firm(company.orgnr, division, years, baseline))
        loaded.years[company.orgnr] = years
        if company.is_sole_trader:
            loaded.sole_traders.add(company.orgnr)
    firms = ComparisonFirm.objects.filter(programme=programme).order_by("orgnr")
    by_firm: dict[int, list[PanelYear]] = {}
    for row in ComparisonYear.objects.filter(firm__programme=programme).order_by("fiscal_year"):
        values = {name: getattr(row, name) for name in FIGURES}
        by_firm.setdefault(row.firm_id, []).append(_year(row.fiscal_year, values, row.employees))
    for firm in firms:
        years = by_firm.get(firm.pk, [])
        loaded.comparison.append(_firm(firm.orgnr, firm.division, years))
        loaded.years[firm.orgnr] = years
        loaded.comparison_firms += 1
    return loaded


@dataclass
class Evaluation:
    loaded: Loaded
    matching: matching.Matching
    estimate: did.DidResult | None
    problem: str  # why there is no estimate ("" when there is one)
    trend: list[matching.TrendPoint]


def evaluation(programme: Programme) -> Evaluation:
    loaded = load(programme)
    matched = matching.match(loaded.treated, loaded.comparison)
    estimate, problem = None, ""
    try:
        estimate = did.estimate(matching.did_rows(matched))
    except did.DidError as error:
        problem = error.message
    return Evaluation(loaded, matched, estimate, problem, matching.pre_trend(matched))


@dataclass(frozen=True)
class PanelRow:
    pseudonym: str
    group: str  # "treated" or "comparison"
    division: int
    size: str
    year: PanelYear
    relative_year: int


def panel(result: Evaluation) -> list[PanelRow]:
    """One row per firm-year of the firms in the matched cells; a sole trader's years are
    left out (its accounts are its owner's personal data, and a pseudonym keeps them so)."""
    rows = []
    for cell in result.matching.matched_cells:
        for group, firms in (("treated", cell.treated), ("comparison", cell.comparison)):
            for firm in firms:
                if firm.key in result.loaded.sole_traders:
                    continue
                name = pseudonym(firm.key)
                for year in result.loaded.years.get(firm.key, []):
                    rows.append(
                        PanelRow(
                            name,
                            group,
                            cell.division,
                            cell.size,
                            year,
                            cell.relative(firm, year.year),
                        )
                    )
    rows.sort(key=lambda r: (r.group != "treated", r.division, r.pseudonym, r.year.year))
    return rows


def kept_estimate(programme: Programme) -> DidEstimate | None:
    """The latest estimate computed in the background (services_comparison.did_estimate_save)."""
    return DidEstimate.objects.filter(programme=programme).first()
