"""Indicator rules that must be exactly right: which size class a supported firm counts in.

Pure Python (no Django). RCO01's breakdown uses the company's SME status (the class after
the two-year rule of Recommendation 2003/361, annex art. 4(2)) in the latest fiscal year
that ended on or before its first support in the programme, or its earliest year if none
had ended by then; a company without usable figures counts as "unknown". A fiscal year
ends on the firm's own fiscal year end (`companies.fiscal`, `12-31` unless the register
says otherwise) and is named by the calendar year it ends in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dipps.companies import fiscal, sme

CLASSES = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class YearFigures:
    year: int  # the fiscal year, named by the calendar year it ends in
    headcount: Decimal | int | None  # annual work units
    turnover_sek: Decimal | None
    balance_sek: Decimal | None


@dataclass(frozen=True)
class RelatedFigures:
    relation: str
    share: Decimal
    headcount: Decimal | int
    turnover_sek: Decimal
    balance_sek: Decimal
    year: int | None = None  # the fiscal year these figures belong to; None: every year


def year_for(
    first_support: date, years: list[int], fiscal_year_end: str = fiscal.CALENDAR
) -> int | None:
    ended = [y for y in years if fiscal.year_end(y, fiscal_year_end) <= first_support]
    if ended:
        return max(ended)
    return min(years) if years else None


def size_class_at(
    first_support: date,
    figures: list[YearFigures],
    rates: dict[int, Decimal],
    related: list[RelatedFigures] = (),  # type: ignore[assignment]
    fallback: str = "",
    fiscal_year_end: str = fiscal.CALENDAR,
) -> str:
    """The SME status (micro/small/medium/large) at first support, after the two-year rule
    (Recommendation 2003/361, annex art. 4(2), `sme.statuses_of` over the years up to the
    one that decides); `fallback` (or "unknown") when not known."""
    by_year = {f.year: f for f in figures}
    year = year_for(first_support, list(by_year), fiscal_year_end)
    if year is None:
        return fallback or "unknown"
    classes = [
        (y, class_of_year(f, rates.get(y), related)) for y, f in by_year.items() if y <= year
    ]
    status = sme.statuses_of(classes).get(year)
    return str(status) if status else (fallback or "unknown")


def class_of_year(
    f: YearFigures,
    rate: Decimal | None,
    related: list[RelatedFigures] = (),  # type: ignore[assignment]
) -> str:
    """The class of one year's figures (Article 2); "" without staff or a rate."""
    if f.headcount is None or not rate:
        return ""
    related = [r for r in related if r.year is None or r.year == f.year]
    if not related:
        # Article 2 with the EUR ceilings turned into SEK at the year's rate: the same test
        # as sme.size_class without dividing every company's figures (the hot path when
        # classifying 100,000 firms).
        head = Decimal(f.headcount)
        turnover, balance = f.turnover_sek or Decimal(0), f.balance_sek or Decimal(0)
        for cls, staff_below, turnover_max, balance_max in sme.THRESHOLDS:
            if head < staff_below and (
                turnover <= turnover_max * rate or balance <= balance_max * rate
            ):
                return str(cls)
        return "large"
    own = sme.Figures(
        Decimal(f.headcount), (f.turnover_sek or Decimal(0)) / rate, (f.balance_sek or 0) / rate
    )
    rel = [
        sme.Related(
            r.relation, r.share, Decimal(r.headcount), r.turnover_sek / rate, r.balance_sek / rate
        )
        for r in related
    ]
    return str(sme.size_class(sme.aggregate(own, rel)))


def breakdown(classes: list[str]) -> dict[str, int]:
    out = {"total": len(classes), **dict.fromkeys(CLASSES, 0), "unknown": 0}
    for c in classes:
        out[c if c in CLASSES else "unknown"] += 1
    return out
