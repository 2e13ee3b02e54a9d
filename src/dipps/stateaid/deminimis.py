"""De minimis control: the regulation of a grant by its date, its window and its ceiling.

Pure Python (no Django): the rules, the aid value of a share of an activity, and the
contract of `dipps deminimis check FILE` (docs/de-minimis.md). Amounts are exact
`Decimal`s; conversions round half up to the cent, once, where SEK becomes EUR.

Which regulation. Aid is granted when the legal right to it is conferred
(Regulation (EU) 2023/2831 art. 3(4); 1407/2013 art. 3(4) says the same), so the
grant date chooses the rule. 2023/2831 art. 8 applies it from 1 January 2024, and
1407/2013 art. 8 (as extended by Regulation (EU) 2020/972) applied until 31 December 2023:

- granted before 2024-01-01: Commission Regulation (EU) No 1407/2013, art. 3(2):
  EUR 200,000 "over any period of three fiscal years" — read (as art. 3(2) second
  subparagraph and recital 10 say) as the current fiscal year of the undertaking and
  the two previous ones;
- granted from 2024-01-01: Commission Regulation (EU) 2023/2831, art. 3(2): EUR 300,000
  "over any period of three years".

The 2023/2831 window. We read "any period of three years" as a rolling window of
exactly three years that ends on the grant date, both ends inclusive:

    window(D) = [D − 3 years + 1 day, D]

so earlier aid granted on the same calendar day three years before D (exactly three
years old) has left the window, and aid granted a day later still counts. From
29 February three years back is 28 February (three years before 2028-02-29 is
2025-02-28; the window starts 2025-03-01).

The 1407/2013 window starts on the first day of the fiscal year two before the fiscal
year that contains D, and also ends on D. A fiscal year ends on the undertaking's
`FiscalYearEnd` (MM-DD, 12-31 for a calendar year, e.g. 06-30 or 04-30 for a broken
year, "brutet räkenskapsår"); it is taken as the same every year. 02-29 is accepted
and means the last day of February (29 February in a leap year, 28 February
otherwise): Bokföringslagen (1999:1078) 3 kap. 1 § lets a fiscal year end only at a
month's end, so a firm that closes its books at the end of February has one fiscal
year end, whatever the year. 02-28 is taken literally: in a leap year 29 February then
opens the next fiscal year. A day that exists in no year (02-30, 04-31, 13-01) is
refused.

Aid in a window counts every grant dated inside it, of either regulation (both count
all de minimis aid to the single undertaking: 2023/2831 art. 3(2) and 1407/2013
art. 3(2)). Granting aid checks its own window (2023/2831 art. 6(1)); aid that is
granted with an earlier date than aid already granted (backdated, imported, corrected)
also falls in the later grants' windows, so each later grant is checked again with its
own regulation and window, counting the new aid.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")

R1407 = "1407/2013"
R2831 = "2023/2831"
#: 2023/2831 art. 8: applicable from 1 January 2024 (1407/2013 until 31 December 2023).
SWITCH_DAY = date(2024, 1, 1)
CEILINGS_EUR = {R1407: Decimal("200000.00"), R2831: Decimal("300000.00")}

# Kept for callers that mean today's rule.
CEILING_EUR = CEILINGS_EUR[R2831]
REGULATION = "(EU) 2023/2831"


def regulation_of(granted: date) -> str:
    """The regulation that applies to aid granted on `granted`: "1407/2013" or "2023/2831"."""
    return R1407 if granted < SWITCH_DAY else R2831


def ceiling_of(granted: date) -> Decimal:
    """The ceiling (EUR) of the regulation that applies on `granted`: 200,000 or 300,000."""
    return CEILINGS_EUR[regulation_of(granted)]


@dataclass(frozen=True)
class FiscalYearEnd:
    """The last day of an undertaking's fiscal year, as MM-DD (see the module docstring)."""

    month: int = 12
    day: int = 31

    def __post_init__(self) -> None:
        try:
            date(2000, self.month, self.day)  # a leap year: 02-29 exists, 02-30 does not
        except (TypeError, ValueError):
            raise ValueError(
                f"{self.month:02d}-{self.day:02d} is no day of the year; expected MM-DD "
                "such as 12-31 or 06-30"
            ) from None

    @classmethod
    def parse(cls, text: str) -> FiscalYearEnd:
        match = re.fullmatch(r"(\d{2})-(\d{2})", text)
        if match is None:
            raise ValueError(f"expected MM-DD such as 12-31 or 06-30, not {text!r}")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> date:
        """The fiscal year end that falls in calendar year `year` (02-29 → 28 Feb if need be)."""
        try:
            return date(year, self.month, self.day)
        except ValueError:  # 02-29 in a common year: the last day of February
            return date(year, 2, 28)

    def year_containing(self, day: date) -> tuple[date, date]:
        """First and last day of the fiscal year that contains `day`."""
        end = self.in_year(day.year)
        if day > end:
            end = self.in_year(day.year + 1)
        return self.in_year(end.year - 1) + timedelta(days=1), end


CALENDAR_YEAR = FiscalYearEnd(12, 31)


def three_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February in a leap year
        return day.replace(year=day.year - 3, day=28)


def window(grant: date, fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR) -> tuple[date, date]:
    """First and last day (inclusive) of the period whose aid counts for a grant on `grant`.

    2023/2831 art. 3(2): the three years ending on `grant`. 1407/2013 art. 3(2): from the
    first day of the fiscal year two before the one containing `grant`, to `grant`.
    """
    if regulation_of(grant) == R2831:
        return three_years_before(grant) + timedelta(days=1), grant
    start, _ = fiscal_year_end.year_containing(grant)
    for _two_years_back in range(2):
        start, _ = fiscal_year_end.year_containing(start - timedelta(days=1))
    return start, grant


def affected_span(grant: date) -> tuple[date, date]:
    """Every day whose aid can matter when aid is granted on `grant`: its own window and the
    windows of later grants that contain it (no window is longer than three years)."""
    try:
        after = grant.replace(year=grant.year + 3)
    except ValueError:  # 29 February
        after = grant.replace(year=grant.year + 3, day=28)
    return three_years_before(grant), after


def aid_value_sek(
    coach_hours: Decimal, aid_hourly_rate_sek: Decimal, external_cost_sek: Decimal
) -> Decimal:
    """A firm's share of coach hours at the programme's aid rate plus its external-cost share."""
    if coach_hours < 0 or aid_hourly_rate_sek < 0 or external_cost_sek < 0:
        raise ValueError("hours, rate and cost cannot be negative")
    return (coach_hours * aid_hourly_rate_sek + external_cost_sek).quantize(CENT, ROUND_HALF_UP)


def sek_to_eur(amount_sek: Decimal, sek_per_eur: Decimal) -> Decimal:
    if sek_per_eur <= 0:
        raise ValueError("the exchange rate must be positive")
    return (amount_sek / sek_per_eur).quantize(CENT, ROUND_HALF_UP)


def eur_to_sek(amount_eur: Decimal, sek_per_eur: Decimal) -> Decimal:
    if sek_per_eur <= 0:
        raise ValueError("the exchange rate must be positive")
    return (amount_eur * sek_per_eur).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Aid:
    """One grant of de minimis aid to a member of the single undertaking."""

    granted: date
    amount_eur: Decimal
    giver: str = ""


@dataclass(frozen=True)
class LaterBreach:
    """A grant dated after the new aid that the new aid would take over its own ceiling."""

    granted: date
    regulation: str
    window_start: date
    window_end: date
    aid_in_window_eur: Decimal  # the later grant's window, the new aid included
    ceiling_eur: Decimal


@dataclass(frozen=True)
class Decision:
    allowed: bool  # within the ceiling and no later grant breached
    new_aid_eur: Decimal
    window_start: date
    window_end: date
    three_year_sum_eur: Decimal  # earlier aid inside the window, the new aid not included
    headroom_eur: Decimal  # ceiling − that sum: the most the new aid may be
    ceiling_eur: Decimal = CEILING_EUR
    regulation: str = R2831
    later_breached: tuple[LaterBreach, ...] = ()

    @property
    def total_with_new_eur(self) -> Decimal:
        """The aid in the window, the new aid included (the contract's `aid_in_window_eur`)."""
        return self.three_year_sum_eur + self.new_aid_eur

    @property
    def within_ceiling(self) -> bool:
        return self.total_with_new_eur <= self.ceiling_eur

    @property
    def excess_eur(self) -> Decimal:
        return max(Decimal(0), self.total_with_new_eur - self.ceiling_eur)


class _Ledger:
    """Aid sorted by date with running sums: the sum over any date range in O(log n)."""

    def __init__(self, aid: Iterable[Aid]) -> None:
        self.aid = sorted(aid, key=lambda a: a.granted)
        self.days = [a.granted for a in self.aid]
        self.running = [Decimal("0.00")]
        for a in self.aid:
            self.running.append(self.running[-1] + a.amount_eur)

    def sum(self, start: date, end: date) -> Decimal:
        return (
            self.running[bisect_right(self.days, end)] - self.running[bisect_left(self.days, start)]
        )


def sum_in_window(
    ledger: Iterable[Aid], grant: date, fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR
) -> Decimal:
    start, end = window(grant, fiscal_year_end)
    return sum((a.amount_eur for a in ledger if start <= a.granted <= end), Decimal("0.00"))


def headroom(
    ledger: Iterable[Aid],
    on: date,
    ceiling: Decimal | None = None,
    fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR,
) -> Decimal:
    """What may still be granted on `on`; negative if the ledger is already over."""
    limit = ceiling_of(on) if ceiling is None else ceiling
    return limit - sum_in_window(ledger, on, fiscal_year_end)


def later_grants_breached(
    new_aid: Aid, ledger: Iterable[Aid], fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR
) -> tuple[LaterBreach, ...]:
    """Each grant in `ledger` dated after `new_aid` whose own window contains the new aid's
    date and whose aid in that window, counting the new aid, exceeds its own ceiling.

    A later grant whose window does not reach back to the new aid is not affected by it
    and is not checked again. Listed in date order, one entry per grant.
    """
    book = _Ledger(ledger)
    found = []
    for aid in book.aid:
        if aid.granted <= new_aid.granted:
            continue
        start, end = window(aid.granted, fiscal_year_end)
        if new_aid.granted < start:
            continue
        total = book.sum(start, end) + new_aid.amount_eur
        ceiling = ceiling_of(aid.granted)
        if total > ceiling:
            found.append(
                LaterBreach(aid.granted, regulation_of(aid.granted), start, end, total, ceiling)
            )
    return tuple(found)


def check(
    new_aid: Aid,
    ledger: Iterable[Aid],
    ceiling: Decimal | None = None,
    fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR,
) -> Decision:
    """May `new_aid` be granted on top of `ledger` (all aid to the same single undertaking)?

    The regulation, ceiling and window are those of the new aid's date (module
    docstring); `ceiling` overrides the regulation's (tests, what-ifs). Aid dated after
    the new grant is not in its window, but each such grant is checked again
    (`later_grants_breached`): the new aid is refused if it would take one of them over.
    """
    if new_aid.amount_eur < 0:
        raise ValueError("aid cannot be negative")
    ledger = list(ledger)
    limit = ceiling_of(new_aid.granted) if ceiling is None else ceiling
    start, end = window(new_aid.granted, fiscal_year_end)
    earlier = _Ledger(ledger).sum(start, end)
    later = later_grants_breached(new_aid, ledger, fiscal_year_end)
    return Decision(
        allowed=earlier + new_aid.amount_eur <= limit and not later,
        new_aid_eur=new_aid.amount_eur,
        window_start=start,
        window_end=end,
        three_year_sum_eur=earlier,
        headroom_eur=limit - earlier,
        ceiling_eur=limit,
        regulation=regulation_of(new_aid.granted),
        later_breached=later,
    )


# --- the contract of `dipps deminimis check FILE` ---------------------------------------------


class DeminimisInputError(ValueError):
    """A bad input; ``field`` is the path of the offending value (`grants[1].amount_eur`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CheckInput:
    new_grant: Aid
    grants: tuple[Aid, ...] = ()
    fiscal_year_end: FiscalYearEnd = CALENDAR_YEAR


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TOP_KEYS = ("fiscal_year_end", "grants", "new_grant")
GRANT_KEYS = ("date", "amount_eur")


def _object(value: object, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    """A JSON object whose keys are all `allowed`: a misspelt key is refused, not ignored."""
    if not isinstance(value, dict):
        raise DeminimisInputError(where or "(file)", "expected an object")
    for key in value:
        if key not in allowed:
            raise DeminimisInputError(f"{where}.{key}" if where else key, "unknown key")
    return value


def _date(value: object, where: str) -> date:
    """A day that exists, YYYY-MM-DD, in 1900–9990 (so every window stays in the calendar)."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if 1900 <= day.year <= 9990:
                return day
    raise DeminimisInputError(
        where, f"expected a date that exists, as YYYY-MM-DD (1900–9990), not {value!r}"
    )


def _amount(value: object, where: str) -> Decimal:
    """EUR: a number, not negative, with at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise DeminimisInputError(where, "expected an amount in EUR (a number)")
    amount = Decimal(value)
    if not amount.is_finite():
        raise DeminimisInputError(where, "expected an amount in EUR (a number)")
    if amount < 0:
        raise DeminimisInputError(where, "must not be negative")
    if amount != amount.quantize(CENT):
        raise DeminimisInputError(where, "an amount has at most two decimals (cents)")
    return amount.quantize(CENT)


def _grant(value: object, where: str) -> Aid:
    data = _object(value, where, GRANT_KEYS)
    for key in GRANT_KEYS:
        if key not in data:
            raise DeminimisInputError(f"{where}.{key}", "is required")
    return Aid(
        _date(data["date"], f"{where}.date"), _amount(data["amount_eur"], f"{where}.amount_eur")
    )


def parse_check(data: object) -> CheckInput:
    """The typed input from decoded JSON (floats decoded as Decimal); DeminimisInputError if bad."""
    top = _object(data, "", TOP_KEYS)
    fye_text = top.get("fiscal_year_end", "12-31")
    if not isinstance(fye_text, str):
        raise DeminimisInputError("fiscal_year_end", "expected MM-DD such as 12-31 or 06-30")
    try:
        fiscal_year_end = FiscalYearEnd.parse(fye_text)
    except ValueError as error:
        raise DeminimisInputError("fiscal_year_end", str(error)) from None
    grants = top.get("grants", [])
    if not isinstance(grants, list):
        raise DeminimisInputError("grants", "expected a list")
    if "new_grant" not in top:
        raise DeminimisInputError("new_grant", "is required")
    return CheckInput(
        new_grant=_grant(top["new_grant"], "new_grant"),
        grants=tuple(_grant(g, f"grants[{i}]") for i, g in enumerate(grants)),
        fiscal_year_end=fiscal_year_end,
    )


def _reject_constant(name: str) -> object:
    raise DeminimisInputError("(file)", f"{name} is not a number")


def loads(text: str) -> CheckInput:
    """Parse the JSON text; a decoding problem is reported with its line and column."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise DeminimisInputError(
            "(file)", f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    return parse_check(data)


def as_json(decision: Decision) -> dict[str, object]:
    """The contract's output: amounts with two decimals, headroom after the new grant."""
    total = decision.total_with_new_eur.quantize(CENT)
    return {
        "regulation": decision.regulation,
        "ceiling_eur": decision.ceiling_eur.quantize(CENT),
        "window": {
            "from": decision.window_start.isoformat(),
            "to": decision.window_end.isoformat(),
        },
        "aid_in_window_eur": total,
        "headroom_eur": (decision.ceiling_eur - total).quantize(CENT),
        "allowed": decision.allowed,
        "later_grants_breached": [
            {
                "date": b.granted.isoformat(),
                "aid_in_window_eur": b.aid_in_window_eur.quantize(CENT),
                "ceiling_eur": b.ceiling_eur.quantize(CENT),
            }
            for b in decision.later_breached
        ],
    }


def dumps(value: object) -> str:
    """JSON text in which a Decimal is written as its own digits (300000.00, not 300000.0)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def check_json(text: str) -> str:
    """JSON in, JSON out: the whole of `dipps deminimis check`; DeminimisInputError if bad."""
    given = loads(text)
    return dumps(
        as_json(check(given.new_grant, given.grants, fiscal_year_end=given.fiscal_year_end))
    )
