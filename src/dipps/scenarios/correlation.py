"""Correlation structure of the shock factors: checking and repairing a correlation matrix, and
estimating volatilities and correlations from historical price series. Pure Python + numpy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

# --- correlation matrices -------------------------------------------------------------------


@dataclass(frozen=True)
class CorrelationCheck:
    problems: list[str]
    nearest: np.ndarray | None  # offered when the matrix is not a valid correlation matrix

    @property
    def ok(self) -> bool:
        return not self.problems


def check_correlation(matrix: object, names: Sequence[str] | None = None) -> CorrelationCheck:
    """Symmetric, unit diagonal, entries in [−1, 1], positive semi-definite — or say why not."""
    try:
        a = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        return CorrelationCheck(["correlation: expected a square matrix of numbers"], None)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        return CorrelationCheck(
            [f"correlation: expected a square matrix, got shape {a.shape}"], None
        )
    k = a.shape[0]
    if names is not None and len(names) != k:
        return CorrelationCheck(
            [
                f"correlation: {k}×{k} matrix for {len(names)} factors; "
                f"expected {len(names)}×{len(names)}"
            ],
            None,
        )
    if not np.all(np.isfinite(a)):
        return CorrelationCheck(["correlation: every entry must be a finite number"], None)
    label = list(names) if names is not None else [str(i) for i in range(k)]
    problems: list[str] = []
    for i in range(k):
        if abs(a[i, i] - 1) > 1e-12:
            problems.append(
                f"correlation[{label[i]}][{label[i]}]: the diagonal must be 1, got {a[i, i]}"
            )
        for j in range(i + 1, k):
            if abs(a[i, j] - a[j, i]) > 1e-12:
                problems.append(
                    f"correlation: not symmetric: [{label[i]}][{label[j]}] = {a[i, j]} but "
                    f"[{label[j]}][{label[i]}] = {a[j, i]}"
                )
            if abs(a[i, j]) > 1 or abs(a[j, i]) > 1:
                problems.append(f"correlation[{label[i]}][{label[j]}]: must lie between -1 and 1")
    if not problems:
        smallest = float(np.linalg.eigvalsh(a).min())
        if smallest < -1e-10:
            problems.append(
                "correlation: not positive semi-definite (smallest eigenvalue "
                f"{smallest:.4g}), so no set of factors can have these correlations"
            )
    return CorrelationCheck(problems, nearest_correlation(a) if problems else None)


def nearest_correlation(matrix: np.ndarray, tol: float = 1e-12, max_iter: int = 500) -> np.ndarray:
    """Higham's (2002) nearest correlation matrix by alternating projections with Dykstra's
    correction, finished with an eigenvalue clip and a rescale to unit diagonal so that the
    result is positive semi-definite to machine precision (usable for Cholesky-style roots).
    """
    a = np.asarray(matrix, dtype=float)
    y = (a + a.T) / 2
    np.fill_diagonal(y, 1.0)
    correction = np.zeros_like(y)
    for _ in range(max_iter):
        r = y - correction
        w, v = np.linalg.eigh(r)
        x = (v * np.maximum(w, 0)) @ v.T
        correction = x - r
        previous = y
        y = x.copy()
        np.fill_diagonal(y, 1.0)
        if np.linalg.norm(y - previous, "fro") <= tol * max(1.0, float(np.linalg.norm(y, "fro"))):
            break
    w, v = np.linalg.eigh((y + y.T) / 2)
    x = (v * np.maximum(w, 0)) @ v.T
    d = 1 / np.sqrt(np.diag(x))
    x = x * np.outer(d, d)
    np.fill_diagonal(x, 1.0)
    return np.clip((x + x.T) / 2, -1.0, 1.0)


def correlation_root(matrix: np.ndarray) -> np.ndarray:
    """L with L·Lᵀ = matrix: Cholesky, or a symmetric root when the matrix is singular."""
    try:
        return np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        w, v = np.linalg.eigh(matrix)
        return v * np.sqrt(np.maximum(w, 0))


# --- volatilities and correlations from price history ---------------------------------------


class HistoryError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class HistoryEstimate:
    series: tuple[str, ...]
    horizon_days: int
    returns: int  # log returns per series on the common grid
    sd: dict[str, float]
    correlation: np.ndarray


def estimate_from_history(
    rows: Iterable[tuple[date, str, float]], horizon_days: int, min_returns: int = 3
) -> HistoryEstimate:
    """Standard deviation and correlation of log returns over ``horizon_days``.

    The series are read as of a common grid of dates ``horizon_days`` apart, from the latest
    first date to the earliest last date of all series (the last value on or before each grid
    date counts), so returns do not overlap and every series is measured over the same days.
    """
    problems: list[str] = []
    if horizon_days <= 0:
        raise HistoryError([f"horizon: must be at least 1 day, got {horizon_days}"])
    by_series: dict[str, dict[date, float]] = {}
    for row_number, (day, name, value) in enumerate(rows, start=1):
        points = by_series.setdefault(name, {})
        if not (isinstance(value, int | float | Decimal) and math.isfinite(float(value))):
            problems.append(
                f"row {row_number}: series {name!r}: value must be a number, got {value!r}"
            )
        elif float(value) <= 0:
            problems.append(
                f"row {row_number}: series {name!r}: a price must be positive, got {value}"
            )
        elif day in points:
            problems.append(f"row {row_number}: series {name!r}: {day} appears twice")
        else:
            points[day] = float(value)
    if not by_series:
        problems.append("no rows: at least one price series is needed")
    for name, points in by_series.items():
        if len(points) < 2:
            problems.append(f"series {name!r}: {len(points)} valid point(s); at least 2 are needed")
    if problems:
        raise HistoryError(problems)
    series = tuple(sorted(by_series))
    start = max(min(p) for p in by_series.values()).toordinal()
    end = min(max(p) for p in by_series.values()).toordinal()
    grid = np.arange(start, end + 1, horizon_days)
    if grid.size - 1 < min_returns:
        raise HistoryError(
            [
                f"only {max(grid.size - 1, 0)} return(s) of {horizon_days} days fit in the period "
                f"the series share ({date.fromordinal(start)} to {date.fromordinal(end)}); at "
                f"least {min_returns} are needed: use a shorter horizon or longer series"
            ]
        )
    log_returns = np.empty((len(series), grid.size - 1))
    for i, name in enumerate(series):
        days = np.array([d.toordinal() for d in sorted(by_series[name])])
        values = np.array([by_series[name][d] for d in sorted(by_series[name])])
        as_of = values[np.searchsorted(days, grid, side="right") - 1]
        log_returns[i] = np.diff(np.log(as_of))
    sd = log_returns.std(axis=1, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        correlation = np.atleast_2d(np.corrcoef(log_returns))
    flat = [name for name, s in zip(series, sd, strict=True) if s == 0]
    if flat:
        # A constant series has no correlation with anything; say so rather than return NaN.
        raise HistoryError(
            [f"series {name!r}: no change over the period, so no volatility" for name in flat]
        )
    return HistoryEstimate(
        series=series,
        horizon_days=horizon_days,
        returns=grid.size - 1,
        sd={name: float(s) for name, s in zip(series, sd, strict=True)},
        correlation=correlation,
    )
