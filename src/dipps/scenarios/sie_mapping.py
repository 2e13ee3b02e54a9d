"""A firm's cost structure from the result balances (#RES) of its SIE file, by BAS account.

Pure Python: reads the dataclasses of ``dipps.finance.sie``. The mapping (BAS 2024 chart):

=====================  =====================================================================
accounts               cost-structure line
=====================  =====================================================================
3000–3999              revenue (SEK: an SIE file does not say which currency a sale was in)
4000–4999              materials and purchased inputs (SEK), incl. 49xx inventory change
5020, 5120, 5310–5319  electricity (5020/5120 "El för belysning", 531x "El för drift")
5300–5399 other        other energy (gas, oil, district heating …), except 5380 water
7000–7699              labour (wages, employer contributions, pensions, other staff costs)
7700–7899              depreciation and write-downs
5000–6999 rest, 79xx   other costs (premises, repairs, transport, travel, IT, other
                       operating costs)
8000–8999              not used: financial items and tax lie below EBIT
=====================  =====================================================================

Signs: income is a credit, written negative in SIE, so revenue is the balance with its sign
flipped; costs are debits and keep theirs. SIE gives the electricity *cost*; kWh come from
the quantity of the electricity accounts when the file has one, otherwise from that cost at an
assumed price that the person checks before saving (the preview shows every figure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dipps.finance.sie import SieFile

LINES = ("revenue", "materials", "electricity", "other_energy", "labour", "depreciation", "other")
ZERO = Decimal(0)
CENT = Decimal("0.01")
# An assumed all-in SE2 price (spot, grid fee, energy tax) used only to turn an electricity
# cost into kWh when the file carries no quantity; shown and editable in the preview.
ASSUMED_ELECTRICITY_PRICE = Decimal("1.20")


def line_for(account: str) -> str | None:
    """The cost-structure line of a BAS account, or None when it is not part of EBIT."""
    if not (len(account) >= 4 and account[:4].isdigit()):
        return None
    n = int(account[:4])
    if 3000 <= n <= 3999:
        return "revenue"
    if 4000 <= n <= 4999:
        return "materials"
    if n in (5020, 5120) or 5310 <= n <= 5319:
        return "electricity"
    if 5300 <= n <= 5399 and n != 5380:
        return "other_energy"
    if 7000 <= n <= 7699:
        return "labour"
    if 7700 <= n <= 7899:
        return "depreciation"
    if 5000 <= n <= 6999 or 7900 <= n <= 7999:
        return "other"
    return None


@dataclass
class MappedLine:
    line: str
    amount: Decimal = ZERO
    accounts: list[tuple[str, str, Decimal]] = field(default_factory=list)  # number, name, SEK


@dataclass
class SieMapping:
    year_index: int
    start: date | None
    end: date | None
    lines: dict[str, MappedLine]
    electricity_kwh: Decimal
    electricity_price: Decimal
    kwh_from_file: bool
    orgnr: str
    company_name: str

    @property
    def year(self) -> int | None:
        return self.end.year if self.end else None

    @property
    def empty(self) -> bool:
        """No account of the year counts toward EBIT (nothing to fill in)."""
        return not any(line.accounts for line in self.lines.values())

    @property
    def negative_lines(self) -> list[str]:
        """Lines whose accounts sum below zero: the person must correct them before saving."""
        return [name for name in LINES if self.lines[name].amount < 0]

    def amount(self, line: str) -> Decimal:
        return self.lines[line].amount


def _res_balances(sie: SieFile, year_index: int) -> Iterable[tuple[str, Decimal, Decimal | None]]:
    found = False
    for b in sie.balances:
        if b.kind == "RES" and b.year == year_index and not b.objects:
            found = True
            yield b.account, b.amount, b.quantity
    if found:
        return
    # A file without #RES (type 4I, or a sloppy export): sum the year's transactions instead.
    period = next((y for y in sie.fiscal_years if y.index == year_index), None)
    for voucher in sie.vouchers:
        if period is None or period.start <= voucher.date <= period.end:
            for t in voucher.transactions:
                yield t.account, t.amount, t.quantity


def map_sie(
    sie: SieFile, year_index: int = 0, assumed_price: Decimal = ASSUMED_ELECTRICITY_PRICE
) -> SieMapping:
    """Sum the year's result balances into cost-structure lines (amounts in SEK, öre)."""
    lines = {name: MappedLine(name) for name in LINES}
    by_account: dict[str, Decimal] = {}
    kwh = ZERO
    has_quantity = False
    for account, amount, quantity in _res_balances(sie, year_index):
        line = line_for(account)
        if line is None:
            continue
        signed = -amount if line == "revenue" else amount
        by_account[account] = by_account.get(account, ZERO) + signed
        if line == "electricity" and quantity:
            kwh += abs(quantity)
            has_quantity = True
    for account in sorted(by_account):
        mapped = lines[line_for(account)]  # type: ignore[index]
        name = sie.accounts[account].name if account in sie.accounts else ""
        mapped.accounts.append((account, name, by_account[account]))
        mapped.amount += by_account[account]
    for mapped in lines.values():
        mapped.amount = mapped.amount.quantize(CENT, ROUND_HALF_UP)
    period = next((y for y in sie.fiscal_years if y.index == year_index), None)
    electricity = lines["electricity"].amount
    if has_quantity and kwh > 0:
        price = (electricity / kwh).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    else:
        price = assumed_price
        kwh = (electricity / price).quantize(CENT, ROUND_HALF_UP) if price else ZERO
    return SieMapping(
        year_index=year_index,
        start=period.start if period else None,
        end=period.end if period else None,
        lines=lines,
        electricity_kwh=kwh.quantize(CENT, ROUND_HALF_UP),
        electricity_price=price,
        kwh_from_file=has_quantity,
        orgnr=sie.orgnr,
        company_name=sie.company_name,
    )
