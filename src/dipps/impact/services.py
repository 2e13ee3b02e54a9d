"""Writes of the impact app: each in one transaction, with history (`core.audit`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.companies.imports import RowError
from dipps.companies.models import Company
from dipps.core import audit

from .models import ProductivityYear

FIGURES = ("net_sales", "personnel_costs", "depreciation", "operating_profit")


@dataclass(frozen=True)
class Figures:
    """One fiscal year's figures from the accounts, in SEK."""

    fiscal_year: int
    net_sales: Decimal
    personnel_costs: Decimal
    depreciation: Decimal
    operating_profit: Decimal


@dataclass
class Saved:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: list[int] = field(default_factory=list)


def _save(
    company: Company, figures: Figures, *, source: str, source_name: str, by, now, saved: Saved
) -> None:
    values = {name: getattr(figures, name) for name in FIGURES}
    row = (
        ProductivityYear.objects.select_for_update()
        .filter(company=company, fiscal_year=figures.fiscal_year)
        .first()
    )
    saved.years.append(figures.fiscal_year)
    if row is None:
        row = ProductivityYear.objects.create(
            company=company,
            fiscal_year=figures.fiscal_year,
            source=source,
            source_name=source_name,
            source_at=now,
            entered_by=by,
            **values,
        )
        saved.created += 1
        changes = {name: str(value) for name, value in values.items()}
        changes |= {"fiscal_year": figures.fiscal_year, "source": source}
        audit.record(instance=row, action="create", by=by, changes=changes)
        return
    changed = {
        name: [str(getattr(row, name)), str(value)]
        for name, value in values.items()
        if getattr(row, name) != value
    }
    if not changed:  # the same figures again: keep the source they came from first
        saved.unchanged += 1
        return
    for name, value in values.items():
        setattr(row, name, value)
    changed["source"] = [row.source, source]
    row.source, row.source_name, row.source_at, row.entered_by = source, source_name, now, by
    row.save()
    saved.updated += 1
    audit.record(instance=row, action="update", by=by, changes=changed)


def productivity_save(
    *,
    company: Company,
    years: Sequence[Figures],
    source: str,
    source_name: str = "",
    by=None,
) -> Saved:
    """Save a firm's figures for each fiscal year, all or nothing; a year already stored
    with other figures is overwritten (the source follows), with the same figures kept."""
    if source not in ProductivityYear.Source.values:
        raise ValueError(f"unknown source {source!r}")
    if len({f.fiscal_year for f in years}) != len(years):
        raise ValueError("a fiscal year is given twice")
    saved = Saved()
    now = timezone.now()
    with transaction.atomic():
        for figures in years:
            _save(
                company,
                figures,
                source=source,
                source_name=source_name[:255],
                by=by,
                now=now,
                saved=saved,
            )
    return saved


@dataclass(frozen=True)
class ImportRow:
    row: int
    orgnr: str  # normalised
    figures: Figures


def productivity_import(
    *, rows: Sequence[ImportRow], filename: str, by=None
) -> tuple[list[RowError], dict | None]:
    """Import the rows of a checked file: every firm must be in the register and each firm
    and year given once; otherwise nothing is saved and every problem is returned."""
    errors: list[RowError] = []
    firms = {c.orgnr: c for c in Company.objects.filter(orgnr__in={r.orgnr for r in rows})}
    seen: dict[tuple[str, int], int] = {}
    for r in rows:
        if r.orgnr not in firms:
            errors.append(
                RowError(r.row, "orgnr", _("no firm with this number is in the register."))
            )
        key = (r.orgnr, r.figures.fiscal_year)
        if key in seen:
            errors.append(
                RowError(
                    r.row,
                    "fiscal_year",
                    _("this firm and fiscal year are already on row %(row)s.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = r.row
    if errors:
        return errors, None
    total = Saved()
    with transaction.atomic():
        by_firm: dict[str, list[Figures]] = {}
        for r in rows:
            by_firm.setdefault(r.orgnr, []).append(r.figures)
        for number, years in by_firm.items():
            saved = productivity_save(
                company=firms[number],
                years=years,
                source=ProductivityYear.Source.IMPORT,
                source_name=filename,
                by=by,
            )
            total.created += saved.created
            total.updated += saved.updated
            total.unchanged += saved.unchanged
    return [], {
        "firms": len(by_firm),
        "created": total.created,
        "updated": total.updated,
        "unchanged": total.unchanged,
    }
