"""Productivity import: read CSV/XLSX rows and check every one (docs/imports.md).

Columns (all required): `orgnr, fiscal_year, net_sales, personnel_costs, depreciation,
operating_profit`; one row per firm and fiscal year, amounts in SEK as the annual report
gives them (`1234567`, `1 234 567,50`). Net sales and personnel costs are 0 or more;
depreciation and operating profit may be negative (a reversed write-down, a loss).
`services.productivity_import` then checks the firms against the register and saves all
rows or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.companies import orgnr
from dipps.companies.imports import RowError, parse_amount
from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits

from .services import FIGURES, Figures, ImportRow

COLUMNS = ["orgnr", "fiscal_year", *FIGURES]
NON_NEGATIVE = ("net_sales", "personnel_costs")
# DecimalField(max_digits=14, decimal_places=2): below a thousand billion kronor.
LIMIT = Decimal("1000000000000")


@dataclass
class ParsedProductivity:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def amount_error(name: str, value: Decimal) -> str:
    """Why an amount cannot be stored ("" when it can)."""
    if abs(value) >= LIMIT:
        return _("expected an amount below 1 000 000 000 000 SEK.")
    if name in NON_NEGATIVE and value < 0:
        return _("expected an amount in SEK of 0 or more, e.g. 12500000.")
    return ""


def parse_year(text: str) -> int:
    """A fiscal year such as 2024 (1900–2100); ValueError otherwise."""
    text = text.strip()
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise ValueError(text)
    return int(text)


def parse_figures(row: Row, names, errors: list[RowError]) -> dict[str, Decimal]:
    """The row's amounts in SEK (to öre) by column name; each bad one adds its error."""
    amounts: dict[str, Decimal] = {}
    for name in names:
        try:
            amount = parse_amount(row.values.get(name, "").strip()).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors.append(
                RowError(row.number, name, _("expected an amount in SEK, e.g. 12500000."))
            )
            continue
        problem = amount_error(name, amount)
        if problem:
            errors.append(RowError(row.number, name, problem))
        amounts[name] = amount
    return amounts


def parse_rows(rows: list[Row]) -> ParsedProductivity:
    result = ParsedProductivity()
    for row in rows:
        v = row.values
        errors: list[RowError] = []
        number = ""
        try:
            number = orgnr.normalise(v.get("orgnr", ""))
        except ValueError:
            errors.append(
                RowError(
                    row.number,
                    "orgnr",
                    _("“%(value)s” is not a valid Swedish organisation number.")
                    % {"value": v.get("orgnr", "")},
                )
            )
        year = 0
        try:
            year = parse_year(v.get("fiscal_year", ""))
        except ValueError:
            errors.append(RowError(row.number, "fiscal_year", _("expected a year such as 2024.")))
        amounts = parse_figures(row, FIGURES, errors)
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(ImportRow(row.number, number, Figures(fiscal_year=year, **amounts)))
    return result


def read_productivity(
    data: bytes, filename: str, *, limits: Limits | None = None
) -> ParsedProductivity:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_rows(read_table(data, filename, required=COLUMNS, optional=(), limits=limits))
