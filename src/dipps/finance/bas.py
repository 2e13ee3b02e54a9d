"""The BAS account table: what an account number means to the cost ledger and to the planner.

Pure Python (no Django). `data/bas_accounts.csv` holds ranges of the BAS chart of accounts
that never overlap, so one row says everything about its accounts, one column per reader:

- `finance`: the cost category of a programme cost on such an account (`finance.ledger`).
  Blank: not a programme cost; rent and phone are covered by the flat rate, and
  depreciation (78xx) is never eligible. Staff is 7000–7699 only: write-downs (77xx) are
  not a cost a project pays for, and other operating costs (79xx, e.g. currency losses)
  are neither staff nor an eligible purchase, so both are blank too.
- `scenario`: the line of a firm's cost structure (`scenarios.sie_mapping`). Blank: not
  part of EBIT (balance-sheet accounts, financial items and tax).

An account is looked up by its first four digits. A programme may replace the finance
column with `AccountMapping` rows of its own; those may overlap, and the narrowest range
that contains the account wins (for example 7800–7899 not eligible inside a programme's
own 7000–7999 staff).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "bas_accounts.csv"
COLUMNS = ("finance", "scenario")


@dataclass(frozen=True)
class AccountRule:
    first: int
    last: int
    category: str  # "" = not eligible

    def __contains__(self, account: int) -> bool:
        return self.first <= account <= self.last


@dataclass(frozen=True)
class AccountRange:
    first: int
    last: int
    finance: str
    scenario: str
    note: str = ""


def read_table(path: Path = TABLE) -> list[AccountRange]:
    """The table's rows in account order; refuses a range that is reversed or overlaps another.

    The rows do not overlap, so that an account has one row and reading it needs no rule of
    precedence; a `ValueError` names the offending rows (by their line in the file).
    """
    with open(path, encoding="utf-8", newline="") as f:
        rows = [
            (
                line,
                AccountRange(
                    int(r["first"]),
                    int(r["last"]),
                    r["finance"].strip(),
                    r["scenario"].strip(),
                    r.get("note", "").strip(),
                ),
            )
            for line, r in enumerate(csv.DictReader(f), 2)
        ]
    for line, r in rows:
        if r.last < r.first:
            raise ValueError(f"{path.name}: the range on line {line} ends before it starts")
    rows.sort(key=lambda x: x[1].first)
    for (line, r), (line_next, nxt) in zip(rows, rows[1:], strict=False):
        if nxt.first <= r.last:
            raise ValueError(
                f"{path.name}: the range on line {line_next} ({nxt.first}-{nxt.last}) overlaps "
                f"the one on line {line} ({r.first}-{r.last})"
            )
    return [r for _line, r in rows]


@cache
def rules(column: str) -> tuple[AccountRule, ...]:
    """The ranges that carry a value in `column` ("finance" or "scenario"), as lookup rules."""
    if column not in COLUMNS:
        raise ValueError(f"unknown column {column!r} of the BAS table")
    return tuple(
        AccountRule(r.first, r.last, getattr(r, column)) for r in read_table() if getattr(r, column)
    )


class Mapping:
    """Account number → category ("" when none applies), cached per account."""

    def __init__(self, rules: list[AccountRule] | tuple[AccountRule, ...]) -> None:
        # Narrowest range first, so 78xx (not eligible) wins over 7xxx (staff).
        self.rules = sorted(rules, key=lambda r: (r.last - r.first, r.first))
        self._cache: dict[str, str] = {}

    def category(self, account: str) -> str:
        hit = self._cache.get(account)
        if hit is None:
            hit = ""
            digits = account[:4]
            if digits.isdigit():
                n = int(digits)
                for rule in self.rules:
                    if n in rule:
                        hit = rule.category
                        break
            self._cache[account] = hit
        return hit
