"""Price history import: CSV/XLSX rows `date, series, value`, every row checked, all or nothing.

Same style as the company import (``dipps.companies.imports``): a file is read into rows, each
row collects its problems with row number and column, and nothing is saved while any row has
one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.companies.imports import RowError, parse_amount
from dipps.core.tabular import read_table

REQUIRED = ["date", "series", "value"]
MAX_SERIES_NAME = 100


@dataclass
class PriceRow:
    row: int
    date: date
    series: str
    value: Decimal


@dataclass
class ParsedHistory:
    rows: list[PriceRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def series(self) -> list[str]:
        return sorted({r.series for r in self.rows})


def parse_history(data: bytes, filename: str) -> ParsedHistory:
    """Raises ``TableError`` when the file as a whole cannot be read."""
    result = ParsedHistory()
    seen: dict[tuple[str, date], int] = {}
    for row in read_table(data, filename, required=REQUIRED, optional=()):
        errors: list[RowError] = []
        v = row.values
        day = None
        try:
            day = date.fromisoformat(v.get("date", "").strip())
        except ValueError:
            errors.append(
                RowError(
                    row.number,
                    "date",
                    _("“%(value)s” is not a date; expected YYYY-MM-DD, e.g. 2024-01-31.")
                    % {"value": v.get("date", "")},
                )
            )
        series = v.get("series", "").strip()
        if not series:
            errors.append(RowError(row.number, "series", _("the series name is missing.")))
        elif len(series) > MAX_SERIES_NAME:
            errors.append(
                RowError(
                    row.number,
                    "series",
                    _("the series name is longer than %(n)s characters.") % {"n": MAX_SERIES_NAME},
                )
            )
        value = None
        try:
            value = parse_amount(v.get("value", ""))
            if value <= 0:
                errors.append(
                    RowError(
                        row.number,
                        "value",
                        _("a price must be above zero, got %(v)s.") % {"v": value},
                    )
                )
                value = None
        except (InvalidOperation, ValueError):
            errors.append(
                RowError(
                    row.number,
                    "value",
                    _("“%(value)s” is not a number; expected e.g. 11.42 or 11,42.")
                    % {"value": v.get("value", "")},
                )
            )
        if day is not None and series:
            first = seen.setdefault((series, day), row.number)
            if first != row.number:
                errors.append(
                    RowError(
                        row.number,
                        "date",
                        _("series %(series)s already has a value for %(date)s (row %(first)s).")
                        % {"series": series, "date": day.isoformat(), "first": first},
                    )
                )
        if errors:
            result.errors.extend(errors)
        elif day is not None and value is not None:
            result.rows.append(PriceRow(row.number, day, series, value))
    return result
