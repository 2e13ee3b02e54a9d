"""EU SME size class per Commission Recommendation 2003/361/EC.

Pure domain core: no Django import. Money is `Decimal` in EUR; conversion
from SEK uses a dated rate table kept by the users (the Django layer reads
the table, `rate_for` picks the rate).

The rule, Annex, Title I:

- Article 2 (thresholds). Medium-sized: fewer than 250 persons and annual
  turnover not exceeding EUR 50 million or balance-sheet total not exceeding
  EUR 43 million. Small: fewer than 50 persons and turnover or balance-sheet
  total not exceeding EUR 10 million. Micro: fewer than 10 persons and
  turnover or balance-sheet total not exceeding EUR 2 million. Otherwise large.
  The headcount test is strict ("fewer than"); the money tests are inclusive
  ("does not exceed") and only one of the two need be met.
- Article 3 (types of enterprise). A partner enterprise is one in which the
  enterprise holds 25 % or more, but not more than 50 %, of the capital or
  voting rights (or the other way round). A linked enterprise is one under
  majority control (more than 50 %) or otherwise dominant influence.
- Article 6 (establishing the data). The figures of partner enterprises are
  added in proportion to the share held (the higher of capital and voting
  rights); the figures of linked enterprises are added in full (100 %).
- Article 5 (staff headcount) counts annual work units (AWU), so headcount
  may be fractional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


# (class, headcount must be below, turnover ceiling, balance-sheet ceiling), Article 2.
THRESHOLDS: tuple[tuple[SizeClass, Decimal, Decimal, Decimal], ...] = (
    (SizeClass.MICRO, Decimal(10), Decimal(2_000_000), Decimal(2_000_000)),
    (SizeClass.SMALL, Decimal(50), Decimal(10_000_000), Decimal(10_000_000)),
    (SizeClass.MEDIUM, Decimal(250), Decimal(50_000_000), Decimal(43_000_000)),
)

PARTNER = "partner"
LINKED = "linked"
PARTNER_MIN_SHARE = Decimal(25)
PARTNER_MAX_SHARE = Decimal(50)


class SmeInputError(ValueError):
    """Input that cannot be classified; the message says which value and why."""


class MissingRateError(LookupError):
    """No exchange rate on or before the requested date."""


@dataclass(frozen=True)
class Figures:
    headcount: Decimal  # annual work units
    turnover_eur: Decimal
    balance_eur: Decimal


@dataclass(frozen=True)
class Related:
    """A partner (25-50 %) or linked (> 50 % or dominant influence) enterprise."""

    relation: str  # PARTNER or LINKED
    share: Decimal  # percent, e.g. Decimal("30")
    headcount: Decimal
    turnover_eur: Decimal
    balance_eur: Decimal


@dataclass(frozen=True)
class SmeResult:
    size_class: SizeClass
    aggregated: Figures


def relation_for_share(share: Decimal) -> str | None:
    """Article 3 by share alone: None (autonomous, < 25 %), partner (25-50 %), linked (> 50 %)."""
    share = Decimal(share)
    if share < PARTNER_MIN_SHARE:
        return None
    if share <= PARTNER_MAX_SHARE:
        return PARTNER
    return LINKED


def _weight(related: Related, index: int) -> Decimal:
    share = Decimal(related.share)
    if not Decimal(0) <= share <= Decimal(100):
        raise SmeInputError(
            f"related enterprise {index}: share {share} % is not between 0 and 100."
        )
    if related.relation == PARTNER:
        if not PARTNER_MIN_SHARE <= share <= PARTNER_MAX_SHARE:
            raise SmeInputError(
                f"related enterprise {index}: a partner enterprise has a share of 25-50 %, "
                f"got {share} % (below 25 % it is not counted; above 50 % it is linked)."
            )
        return share / Decimal(100)
    if related.relation == LINKED:
        # Linked enterprises count in full, whatever the share (Article 6(2)).
        return Decimal(1)
    raise SmeInputError(
        f"related enterprise {index}: relation must be 'partner' or 'linked', "
        f"got '{related.relation}'."
    )


def aggregate(own: Figures, related: Iterable[Related] = ()) -> Figures:
    """Own figures plus partners pro rata and linked enterprises in full (Article 6)."""
    headcount, turnover, balance = (
        Decimal(own.headcount),
        Decimal(own.turnover_eur),
        Decimal(own.balance_eur),
    )
    for index, rel in enumerate(related, start=1):
        w = _weight(rel, index)
        headcount += w * Decimal(rel.headcount)
        turnover += w * Decimal(rel.turnover_eur)
        balance += w * Decimal(rel.balance_eur)
    return Figures(headcount, turnover, balance)


def size_class(figures: Figures) -> SizeClass:
    """Article 2 applied to (already aggregated) figures."""
    for name, value in (
        ("headcount", figures.headcount),
        ("turnover", figures.turnover_eur),
        ("balance-sheet total", figures.balance_eur),
    ):
        if Decimal(value) < 0:
            raise SmeInputError(f"{name} cannot be negative, got {value}.")
    for cls, staff_below, turnover_max, balance_max in THRESHOLDS:
        if figures.headcount < staff_below and (
            figures.turnover_eur <= turnover_max or figures.balance_eur <= balance_max
        ):
            return cls
    return SizeClass.LARGE


def evaluate(own: Figures, related: Iterable[Related] = ()) -> SmeResult:
    aggregated = aggregate(own, related)
    return SmeResult(size_class(aggregated), aggregated)


def classify(
    *,
    headcount: Decimal | int,
    turnover_eur: Decimal,
    balance_eur: Decimal,
    related: Iterable[Related] = (),
) -> SizeClass:
    """Size class of an enterprise with its partner and linked enterprises."""
    own = Figures(Decimal(headcount), Decimal(turnover_eur), Decimal(balance_eur))
    return evaluate(own, related).size_class


def sek_to_eur(amount_sek: Decimal, sek_per_eur: Decimal) -> Decimal:
    """Convert with a rate given as SEK per 1 EUR. Not rounded: round at the edge."""
    rate = Decimal(sek_per_eur)
    if rate <= 0:
        raise SmeInputError(f"an exchange rate must be positive, got {rate} SEK/EUR.")
    return Decimal(amount_sek) / rate


def rate_for(on: dt.date, rates: Sequence[tuple[dt.date, Decimal]]) -> Decimal:
    """The latest rate dated on or before `on`; `MissingRateError` if there is none."""
    candidates = [(day, rate) for day, rate in rates if day <= on]
    if not candidates:
        earliest = min((day for day, _ in rates), default=None)
        hint = f" (the earliest rate is dated {earliest.isoformat()})" if earliest else ""
        raise MissingRateError(f"No EUR rate on or before {on.isoformat()}{hint}.")
    return max(candidates, key=lambda pair: pair[0])[1]
