"""Comparison-group import: read CSV/XLSX rows and check every one (docs/impact.md,
"Comparison group").

Columns: `orgnr, year, net_sales, personnel_costs, operating_profit, depreciation,
employees` (required) and `sni, name, municipality` (optional). One row per firm and fiscal
year. The file is read by the shared reader (`core.tabular`: CSV with `,` `;` or tab, UTF-8
with or without BOM, UTF-16 or Windows-1252, or XLSX), amounts as people write them
(`1 234 567,50`). `services_comparison.comparison_import` then checks the firms against the
programme and saves all rows or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.companies import municipalities, orgnr, sni
from dipps.companies.imports import RowError, parse_amount
from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits

from .imports import parse_figures, parse_year

FIGURES = ("net_sales", "personnel_costs", "operating_profit", "depreciation")
COLUMNS = ["orgnr", "year", *FIGURES, "employees"]
OPTIONAL = ("sni", "name", "municipality")
# DecimalField(max_digits=8, decimal_places=2).
STAFF_LIMIT = Decimal("1000000")


@dataclass(frozen=True)
class ComparisonRow:
    row: int
    orgnr: str  # normalised
    year: int
    figures: dict[str, Decimal]  # the four figures and "employees"
    sni_code: str  # digits, "" when not given
    division: int | None
    name: str
    municipality: str


@dataclass
class ParsedComparison:
    rows: list[ComparisonRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _orgnr(row: Row, errors: list[RowError]) -> str:
    raw = row.values.get("orgnr", "")
    try:
        number = orgnr.normalise(raw)
    except ValueError:
        errors.append(
            RowError(
                row.number,
                "orgnr",
                _("“%(value)s” is not a valid Swedish organisation number.") % {"value": raw},
            )
        )
        return ""
    if orgnr.is_personal_number(number):
        errors.append(
            RowError(
                row.number,
                "orgnr",
                _(
                    "this is a personal identity number (a sole trader); leave sole traders "
                    "out of the comparison group."
                ),
            )
        )
    return number


def _sni(row: Row, errors: list[RowError]) -> tuple[str, int | None]:
    raw = row.values.get("sni", "").strip()
    if not raw:
        return "", None
    try:
        code = sni.lookup(raw, 2007)
    except (KeyError, ValueError):
        errors.append(
            RowError(row.number, "sni", _("expected an SNI 2007 code such as 25.110 or 25110."))
        )
        return "", None
    return sni.normalise_code(raw), code.division


def _municipality(row: Row, errors: list[RowError]) -> str:
    raw = row.values.get("municipality", "").strip()
    if not raw:
        return ""
    if not municipalities.exists(raw):
        errors.append(
            RowError(
                row.number,
                "municipality",
                _("expected a municipality code of four digits such as 2361."),
            )
        )
        return ""
    return municipalities.normalise(raw)


def parse_rows(rows: list[Row]) -> ParsedComparison:
    result = ParsedComparison()
    for row in rows:
        v = row.values
        errors: list[RowError] = []
        number = _orgnr(row, errors)
        year = 0
        try:
            year = parse_year(v.get("year", ""))
        except ValueError:
            errors.append(RowError(row.number, "year", _("expected a year such as 2024.")))
        figures = parse_figures(row, FIGURES, errors)
        try:
            staff = parse_amount(v.get("employees", "").strip()).quantize(Decimal("0.01"))
            if not 0 <= staff < STAFF_LIMIT:
                raise ValueError
            figures["employees"] = staff
        except (InvalidOperation, ValueError):
            errors.append(
                RowError(
                    row.number,
                    "employees",
                    _("expected the number of employees, 0 or more, e.g. 12 or 12,5."),
                )
            )
        code, division = _sni(row, errors)
        municipality = _municipality(row, errors)
        if errors:
            result.errors.extend(errors)
            continue
        result.rows.append(
            ComparisonRow(
                row=row.number,
                orgnr=number,
                year=year,
                figures=figures,
                sni_code=code,
                division=division,
                name=v.get("name", "").strip()[:200],
                municipality=municipality,
            )
        )
    return result


def read_comparison(
    data: bytes, filename: str, *, limits: Limits | None = None
) -> ParsedComparison:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_rows(
        read_table(data, filename, required=COLUMNS, optional=OPTIONAL, limits=limits)
    )
