"""From a partner's SIE 4 file to cost-ledger rows: selection, BAS mapping, natural keys.

Pure Python (no Django). The import service (`finance.imports`) adds what needs the
database: duplicates, the programme period, periods already claimed.

- Selection: a row is the programme's when it carries the partner's project object
  (for example dimension 6, object "P1") or, for partners without a project dimension,
  when its account is on the partner's account list.
- Mapping: the most specific (narrowest) account range that contains the account decides
  the category; a range with no category marks accounts that are never eligible
  (depreciation, 78xx). Accounts outside every range are not programme costs.
- Natural key: fiscal-year start, series, number and the row's index in the voucher. The
  same file imported twice, or a newer file that overlaps an older one, yields the same
  keys for the same rows, which is what makes the import idempotent.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from .sie import SieFile

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class AccountRule:
    first: int
    last: int
    category: str  # "" = not eligible

    def __contains__(self, account: int) -> bool:
        return self.first <= account <= self.last


def default_rules() -> list[AccountRule]:
    with open(DATA / "bas_mapping.csv", encoding="utf-8") as f:
        return [
            AccountRule(int(r["first"]), int(r["last"]), r["category"].strip())
            for r in csv.DictReader(f)
        ]


class Mapping:
    """Account number → category ("" when not a programme cost), cached per account."""

    def __init__(self, rules: list[AccountRule]) -> None:
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


@dataclass(slots=True)
class LedgerRow:
    key: str
    series: str
    number: str
    row: int
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


def fiscal_year_start(sie: SieFile, day: date) -> date:
    for y in sie.fiscal_years:
        if y.start <= day <= y.end:
            return y.start
    # No #RAR covers the day: fall back to the calendar year, stable across files.
    return date(day.year, 1, 1)


def extract(sie: SieFile, selection: Selection, mapping: Mapping) -> Extract:
    out = Extract()
    rows = out.rows
    years: dict[date, date] = {}
    for v in sie.vouchers:
        fy = years.get(v.date)
        if fy is None:
            fy = years[v.date] = fiscal_year_start(sie, v.date)
        prefix = f"{fy:%Y%m%d}/{v.series}/{v.number}/"
        for i, t in enumerate(v.transactions):
            if not selection.takes(t.account, t.objects):
                continue
            out.selected += 1
            category = mapping.category(t.account)
            if not category:
                out.not_eligible += 1
                continue
            rows.append(
                LedgerRow(
                    key=prefix + str(i),
                    series=v.series,
                    number=v.number,
                    row=i,
                    date=t.date or v.date,
                    account=t.account,
                    category=category,
                    amount=t.amount,
                    text=(t.text or v.text)[:200],
                )
            )
    return out
