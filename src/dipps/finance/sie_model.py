"""The data an SIE file is read into, and the `dipps sie inspect` summary of it.

Pure Python, no Django. Import these names from `dipps.finance.sie`, which re-exports them; this
module exists only to keep the parser's module short.

A voucher keeps its rows in the compact form the parser leaves them in (a tuple a row) and turns
them into `Transaction` objects with `Decimal` amounts the first time `transactions` is read:
building 700,000 dataclasses and Decimals is most of the cost of reading a large file, and many
callers (the inspect command, the balance check) never need them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


class SieError(ValueError):
    """Input that cannot be read as SIE; `line` is 1-based (0 when no line applies)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(slots=True, frozen=True)
class FiscalYear:
    index: int  # 0 = current year, -1 = previous, as in #RAR
    start: dt.date
    end: dt.date


@dataclass(slots=True)
class Account:
    number: str
    name: str = ""
    type: str = ""  # #KTYP: T (asset), S (liability), K (cost), I (income)
    sru: str = ""


@dataclass(slots=True, frozen=True)
class Dimension:
    number: str
    name: str
    parent: str = ""  # set for #UNDERDIM


@dataclass(slots=True, frozen=True)
class SieObject:
    dimension: str
    number: str
    name: str


@dataclass(slots=True, frozen=True)
class Balance:
    kind: str  # IB, UB, RES, OIB, OUB or PSALDO
    year: int
    account: str
    amount: Decimal
    quantity: Decimal | None = None
    period: str = ""  # YYYYMM, only for PSALDO
    objects: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Transaction:
    account: str
    objects: tuple[tuple[str, str], ...]  # ((dimension, object), ...)
    amount: Decimal
    date: dt.date | None = None
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    added: bool = False  # came from #RTRANS (added after the voucher was first registered)


# A row as the parser stores it: ((label, account, objects), amount as written, info), where
# info is (date, text, quantity, signature) and is shared by all rows that end alike. The parser
# has already checked that the amount, date and quantity read.
RowInfo = tuple["dt.date | None", str, "Decimal | None", str]
RawRow = tuple[tuple[str, str, tuple[tuple[str, str], ...]], str, RowInfo]
NO_INFO: RowInfo = (None, "", None, "")


def build_rows(raw: list[RawRow]) -> list[Transaction]:
    out: list[Transaction] = []
    append = out.append
    amounts: dict[str, Decimal] = {}  # amounts repeat (0.00, round sums): one Decimal each
    for (label, account, objects), a, (d, text, quantity, sign) in raw:
        amount = amounts.get(a)
        if amount is None:
            amount = amounts[a] = Decimal(a)
        append(Transaction(account, objects, amount, d, text, quantity, sign, label == "#RTRANS"))
    return out


class Voucher:
    """A #VER and its rows. `transactions` are the rows that count; `removed` the #BTRANS rows."""

    __slots__ = (
        "series",
        "number",
        "date",
        "text",
        "registered",
        "sign",
        "line",
        "removed",
        "_raw",
        "_rows",
    )

    def __init__(
        self,
        series: str,
        number: str,
        date: dt.date,
        text: str,
        registered: dt.date | None,
        sign: str,
        line: int,
        transactions: list[Transaction] | None = None,
        removed: list[Transaction] | None = None,
    ) -> None:
        self.series = series
        self.number = number
        self.date = date
        self.text = text
        self.registered = registered
        self.sign = sign
        self.line = line
        self.removed: list[Transaction] = [] if removed is None else removed
        self._raw: list[RawRow] = []
        self._rows: list[Transaction] | None = [] if transactions is None else transactions

    @property
    def transactions(self) -> list[Transaction]:
        rows = self._rows
        if rows is None:
            rows = self._rows = build_rows(self._raw)
            self._raw = []
        return rows

    @transactions.setter
    def transactions(self, rows: list[Transaction]) -> None:
        self._rows = rows
        self._raw = []

    def set_raw_rows(self, raw: list[RawRow]) -> None:
        """Rows in the parser's compact form, built into `Transaction`s when first read."""
        self._raw = raw
        self._rows = None

    @property
    def raw_rows(self) -> list[RawRow]:
        """The rows that count, in the parser's compact form, without building `Transaction`s.

        The ledger import reads these: it selects a few rows out of many, and only the
        selected ones need a `Decimal`. Rows already built (or given as `Transaction`s) are
        turned back into that form.
        """
        rows = self._rows
        if rows is None:
            return self._raw
        return [
            (
                ("#RTRANS" if t.added else "#TRANS", t.account, t.objects),
                str(t.amount),
                (t.date, t.text, t.quantity, t.sign),
            )
            for t in rows
        ]

    @property
    def row_count(self) -> int:
        """len(transactions), without building them."""
        rows = self._rows
        return len(self._raw) if rows is None else len(rows)

    def _key(self) -> tuple[Any, ...]:
        return (
            self.series,
            self.number,
            self.date,
            self.text,
            self.registered,
            self.sign,
            self.line,
            self.transactions,
            self.removed,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Voucher):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return (
            f"Voucher(series={self.series!r}, number={self.number!r}, date={self.date!r}, "
            f"text={self.text!r}, registered={self.registered!r}, sign={self.sign!r}, "
            f"line={self.line!r}, transactions={self.transactions!r}, removed={self.removed!r})"
        )


@dataclass(slots=True, frozen=True)
class UnbalancedVoucher:
    series: str
    number: str
    date: dt.date
    difference: Decimal
    line: int


# Every warning the reader gives, by code: the English text of the JSON contract
# (`dipps sie inspect`); `finance.messages.sie_warning` says the same in the page's language.
WARNINGS = {
    "brace_outside_voucher": "line {line}: '{brace}' outside a voucher ignored",
    "stray_lines": "{count} line(s) not starting with a #label were ignored",
    "rar_ignored": "line {line}: #RAR ignored: {reason}",
    "row_outside_voucher": "line {line}: {label} outside a voucher ignored",
    "unknown_type": "#SIETYP {type!r} is not a known SIE type",
    "no_type": "the file has no #SIETYP; type inferred from its contents",
    "vouchers_in_type": "a type {type} file should not hold vouchers; they were read anyway",
    "format_mismatch": "the file declares {declared} (code page 437) but is encoded as "
    "{encoding}; read as {encoding}",
    "unreadable": "the file contains {count} unreadable character(s) (U+FFFD): letters lost "
    "in an earlier conversion, or bytes that are not text",
    "no_block": "line {line}: voucher {series} {number} has no {{...}} block of rows",
    "unbalanced": "line {line}: voucher {series} {number} of {date} does not balance: "
    "difference {difference}",
}


@dataclass(slots=True)
class SieFile:
    filename: str = ""
    sie_type: str = ""  # "1", "2", "3", "4" or "4I"
    encoding: str = ""  # what the bytes were decoded as: cp437, utf-8 or cp1252
    declared_format: str = ""
    program: str = ""
    orgnr: str = ""  # digits only
    company_name: str = ""
    fiscal_years: list[FiscalYear] = field(default_factory=list)
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], SieObject] = field(default_factory=dict)
    balances: list[Balance] = field(default_factory=list)
    vouchers: list[Voucher] = field(default_factory=list)
    unbalanced_vouchers: list[UnbalancedVoucher] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The same warnings as (code, params), for a page to say them in its own language.
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def warn(self, code: str, **params: Any) -> None:
        """Record a warning: English text for the JSON contract, code and params for pages."""
        self.notes.append((code, params))
        self.warnings.append(WARNINGS[code].format(**params))

    @property
    def transaction_count(self) -> int:
        return sum(v.row_count for v in self.vouchers)


_CENT = Decimal("0.01")


def format_amount(amount: Decimal) -> str:
    """Two decimals, unless the amount is finer than öre (then shown as it is)."""
    if amount.as_tuple().exponent >= -2:  # type: ignore[operator]
        return str(amount.quantize(_CENT, rounding=ROUND_HALF_UP))
    return str(amount)


def inspect_summary(sie: SieFile) -> dict[str, Any]:
    """The public JSON of `dipps sie inspect` for one file (see docs/sie.md)."""
    return {
        "file": sie.filename,
        "sie_type": sie.sie_type,
        "orgnr": sie.orgnr,
        "company_name": sie.company_name,
        "fiscal_years": [
            {"index": y.index, "start": y.start.isoformat(), "end": y.end.isoformat()}
            for y in sie.fiscal_years
        ],
        "accounts": len(sie.accounts),
        "vouchers": len(sie.vouchers),
        "transactions": sie.transaction_count,
        "unbalanced_vouchers": [
            {
                "series": u.series,
                "number": u.number,
                "date": u.date.isoformat(),
                "difference": format_amount(u.difference),
            }
            for u in sie.unbalanced_vouchers
        ],
        "warnings": list(sie.warnings),
    }
