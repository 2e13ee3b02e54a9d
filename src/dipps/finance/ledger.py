"""From a partner's SIE 4 file to cost-ledger rows: selection, BAS mapping, keys, dates.

Pure Python (no Django). The import service (`finance.services.ledger_import`) adds what
needs the database: duplicates, the programme period, periods already claimed.

- Selection: a row is the programme's when it carries the partner's project object
  (for example dimension 6, object "P1") or, for partners without a project dimension,
  when its account is on the partner's account list.
- Mapping: the BAS table (`finance.bas`) or the programme's own ranges decide the
  category; accounts without one are not programme costs.
- Income: a selected row on a revenue account (BAS account class 3, 3000–3999) is project
  income, whatever the mapping says. Revenue is booked as a credit, a negative amount in
  SIE; the ledger stores income as a positive amount (the row's amount negated), so a
  course fee credited −5,000.00 is income 5,000.00 and a credit note on it (a debit) is
  −5,000.00 of income.
- Cost model: the categories the model does not take (`budget.not_taken`: the purchases
  under staff_plus_40, whose flat rate covers every other cost) are skipped and counted
  with their sum, so the review can say what was left out and why.
- Natural key: fiscal-year start, series, number and the row's index in the voucher. The
  same file imported twice, or a newer file that overlaps an older one, yields the same
  keys for the same rows, which is what makes the import idempotent.
- Dates (`LedgerDates`): a cost joins the ledger only inside the programme period and
  outside the reporting periods already claimed, whether it comes from a file, a hand or
  a timesheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from . import bas
from .bas import AccountRule, Mapping
from .budget import INCOME
from .sie import SieFile

__all__ = [
    "AccountRule",
    "Extract",
    "LedgerDates",
    "LedgerRow",
    "Mapping",
    "Selection",
    "INCOME_ACCOUNTS",
    "default_rules",
    "extract",
    "is_income",
    "fiscal_year_start",
    "parse_account_list",
]

# What the ledger keeps of a row's texts (the columns of `CostEntry`); the natural key is
# built from the full series and number.
TEXT_LENGTH = 200
SERIES_LENGTH = 20
# BAS account class 3, the operating revenue accounts (rörelsens inkomster/intäkter).
INCOME_ACCOUNTS = (3000, 3999)


def is_income(account: str) -> bool:
    """Whether the account (by its first four digits) is a BAS revenue account, 3000–3999."""
    digits = account[:4]
    return (
        len(digits) == 4
        and digits.isdigit()
        and INCOME_ACCOUNTS[0] <= int(digits) <= INCOME_ACCOUNTS[1]
    )


def default_rules() -> list[AccountRule]:
    """The finance column of the BAS table, for a programme without ranges of its own."""
    return list(bas.rules("finance"))


def parse_account_list(text: str) -> list[tuple[int, int]]:
    """`"7010 7510, 6540-6559"` → [(7010, 7010), (7510, 7510), (6540, 6559)]."""
    out = []
    for part in text.replace(",", " ").replace(";", " ").split():
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValueError(part)
        out.append((int(first), int(last or first)))
    return out


@dataclass(frozen=True)
class Selection:
    dimension: str = ""
    object: str = ""
    accounts: tuple[tuple[int, int], ...] = ()

    def takes(self, account: str, objects: tuple[tuple[str, str], ...]) -> bool:
        if self.dimension:
            return (self.dimension, self.object) in objects
        if self.accounts and account[:4].isdigit():
            n = int(account[:4])
            return any(a <= n <= b for a, b in self.accounts)
        return False


class LedgerRow(NamedTuple):
    """A selected, mapped row: the one shape from the parser's row to the ledger's insert.

    A tuple whose fields are the ledger's columns in order, so that the import writes it as
    it is, after the columns it shares with the other rows of the file.
    """

    key: str  # the natural key
    series: str
    number: str
    date: date
    account: str
    category: str
    amount: Decimal
    text: str


@dataclass
class Extract:
    rows: list[LedgerRow] = field(default_factory=list)
    selected: int = 0  # rows on the programme, eligible or not
    not_eligible: int = 0  # selected rows whose account maps to no category
    not_taken: int = 0  # selected rows of a category the cost model does not take
    not_taken_amount: Decimal = Decimal("0.00")  # their sum, as booked (debit positive)


def fiscal_year_start(sie: SieFile, day: date) -> date:
    for y in sie.fiscal_years:
        if y.start <= day <= y.end:
            return y.start
    # No #RAR covers the day: fall back to the calendar year, stable across files.
    return date(day.year, 1, 1)


def extract(
    sie: SieFile, selection: Selection, mapping: Mapping, skip: frozenset[str] = frozenset()
) -> Extract:
    """The file's rows that are the programme's and map to a category, as ledger rows.

    Rows on revenue accounts are income (amount negated); rows whose category is in `skip`
    (`budget.not_taken(cost_model)`) are counted and summed in `not_taken*`, not returned.
    Reads the parser's compact rows: most rows of a partner's books are not the
    programme's, and only the selected ones are worth a `Decimal`.
    """
    out = Extract()
    append = out.rows.append
    takes = selection.takes
    category_of = mapping.category
    categories: dict[str, str] = {}
    years: dict[date, date] = {}
    amounts: dict[str, Decimal] = {}  # amounts repeat: one Decimal each
    selected = not_eligible = not_taken = 0
    not_taken_amount = Decimal(0)
    for v in sie.vouchers:
        prefix = ""
        for i, ((_label, account, objects), a, (day, text, _q, _s)) in enumerate(v.raw_rows):
            if not takes(account, objects):
                continue
            selected += 1
            category = categories.get(account)
            if category is None:
                category = categories[account] = (
                    INCOME if is_income(account) else category_of(account)
                )
            if not category:
                not_eligible += 1
                continue
            if category in skip:
                not_taken += 1
                not_taken_amount += Decimal(a)
                continue
            if not prefix:
                fy = years.get(v.date)
                if fy is None:
                    fy = years[v.date] = fiscal_year_start(sie, v.date)
                prefix = f"{fy:%Y%m%d}/{v.series}/{v.number}/"
            amount = amounts.get(a)
            if amount is None:
                amount = amounts[a] = Decimal(a)
            if category == INCOME:
                amount = -amount  # revenue is a credit: income is stored positive
            append(
                LedgerRow(
                    prefix + str(i),
                    v.series[:SERIES_LENGTH],
                    v.number[:SERIES_LENGTH],
                    day or v.date,
                    account,
                    category,
                    amount,
                    (text or v.text)[:TEXT_LENGTH],
                )
            )
    out.selected, out.not_eligible = selected, not_eligible
    out.not_taken, out.not_taken_amount = not_taken, not_taken_amount
    return out


@dataclass(frozen=True)
class LedgerDates:
    """Which dates a new cost may carry in a programme's ledger.

    Inside the programme period, and outside every reporting period whose payment claim has
    been submitted: a submitted claim is frozen, so a correction is booked in the next
    period (docs/finance.md, "Import rules"). The SIE import (at staging and again at
    confirming), manual entries and staff costs from timesheets all ask this one rule.
    """

    start: date
    end: date
    claimed: tuple[tuple[date, date, int], ...] = ()  # submitted: (start, end, period number)

    def outside(self, day: date) -> bool:
        return not self.start <= day <= self.end

    def claimed_period(self, day: date) -> int | None:
        """The number of the claimed reporting period `day` falls in, or None."""
        for start, end, number in self.claimed:
            if start <= day <= end:
                return number
        return None

    def refused(self, days: Iterable[date]) -> set[date]:
        """Those of `days` (each one once, however often it occurs) no new cost may carry."""
        return {d for d in set(days) if self.outside(d) or self.claimed_period(d) is not None}


def what_the_file_has(sie: SieFile, limit: int = 8) -> dict[str, list[str]]:
    """For an import that selects nothing: the dimension/object pairs its rows carry (most
    used first) and the range of cost accounts (4000–7999) its rows use, so that the page
    can say what was looked for and what was there instead of a bare Confirm button."""
    objects: dict[tuple[str, str], int] = {}
    cost_accounts: set[int] = set()
    for v in sie.vouchers:
        for (_label, account, row_objects), _a, _info in v.raw_rows:
            for pair in row_objects:
                objects[pair] = objects.get(pair, 0) + 1
            if account[:4].isdigit() and 4000 <= int(account[:4]) <= 7999:
                cost_accounts.add(int(account[:4]))
    used = sorted(objects, key=lambda pair: (-objects[pair], pair))[:limit]
    low, high = (min(cost_accounts), max(cost_accounts)) if cost_accounts else (0, 0)
    return {
        "objects": [f"{dim}/{obj}" for dim, obj in used],
        "accounts": [] if not cost_accounts else [str(low) if low == high else f"{low}–{high}"],
    }
