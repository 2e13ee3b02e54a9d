"""The SME status of a firm in the register, year by year, and why (reads only).

Each stored fiscal year (`KeyFigures`) with its related enterprises of that year
(`RelatedEnterprise.fiscal_year`), the share of public bodies and a change of ownership
goes through the pure core (`sme.computed_class`, `sme.register_statuses`), in EUR at
the rate on the fiscal year's last day (the firm's own fiscal year, `fiscal.year_end`).
`services.company_refresh_derived` stores the result on the key figures; the company
page shows it with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from dipps.core.rates import MissingRate, rate_on

from . import fiscal, sme
from .models import Company, KeyFigures, RelatedEnterprise, SizeClass

WHY = {
    sme.Why.FIRST: _("first year on record (or after a gap): the year's class"),
    sme.Why.SAME: _("the year's class is the status already held"),
    sme.Why.HELD: _(
        "status kept: the class differs, but not in two consecutive years (two-year rule)"
    ),
    sme.Why.MOVED: _("changed: the class differed in two consecutive years (two-year rule)"),
    sme.Why.OWNERSHIP: _("change of ownership this year: the year's class at once"),
    sme.Why.PUBLIC: _("public bodies hold at least 25 %: large at once"),
    sme.Why.NONE: _("no status: staff, figures or an exchange rate are missing"),
}


@dataclass
class SmeYear:
    figures: KeyFigures
    start: date
    end: date
    rate: Decimal | None = None  # SEK per EUR on `end`; None: no rate, no class
    related: list[RelatedEnterprise] = field(default_factory=list)
    aggregated: sme.Figures | None = None  # EUR, exact
    computed: sme.SizeClass | None = None
    status: sme.SizeClass | None = None
    why: sme.Why = sme.Why.NONE
    problem: str = ""  # stored data the core refuses (e.g. a partner's share of 60 %)

    @property
    def fiscal_year(self) -> int:
        return self.figures.fiscal_year

    @property
    def why_text(self) -> str:
        return str(WHY[self.why])

    @property
    def computed_label(self) -> str:
        return str(SizeClass(self.computed).label) if self.computed else ""

    @property
    def status_label(self) -> str:
        return str(SizeClass(self.status).label) if self.status else ""


def _year(row: KeyFigures, related: list[RelatedEnterprise], rate: Decimal) -> sme.Year:
    def eur(amount) -> Decimal:
        return Decimal(amount or 0) / rate

    def figures_of(r) -> sme.Figures:
        return sme.Figures(Decimal(r.headcount or 0), eur(r.turnover_sek), eur(r.balance_sheet_sek))

    return sme.Year(
        year=row.fiscal_year,
        own=figures_of(row),
        public_control_percent=Decimal(row.public_control_percent or 0),
        partners=tuple(
            sme.Partner(r.share_percent, figures_of(r), r.exempt_investor)
            for r in related
            if r.relation == RelatedEnterprise.Relation.PARTNER
        ),
        linked=tuple(
            figures_of(r) for r in related if r.relation == RelatedEnterprise.Relation.LINKED
        ),
    )


def sme_years(company: Company) -> list[SmeYear]:
    """Every stored fiscal year of the firm, oldest first, with its class, status and why."""
    end_text = company.fiscal_year_end or fiscal.CALENDAR
    related: dict[int, list[RelatedEnterprise]] = {}
    for r in company.related.all():
        related.setdefault(r.fiscal_year, []).append(r)
    out = []
    for row in company.key_figures.order_by("fiscal_year"):
        year = SmeYear(
            row,
            fiscal.year_start(row.fiscal_year, end_text),
            fiscal.year_end(row.fiscal_year, end_text),
            related=related.get(row.fiscal_year, []),
        )
        out.append(year)
        if row.headcount is None:
            continue
        try:
            year.rate = rate_on(year.end, "EUR")
        except MissingRate:
            continue
        try:
            year.aggregated, year.computed = sme.computed_class(_year(row, year.related, year.rate))
        except sme.SmeInputError as error:
            year.problem = error.message
    statuses = sme.register_statuses(
        sme.RegisterYear(
            y.fiscal_year,
            y.computed,
            ownership_changed=y.figures.ownership_changed,
            public_control=Decimal(y.figures.public_control_percent or 0)
            >= sme.PUBLIC_CONTROL_LIMIT,
        )
        for y in out
    )
    for y in out:
        y.status, y.why = statuses[y.fiscal_year]
    return out
