"""Value added (förädlingsvärde) per fiscal year from the result balances (`#RES`) of an SIE file.

Pure Python, no Django: the contract of `dipps impact value-added FILE.se [--employees N]`
(docs/impact.md). The file is read with the project's SIE reader (``dipps.finance.sie``, the
encodings and rules of docs/sie.md); this module only adds up its `#RES` balances.

The definition is the one of Statistics Sweden's structural business statistics (SCB,
"Företagens ekonomi": förädlingsvärde = rörelseresultat + personalkostnader + av- och
nedskrivningar), read from the BAS chart of accounts (BAS-kontoplanen 2025):

- ``net_sales`` (nettoomsättning) = −Σ `#RES` over accounts 3000–3799 (BAS class 30–37);
- ``personnel_costs`` (personalkostnader) = Σ over 7000–7699;
- ``depreciation`` (av- och nedskrivningar) = Σ over 7700–7899;
- ``operating_profit`` (rörelseresultat) = −Σ over 3000–7999 (every operating income and
  cost; financial items and tax, 8000–8999, lie below it);
- ``value_added`` = operating_profit + personnel_costs + depreciation;
- ``value_added_per_employee`` = value_added / N, rounded half up to öre, or None without N.

Signs are SIE's: income is a credit and written negative in `#RES`, a cost is a debit and
positive, hence the flipped sums for net sales and operating profit. An account is placed by
its first four digits, as everywhere in the project (``dipps.finance.bas``), so a
sub-account 30101 counts as 3010. The sums are exact; each figure is rounded half up to two
decimals only when it is written (value added is the sum of the exact figures, so for a
file with amounts finer than öre it may differ by 0.01 from the sum of the rounded ones).

Years: one entry per `#RAR` year that has at least one `#RES` row, newest first (year index
0, −1, …). `#RES` rows of a year index that no `#RAR` names are not reported. A file without
any `#RES` row, or whose `#RES` rows all belong to such unnamed years, is refused with
`ValueAddedError`, naming the last line of the file (where the reader stopped looking).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dipps.core import contract_json
from dipps.finance.sie import SieError, SieFile, parse_bytes

CENT = Decimal("0.01")
ZERO = Decimal(0)

# (first, last) account of each sum, by the first four digits of the account number.
NET_SALES = (3000, 3799)
PERSONNEL = (7000, 7699)
DEPRECIATION = (7700, 7899)
OPERATING = (3000, 7999)


class ValueAddedError(ValueError):
    """The file cannot give value added; `line` is 1-based (0 when no line applies)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class YearFigures:
    year_index: int
    start: dt.date
    end: dt.date
    net_sales: Decimal
    personnel_costs: Decimal
    depreciation: Decimal
    operating_profit: Decimal
    value_added: Decimal
    value_added_per_employee: Decimal | None


@dataclass(frozen=True, slots=True)
class ValueAdded:
    orgnr: str
    company_name: str
    years: list[YearFigures]


def cents(amount: Decimal) -> Decimal:
    """Two decimals, half up; never "-0.00"."""
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def _class(account: str) -> int | None:
    """The account's number by its first four digits, or None when they are not four digits."""
    digits = account[:4]
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def _within(number: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= number <= bounds[1]


def _check_employees(employees: Decimal | None) -> None:
    if employees is not None and not (employees.is_finite() and employees > 0):
        raise ValueAddedError(f"the number of employees must be above 0, got {employees}")


def year_figures(sie: SieFile, employees: Decimal | None = None) -> list[YearFigures]:
    """The figures of each `#RAR` year that has `#RES` rows, newest first.

    Raises `ValueAddedError` (line = the file's last line, `last_line`) when there is none;
    the caller sets the line, as this function sees only the parsed file.
    """
    _check_employees(employees)
    # year index -> [net sales, personnel, depreciation, operating] as raw (signed) sums
    sums: dict[int, list[Decimal]] = {}
    seen_res = False
    numbers: dict[str, int | None] = {}
    for balance in sie.balances:
        if balance.kind != "RES":
            continue
        seen_res = True
        account = balance.account
        if account in numbers:
            number = numbers[account]
        else:
            number = numbers[account] = _class(account)
        year = sums.get(balance.year)
        if year is None:
            year = sums[balance.year] = [ZERO, ZERO, ZERO, ZERO]
        if number is None or not _within(number, OPERATING):
            continue
        amount = balance.amount
        year[3] += amount
        if _within(number, NET_SALES):
            year[0] += amount
        elif _within(number, PERSONNEL):
            year[1] += amount
        elif _within(number, DEPRECIATION):
            year[2] += amount
    if not seen_res:
        raise ValueAddedError(
            "the file has no #RES rows (result balances per fiscal year); value added needs "
            "an SIE export with year balances (type 1, 2, 3 or 4E), not a voucher-only file"
        )
    named: dict[int, tuple[dt.date, dt.date]] = {}
    for fiscal in sie.fiscal_years:
        named.setdefault(fiscal.index, (fiscal.start, fiscal.end))
    out: list[YearFigures] = []
    for index in sorted(set(named) & set(sums), reverse=True):
        net, personnel, depreciation, operating = sums[index]
        operating_profit = -operating
        value_added = operating_profit + personnel + depreciation
        per_employee = None
        if employees is not None:
            per_employee = cents(value_added / employees)
        start, end = named[index]
        out.append(
            YearFigures(
                year_index=index,
                start=start,
                end=end,
                net_sales=cents(-net),
                personnel_costs=cents(personnel),
                depreciation=cents(depreciation),
                operating_profit=cents(operating_profit),
                value_added=cents(value_added),
                value_added_per_employee=per_employee,
            )
        )
    if not out:
        indexes = ", ".join(str(i) for i in sorted(sums, reverse=True))
        raise ValueAddedError(
            f"the #RES rows are for year index {indexes}, but no #RAR row names that fiscal "
            "year (#RAR index start end)"
        )
    return out


def value_added(sie: SieFile, employees: Decimal | None = None) -> ValueAdded:
    return ValueAdded(sie.orgnr, sie.company_name, year_figures(sie, employees))


def last_line(data: bytes) -> int:
    """The number of the file's last line (its line count, a final newline aside)."""
    return max(len(data.splitlines()), 1)


def from_bytes(data: bytes, filename: str = "", employees: Decimal | None = None) -> ValueAdded:
    """Parse SIE bytes and compute; `ValueAddedError` (with a line where one applies) if not."""
    _check_employees(employees)
    try:
        sie = parse_bytes(data, filename=filename)
    except SieError as error:
        raise ValueAddedError(error.message, error.line) from None
    try:
        return value_added(sie, employees)
    except ValueAddedError as error:
        raise ValueAddedError(error.message, last_line(data)) from None


def as_dict(result: ValueAdded) -> dict[str, object]:
    """The contract's JSON object (amounts as two-decimal Decimals, dates ISO)."""
    return {
        "orgnr": result.orgnr,
        "company_name": result.company_name,
        "years": [
            {
                "year_index": y.year_index,
                "start": y.start.isoformat(),
                "end": y.end.isoformat(),
                "net_sales": y.net_sales,
                "personnel_costs": y.personnel_costs,
                "depreciation": y.depreciation,
                "operating_profit": y.operating_profit,
                "value_added": y.value_added,
                "value_added_per_employee": y.value_added_per_employee,
            }
            for y in result.years
        ],
    }


def value_added_json(data: bytes, filename: str = "", employees: Decimal | None = None) -> str:
    """`dipps impact value-added`: the JSON text for an SIE file's bytes."""
    return contract_json.dumps(as_dict(from_bytes(data, filename, employees)))
