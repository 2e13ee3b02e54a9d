"""Uncertainty around the cost structure: tornado, Monte Carlo, Sobol shares.

What may happen to prices is a factor model (``factors``: the marginal distribution of each
of the eight shock factors of ``model.FACTORS`` and their correlation); this module is what
that does to one firm. Monte Carlo ties the factors together through a Gaussian copula:
correlated standard normals ``Z = L·N`` (``L`` the Cholesky factor of the correlation matrix),
then each row is pushed through its marginal (``mean + sd·z`` for a normal; the triangular
inverse CDF at ``Φ(z)`` for a triangular). A seeded ``numpy.random.Generator`` makes a run
reproducible exactly (same seed, same numpy: same numbers).

Arrays of draws are factor-major, shape ``(factors, draws)``, so each factor's draws sit
contiguously in memory. Draws below −100 % are clipped to −100 % (a price cannot go negative).
The factor model and the history estimates (``correlation``) are re-exported here, so that a
caller of the planner's uncertainty needs one import. Pure Python + numpy: no Django import.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from .correlation import (  # noqa: F401 - part of this module's interface
    CorrelationCheck,
    HistoryError,
    HistoryEstimate,
    check_correlation,
    correlation_root,
    estimate_from_history,
    nearest_correlation,
)
from .factors import (  # noqa: F401 - part of this module's interface
    DEFAULT_FACTORS,
    FactorModel,
    Normal,
    Triangular,
    normal_cdf,
    validate_factor_model,
)
from .model import (
    FACTORS,
    FX_FACTOR,
    CostStructure,
    Measure,
    apply_measures,
    ebit,
)

# --- tornado --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    factor: str
    low: Decimal
    high: Decimal
    ebit_low: Decimal
    ebit_high: Decimal

    @property
    def swing(self) -> Decimal:
        return abs(self.ebit_high - self.ebit_low)


def tornado_ranges(model: FactorModel) -> dict[str, tuple[Decimal, Decimal]]:
    """Each factor's 5th and 95th percentile, the usual low/high of a tornado chart."""
    return {
        name: (Decimal(repr(m.quantile(0.05))), Decimal(repr(m.quantile(0.95))))
        for name, m in zip(model.factors, model.marginals, strict=True)
    }


def tornado(
    base: CostStructure,
    measures: Sequence[Measure],
    ranges: Mapping[str, tuple[Decimal, Decimal]],
) -> list[TornadoBar]:
    """One factor at a time at its low and high (others unchanged), widest swing first;
    equal swings keep the order of ``model.FACTORS``."""
    improved = apply_measures(base, measures)
    bars = [
        TornadoBar(
            factor=name,
            low=Decimal(low),
            high=Decimal(high),
            ebit_low=ebit(improved, {name: low}),
            ebit_high=ebit(improved, {name: high}),
        )
        for name, (low, high) in sorted(ranges.items(), key=lambda kv: FACTORS.index(kv[0]))
    ]
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


def main_risk(base: CostStructure, model: FactorModel = DEFAULT_FACTORS) -> TornadoBar | None:
    """The factor with the widest tornado swing without measures, or None when no factor
    moves EBIT at all: the one risk the company page names."""
    bars = tornado(base, [], tornado_ranges(model))
    return bars[0] if bars and bars[0].swing > 0 else None


# --- EBIT as a function of factor arrays ----------------------------------------------------


@dataclass(frozen=True)
class LinearForm:
    """EBIT = c0 + a·x − x[price.materials]·(m·x) and revenue = r0 + r·x, for factor order
    ``factors``. ``m`` (foreign materials by fx factor) is the only non-linear part: with no
    materials bought abroad, EBIT is exactly linear in the factors."""

    factors: tuple[str, ...]
    c0: float
    a: np.ndarray
    m: np.ndarray
    r0: float
    r: np.ndarray
    materials_index: int | None


def linear_form(base: CostStructure, factors: Sequence[str]) -> LinearForm:
    index = {name: i for i, name in enumerate(factors)}
    k = len(factors)
    a, m, r = np.zeros(k), np.zeros(k), np.zeros(k)
    coefficient = {
        "price.materials": -base.total_materials,
        "price.electricity": -base.electricity_cost,
        "price.other_energy": -base.other_energy,
        "wage": -base.labour,
        "price.other": -base.other,
    }
    for currency, factor in FX_FACTOR.items():
        coefficient[factor] = base.revenue[currency] - base.materials[currency]
        if factor in index:
            m[index[factor]] = float(base.materials[currency])
            r[index[factor]] = float(base.revenue[currency])
    for name, value in coefficient.items():
        if name in index:
            a[index[name]] = float(value)
    return LinearForm(
        factors=tuple(factors),
        c0=float(ebit(base)),
        a=a,
        m=m,
        r0=float(base.total_revenue),
        r=r,
        materials_index=index.get("price.materials"),
    )


def _combine(
    constant: float,
    coefficients: np.ndarray,
    x: np.ndarray,
    out: np.ndarray | None = None,
    scratch: np.ndarray | None = None,
) -> np.ndarray:
    """constant + Σ coefficients_i·x_i, one factor at a time.

    Element-wise multiply-and-add instead of a BLAS product: the result is then the same bit
    for bit on every machine and thread count (a seeded report must reproduce exactly), and
    a busy multi-threaded BLAS cannot stall on a product this small.
    """
    if out is None:
        out = np.full(x.shape[1], constant)
    else:
        out.fill(constant)
    if scratch is None:
        scratch = np.empty_like(out)
    for i, coefficient in enumerate(coefficients):
        if coefficient != 0:
            np.multiply(x[i], coefficient, out=scratch)
            out += scratch
    return out


def ebit_draws(form: LinearForm, x: np.ndarray) -> np.ndarray:
    y = _combine(form.c0, form.a, x)
    if form.materials_index is not None and form.m.any():
        foreign = _combine(0.0, form.m, x)
        foreign *= x[form.materials_index]
        y -= foreign
    return y


def revenue_draws(form: LinearForm, x: np.ndarray) -> np.ndarray:
    return _combine(form.r0, form.r, x)


def draw_factors(model: FactorModel, draws: int, seed: int | None) -> np.ndarray:
    """Factor-major draws ``(factors, draws)`` through the Gaussian copula."""
    rng = np.random.default_rng(seed)
    root = correlation_root(np.asarray(model.correlation, dtype=float))
    z = _correlate(root, rng.standard_normal((len(model.factors), draws)))
    for j, marginal in enumerate(model.marginals):
        z[j] = marginal.from_normal(z[j])
        if marginal.can_fall_below(-1.0):
            np.maximum(z[j], -1.0, out=z[j])
    return z


def _correlate(root: np.ndarray, normals: np.ndarray) -> np.ndarray:
    # root·normals row by row, element-wise for bit-for-bit reproducibility (see _combine),
    # written straight into one array (no per-row allocation, no stacking copy).
    out = np.empty((root.shape[0], normals.shape[1]))
    scratch = np.empty(normals.shape[1])
    for i, row in enumerate(root):
        _combine(0.0, row, normals, out=out[i], scratch=scratch)
    return out


# --- Monte Carlo ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    mean: float
    p5: float
    p50: float
    p95: float


@dataclass(frozen=True)
class Simulated:
    ebit: Summary
    margin: Summary | None  # None when revenue is zero: margin undefined
    probability_of_loss: float


@dataclass(frozen=True)
class Histogram:
    edges: list[float]
    without_measures: list[int]
    with_measures: list[int]


@dataclass(frozen=True)
class MonteCarloResult:
    draws: int
    seed: int | None
    illustrative: bool
    without_measures: Simulated
    with_measures: Simulated
    histogram: Histogram
    sobol: dict[str, float]  # exact first-order shares without measures (see sobol_exact)
    sobol_with_measures: dict[str, float]


def _percentile(ordered: np.ndarray, q: float) -> float:
    # numpy's default ("linear") percentile, read off an already sorted array.
    h = (ordered.size - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, ordered.size - 1)
    return float(ordered[lo] + (h - lo) * (ordered[hi] - ordered[lo]))


def _summary(ordered: np.ndarray) -> Summary:
    return Summary(
        mean=float(ordered.mean()),
        p5=_percentile(ordered, 0.05),
        p50=_percentile(ordered, 0.5),
        p95=_percentile(ordered, 0.95),
    )


def _simulated(form: LinearForm, x: np.ndarray) -> tuple[Simulated, np.ndarray]:
    """Summaries plus the sorted EBIT draws. One sort per array serves the percentiles, the
    probability of loss and the histogram, and is cheaper than numpy's percentile selection."""
    y = ebit_draws(form, x)
    margin_summary = None
    if form.r0 != 0:
        revenue = revenue_draws(form, x) if form.r.any() else np.float64(form.r0)
        with np.errstate(divide="ignore", invalid="ignore"):
            margin = y / revenue
        if np.min(revenue) <= 0:  # only when every foreign-currency price fell 100 %
            margin = margin[np.isfinite(margin)]
        margin.sort()
        margin_summary = _summary(margin)
    y.sort()
    loss = int(np.searchsorted(y, 0.0, side="left")) / y.size
    return Simulated(_summary(y), margin_summary, loss), y


def _counts(ordered: np.ndarray, edges: np.ndarray) -> list[int]:
    # Same bins as numpy.histogram: half-open [e_i, e_i+1), the last one closed.
    positions = np.searchsorted(ordered, edges, side="left")
    positions[-1] = np.searchsorted(ordered, edges[-1], side="right")
    return [int(c) for c in np.diff(positions)]


def monte_carlo(
    base: CostStructure,
    measures: Sequence[Measure],
    model: FactorModel = DEFAULT_FACTORS,
    draws: int = 100_000,
    seed: int | None = 0,
    bins: int = 30,
) -> MonteCarloResult:
    """EBIT and margin distribution with and without the measures, on the same draws."""
    return simulate(base, measures, model, draw_factors(model, draws, seed), seed, bins)


def simulate(
    base: CostStructure,
    measures: Sequence[Measure],
    model: FactorModel,
    x: np.ndarray,
    seed: int | None = None,
    bins: int = 30,
) -> MonteCarloResult:
    """Monte Carlo on given factor draws ``x`` (factors, n): a programme view runs all its firms
    through the same draws, so that they meet the same simulated years."""
    plain = linear_form(base, model.factors)
    improved = linear_form(apply_measures(base, measures), model.factors)
    without, y0 = _simulated(plain, x)
    with_, y1 = _simulated(improved, x)
    low, high = min(y0[0], y1[0]), max(y0[-1], y1[-1])
    edges = np.linspace(low, high if high > low else low + 1.0, bins + 1)
    return MonteCarloResult(
        draws=x.shape[1],
        seed=seed,
        illustrative=model.illustrative,
        without_measures=without,
        with_measures=with_,
        histogram=Histogram(
            edges=[float(e) for e in edges],
            without_measures=_counts(y0, edges),
            with_measures=_counts(y1, edges),
        ),
        sobol=sobol_exact(plain, model),
        sobol_with_measures=sobol_exact(improved, model),
    )


# --- Sobol first-order shares ---------------------------------------------------------------


def sobol_exact(form: LinearForm, model: FactorModel) -> dict[str, float]:
    """First-order Sobol index of each factor, S_i = Var(E[EBIT | x_i]) / Var(EBIT).

    For EBIT = c0 + Σ a_i x_i and jointly normal factors with covariance Σ, E[EBIT | x_i] is
    linear in x_i with slope Cov(EBIT, x_i) / Σ_ii = (Σ_j a_j Σ_ij) / Σ_ii, hence::

        Var(EBIT) = aᵀ Σ a,        S_i = (Σ_j a_j Σ_ij)² / (Σ_ii · aᵀ Σ a)

    With independent factors this is a_i² Σ_ii / Var, and the S_i sum to 1; with correlated
    factors each S_i also counts what x_i says about the factors it moves with, so they need not
    sum to 1. ``a`` is the gradient at the factor means: exact when the firm buys no materials
    abroad (then EBIT is linear); otherwise the small fx × price.materials product is
    linearised. Triangular factors use ρ_ij·sd_i·sd_j as covariance (an approximation).
    """
    means = np.array([m.expected for m in model.marginals])
    gradient = form.a.copy()
    if form.materials_index is not None:
        gradient -= form.m * means[form.materials_index]
        gradient[form.materials_index] -= float(form.m @ means)
    cov = model.covariance()
    moved = cov @ gradient
    variance = float(gradient @ moved)
    shares = {}
    for i, name in enumerate(model.factors):
        denominator = cov[i, i] * variance
        shares[name] = float(moved[i] ** 2 / denominator) if denominator > 0 else 0.0
    return shares


def sobol_from_draws(
    factors: Sequence[str],
    x: np.ndarray,
    y: np.ndarray,
    method: str = "regression",
    bins: int = 100,
) -> dict[str, float]:
    """First-order shares estimated from draws ``x`` (factors, n) and outputs ``y`` (n).

    ``regression``: the squared correlation of y with x_i — the sample version of the exact
    formula, consistent when E[y | x_i] is linear. ``binned``: the correlation ratio (variance
    of y's mean within ``bins`` equal-count bins of x_i, bias-corrected for bin noise), which
    needs no linearity but loses a little to the bin width.
    """
    n = y.size
    yc = y - y.mean()
    total = float(yc @ yc)
    shares = {}
    for i, name in enumerate(factors):
        xi = x[i]
        if method == "regression":
            xc = xi - xi.mean()
            sxx = float(xc @ xc)
            shares[name] = float((xc @ yc) ** 2 / (sxx * total)) if sxx > 0 and total > 0 else 0.0
        elif method == "binned":
            groups = np.array_split(yc[np.argsort(xi, kind="stable")], bins)
            between = sum(g.size * float(g.mean()) ** 2 for g in groups)
            within = (total - between) / (n - bins)
            shares[name] = (between - (bins - 1) * within) / total if total > 0 else 0.0
        else:
            raise ValueError(f"unknown method {method!r}; expected 'regression' or 'binned'")
    return shares
