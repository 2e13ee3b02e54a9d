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
  may be fractional: a person who worked full time for the whole reference
  year is one unit; part-time and seasonal work are fractions of a unit.
- Article 3(2) (exempt investors). An enterprise stays autonomous although
  public investment corporations, venture capital companies, business angels,
  universities or non-profit research centres, institutional investors
  including regional development funds (Almi Invest, Norrlandsfonden), or
  small autonomous local authorities hold 25 % or more, as long as they hold
  no more than 50 %: their figures are not added.
- Article 3(4) (public bodies). An enterprise is not an SME if 25 % or more
  of its capital or voting rights are controlled, directly or indirectly,
  jointly or individually, by one or more public bodies.
- Article 4(2) (two consecutive years). Exceeding or falling below a ceiling
  of Article 2 changes the status only when it happens over two consecutive
  accounting periods. Where the two periods' classes differ, the status moves
  to the one nearer the old status (DIPPS contract `dipps sme classify`,
  docs/reference-data.md). The two-year rule covers growth and shrinkage, not
  a change of ownership (a merger, an acquisition, as the Commission's User
  guide to the SME definition, 2020, reads Article 4(2)), and Article 3(4)
  does not wait for two periods: in a year of either, the status is the
  year's class at once.

`year_statuses` applies Articles 2-6 to a run of consecutive years; the JSON
file contract around it lives in `sme_json`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
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
    """Input that cannot be classified; the message says which value and why.

    ``field`` (when known) is the path of the offending value, as in the JSON file
    (`years[1].partners[0].share_percent`), and leads the message."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


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


# --- A run of years: Articles 3(2), 3(4), 4(2) and 6 -------------------------------------------

PUBLIC_CONTROL_LIMIT = Decimal(25)  # Article 3(4): 25 % or more by public bodies → not an SME
ORDER = (SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE)


@dataclass(frozen=True)
class Partner:
    """A partner enterprise of one year: a share of 25-50 % (Article 3(2))."""

    share_percent: Decimal
    figures: Figures
    exempt_investor: bool = False  # Article 3(2) (a)-(d): not added while ≤ 50 %


@dataclass(frozen=True)
class Year:
    """One accounting period's own figures and those of its related enterprises."""

    year: int
    own: Figures
    public_control_percent: Decimal = Decimal(0)
    partners: tuple[Partner, ...] = ()
    linked: tuple[Figures, ...] = ()  # linked enterprises, added in full


@dataclass(frozen=True)
class YearStatus:
    year: int
    aggregated: Figures  # not rounded: round at the edge
    computed: SizeClass  # this year's figures alone
    status: SizeClass  # after the two-year rule


def _check_figures(figures: Figures, where: str) -> None:
    for name, value in (
        ("staff_awu", figures.headcount),
        ("turnover_eur", figures.turnover_eur),
        ("balance_eur", figures.balance_eur),
    ):
        if Decimal(value) < 0:
            raise SmeInputError(f"must not be negative, got {value}", f"{where}{name}")


def _check_year(year: Year, where: str) -> None:
    _check_figures(year.own, where)
    control = Decimal(year.public_control_percent)
    if not Decimal(0) <= control <= Decimal(100):
        raise SmeInputError(
            f"must be between 0 and 100, got {control}", f"{where}public_control_percent"
        )
    for j, partner in enumerate(year.partners):
        share = Decimal(partner.share_percent)
        if not PARTNER_MIN_SHARE <= share <= PARTNER_MAX_SHARE:
            raise SmeInputError(
                f"a partner holds 25-50 %, got {share} % (below 25 % the enterprise is not "
                "counted; above 50 % it is linked: list it under linked)",
                f"{where}partners[{j}].share_percent",
            )
        _check_figures(partner.figures, f"{where}partners[{j}].")
    for j, linked in enumerate(year.linked):
        _check_figures(linked, f"{where}linked[{j}].")


def aggregate_year(year: Year) -> Figures:
    """Own figures + each partner's × share/100 + each linked enterprise's in full (Article 6).

    An exempt investor (Article 3(2)) holding at most 50 % is not added."""
    _check_year(year, "")
    related = [
        Related(PARTNER, p.share_percent, *_triple(p.figures))
        for p in year.partners
        if not p.exempt_investor
    ]
    related += [Related(LINKED, Decimal(100), *_triple(f)) for f in year.linked]
    return aggregate(year.own, related)


def _triple(figures: Figures) -> tuple[Decimal, Decimal, Decimal]:
    return (figures.headcount, figures.turnover_eur, figures.balance_eur)


def computed_class(year: Year) -> tuple[Figures, SizeClass]:
    """The aggregated figures and their class; public control ≥ 25 % is large (Article 3(4))."""
    figures = aggregate_year(year)
    if Decimal(year.public_control_percent) >= PUBLIC_CONTROL_LIMIT:
        return figures, SizeClass.LARGE
    return figures, size_class(figures)


def next_status(previous: SizeClass, before: SizeClass, now: SizeClass) -> SizeClass:
    """Article 4(2): the status moves only when this year's class (`now`) and last year's
    (`before`) both lie on the same side of the previous status; then to the nearer of the two.
    """
    p, b, n = ORDER.index(previous), ORDER.index(before), ORDER.index(now)
    if b > p and n > p:
        return ORDER[min(b, n)]
    if b < p and n < p:
        return ORDER[max(b, n)]
    return previous


def year_statuses(
    years: Sequence[Year], ownership_changed_in: Collection[int] = ()
) -> list[YearStatus]:
    """Each year's aggregated figures, computed class and status (Articles 2-6).

    The first year's status is its computed class. In a year of a change of ownership, or
    in which public bodies control 25 % or more, the status is the computed class at once;
    otherwise `next_status`. Years must follow one another without a gap."""
    if not years:
        raise SmeInputError("at least one year is needed", "years")
    result: list[YearStatus] = []
    for i, year in enumerate(years):
        where = f"years[{i}]."
        if i and year.year != years[i - 1].year + 1:
            raise SmeInputError(
                f"expected {years[i - 1].year + 1} after {years[i - 1].year}, got {year.year} "
                "(years are consecutive, in order)",
                f"{where}year",
            )
        try:
            figures, computed = computed_class(year)
        except SmeInputError as error:
            field = f"{where}{error.field}" if error.field else f"years[{i}]"
            raise SmeInputError(error.message, field) from None
        immediate = year.year in ownership_changed_in or (
            Decimal(year.public_control_percent) >= PUBLIC_CONTROL_LIMIT
        )
        if not result or immediate:
            status = computed
        else:
            status = next_status(result[-1].status, result[-1].computed, computed)
        result.append(YearStatus(year.year, figures, computed, status))
    return result


class Why(StrEnum):
    """Why a year of the register has its status (shown on the company page)."""

    FIRST = "first"  # the first year of a run (or after a gap): its class
    SAME = "same"  # the class is the previous status
    HELD = "held"  # the class differs, but not in two consecutive years: status kept
    MOVED = "moved"  # two consecutive years on the same side: moved (Article 4(2))
    OWNERSHIP = "ownership"  # a change of ownership: the class at once
    PUBLIC = "public"  # public bodies hold 25 % or more: large at once (Article 3(4))
    NONE = "none"  # no class this year (no figures, no rate): no status


@dataclass(frozen=True)
class RegisterYear:
    """One year of a firm in the register: its computed class (None when it has none) and
    whether the status follows the class at once."""

    year: int
    computed: SizeClass | None
    ownership_changed: bool = False
    public_control: bool = False  # public bodies hold 25 % or more (Article 3(4))


def register_statuses(years: Iterable[RegisterYear]) -> dict[int, tuple[SizeClass | None, Why]]:
    """Article 4(2) over a firm's stored years, given in any order: each year's status and why.

    For the register, whose years may have gaps: a year without a class (no figures, no
    rate) has no status, and the year after such a year or after a missing year starts a
    new run (its status is its class, as a first year's is). In a year of a change of
    ownership or of public control the status is the class at once, as in `year_statuses`.
    Within a run, `next_status`.
    """
    out: dict[int, tuple[SizeClass | None, Why]] = {}
    previous: tuple[int, SizeClass, SizeClass] | None = None  # year, computed, status
    for given in sorted(years, key=lambda y: y.year):
        year = given.year
        if not given.computed:
            out[year] = (None, Why.NONE)
            previous = None
            continue
        computed = SizeClass(given.computed)
        if given.public_control:
            status, why = computed, Why.PUBLIC
        elif given.ownership_changed:
            status, why = computed, Why.OWNERSHIP
        elif previous is None or previous[0] != year - 1:
            status, why = computed, Why.FIRST
        else:
            status = next_status(previous[2], previous[1], computed)
            if computed == previous[2]:
                why = Why.SAME
            else:
                why = Why.HELD if status == previous[2] else Why.MOVED
        out[year] = (status, why)
        previous = (year, computed, status)
    return out


def statuses_of(classes: Iterable[tuple[int, str | None]]) -> dict[int, SizeClass | None]:
    """`register_statuses` over plain (year, stored class) pairs: the statuses only."""
    given = [RegisterYear(year, SizeClass(c) if c else None) for year, c in classes]
    return {year: status for year, (status, _why) in register_statuses(given).items()}
