"""A difference-in-differences estimate with a firm-level bootstrap interval.

Pure Python and numpy, no Django: the contract of `dipps impact did FILE.csv [--draws 2000]
[--seed 1]` (docs/impact.md, which also says what the estimate can and cannot claim).

Input: rows with the columns ``orgnr``, ``group`` (``treated`` or ``comparison``),
``period`` (``pre`` or ``post``) and ``value`` (a number), each with its row number as a
spreadsheet shows it (header = row 1). The organisation number is checked and normalised by
``dipps.companies.orgnr``, so 556036-0793 and 5560360793 are one firm. A firm belongs to one
group; several rows of a firm in one period are averaged.

The estimate (the two-group, two-period DiD of Card and Krueger 1994, with firm means):

- a firm's change = mean of its post values − mean of its pre values; a firm without both
  periods is dropped and counted (``dropped``);
- ``treated_change`` and ``comparison_change`` = the mean of the firms' changes in the group;
- ``att`` = treated_change − comparison_change, computed exactly in `Decimal`.

The interval (Efron and Tibshirani 1993, ch. 13, the percentile interval): each of ``draws``
bootstrap draws resamples the firms of each group with replacement, as many as the group
has, and takes the difference of the two groups' mean changes. Firms, not rows, are
resampled, so a firm's rows stay together (a cluster bootstrap). The draws come from
``numpy.random.default_rng(seed)``: first a draws × n matrix of firm indices for the treated
group, then a draws × m matrix for the comparison group, row by row (``Generator.integers``,
int64); firms are numbered in the order they first appear in the file. ``ci95`` = the 2.5th
and 97.5th percentiles of the draws by numpy's default "linear" method (Hyndman and Fan 1996,
definition 7: linear interpolation between the order statistics at (draws − 1) · p). The
bootstrap runs in floating point, so the interval is exact to far better than the öre it is
rounded to. Every figure is written with two decimals, rounded half up.

The matrices are generated in blocks of rows (`BLOCK` indices at most) to bound memory; the
generator's stream does not depend on the block size, so the interval does not either
(tested).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np

from dipps.companies import orgnr as orgnrs
from dipps.core import contract_json
from dipps.core.progress import ProgressFn, report

CENT = Decimal("0.01")
GROUPS = ("treated", "comparison")
PERIODS = ("pre", "post")
COLUMNS = ("orgnr", "group", "period", "value")
DEFAULT_DRAWS = 2000
DEFAULT_SEED = 1
# At most this many indices are drawn at once (32 MB of int64): 2,000 draws of 20,000 firms
# take 10 blocks instead of one 320 MB matrix.
BLOCK = 4_000_000

_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


class DidError(ValueError):
    """Input the estimate refuses; `row` is the spreadsheet row number (0: the file as a whole)."""

    def __init__(self, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.row = row

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


@dataclass(frozen=True, slots=True)
class DidResult:
    treated: int
    comparison: int
    dropped: int
    treated_change: Decimal
    comparison_change: Decimal
    att: Decimal
    ci95: tuple[Decimal, Decimal]
    draws: int
    seed: int


@dataclass(frozen=True, slots=True)
class Changes:
    """Each kept firm's change per group (firms in file order), and how many were dropped."""

    treated: list[Decimal]
    comparison: list[Decimal]
    dropped: int


def cents(amount: Decimal) -> Decimal:
    """Two decimals, half up; never "-0.00"."""
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def parse_value(text: str) -> Decimal:
    """A number as a person writes it: 1234.5, 1234,5, -3, 1 234,5; ValueError otherwise."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(text) from None
    return value


def changes(rows: Iterable[tuple[int, Mapping[str, str]]]) -> Changes:
    """Read the rows into each firm's change; `DidError` names the first bad row."""
    group_of: dict[str, tuple[str, int]] = {}  # firm -> (group, row of its first row)
    sums: dict[str, list[Decimal]] = {}  # firm -> [pre sum, pre count, post sum, post count]
    normalised: dict[str, str] = {}
    zero = Decimal(0)
    for number, values in rows:
        raw = (values.get("orgnr") or "").strip()
        group = (values.get("group") or "").strip().lower()
        period = (values.get("period") or "").strip().lower()
        text = (values.get("value") or "").strip()
        if not raw:
            raise DidError("orgnr is empty; expected a Swedish organisation number", number)
        firm = normalised.get(raw)
        if firm is None:
            try:
                firm = normalised[raw] = orgnrs.normalise(raw)
            except orgnrs.InvalidOrgNumber as error:
                raise DidError(f"orgnr: {error}", number) from None
        if group not in GROUPS:
            raise DidError(f"group {group!r} is not treated or comparison", number)
        if period not in PERIODS:
            raise DidError(f"period {period!r} is not pre or post", number)
        try:
            value = parse_value(text)
        except ValueError:
            raise DidError(
                f"value {text!r} is not a number (expected for example 812345.50)", number
            ) from None
        known = group_of.get(firm)
        if known is None:
            group_of[firm] = (group, number)
            sums[firm] = [zero, zero, zero, zero]
        elif known[0] != group:
            raise DidError(
                f"orgnr {raw} is in group {group} here but in group {known[0]} on row "
                f"{known[1]}; a firm belongs to one group",
                number,
            )
        cell = sums[firm]
        at = 0 if period == "pre" else 2
        cell[at] += value
        cell[at + 1] += 1
    treated: list[Decimal] = []
    comparison: list[Decimal] = []
    dropped = 0
    for firm, (pre, pre_n, post, post_n) in sums.items():
        if not pre_n or not post_n:
            dropped += 1
            continue
        change = post / post_n - pre / pre_n
        (treated if group_of[firm][0] == "treated" else comparison).append(change)
    return Changes(treated, comparison, dropped)


def _resampled_means(
    rng: np.random.Generator,
    values: np.ndarray,
    draws: int,
    block: int = BLOCK,
    progress: ProgressFn | None = None,
    offset: int = 0,
) -> np.ndarray:
    """The mean of `values` resampled with replacement, once per draw (rows of the index
    matrix drawn `block` indices at a time at most; the stream is the same for any block).
    `progress` hears `offset` + the draws done of 2 × `draws` after each block."""
    n = len(values)
    out = np.empty(draws)
    rows = max(1, block // n)
    for first in range(0, draws, rows):
        count = min(rows, draws - first)
        index = rng.integers(0, n, size=(count, n), dtype=np.int64)
        out[first : first + count] = values.take(index).sum(axis=1)
        report(progress, offset + first + count, 2 * draws)
    out /= n
    return out


def bootstrap(
    treated: np.ndarray,
    comparison: np.ndarray,
    draws: int,
    seed: int,
    block: int = BLOCK,
    progress: ProgressFn | None = None,
) -> np.ndarray:
    """`draws` bootstrap values of att: treated indices first, then comparison, one generator."""
    rng = np.random.default_rng(seed)
    treated_means = _resampled_means(rng, treated, draws, block, progress)
    comparison_means = _resampled_means(rng, comparison, draws, block, progress, draws)
    return treated_means - comparison_means


def percentile_interval(values: np.ndarray) -> tuple[Decimal, Decimal]:
    """2.5th and 97.5th percentiles (numpy "linear", Hyndman and Fan 7), rounded to öre."""
    low, high = np.percentile(values, [2.5, 97.5], method="linear")
    return cents(Decimal(float(low))), cents(Decimal(float(high)))


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def estimate(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    progress: ProgressFn | None = None,
) -> DidResult:
    """The contract's estimate; `DidError` on a bad row or an empty group. `progress`
    hears the bootstrap draws done, of 2 × `draws` (treated, then comparison)."""
    if draws < 1:
        raise DidError(f"draws must be at least 1, got {draws}")
    if seed < 0:
        raise DidError(f"seed must be 0 or more, got {seed}")
    firms = changes(rows)
    for group, kept in (("treated", firms.treated), ("comparison", firms.comparison)):
        if not kept:
            raise DidError(
                f"the {group} group has no firm with both a pre and a post value "
                f"({firms.dropped} firm(s) dropped for lacking one period)"
            )
    treated_change = _mean(firms.treated)
    comparison_change = _mean(firms.comparison)
    draws_att = bootstrap(
        np.array(firms.treated, dtype=np.float64),
        np.array(firms.comparison, dtype=np.float64),
        draws,
        seed,
        progress=progress,
    )
    return DidResult(
        treated=len(firms.treated),
        comparison=len(firms.comparison),
        dropped=firms.dropped,
        treated_change=cents(treated_change),
        comparison_change=cents(comparison_change),
        att=cents(treated_change - comparison_change),
        ci95=percentile_interval(draws_att),
        draws=draws,
        seed=seed,
    )


def as_dict(result: DidResult) -> dict[str, object]:
    return {
        "treated": result.treated,
        "comparison": result.comparison,
        "dropped": result.dropped,
        "treated_change": result.treated_change,
        "comparison_change": result.comparison_change,
        "att": result.att,
        "ci95": list(result.ci95),
        "draws": result.draws,
        "seed": result.seed,
    }


def did_json(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> str:
    """`dipps impact did`: the JSON text for the rows of the CSV."""
    return contract_json.dumps(as_dict(estimate(rows, draws, seed)))
