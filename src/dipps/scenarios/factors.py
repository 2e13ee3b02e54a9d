"""The shock factors' distributions: what may happen to prices in a year, before any firm.

Each of the eight factors of ``model.FACTORS`` has a marginal distribution (normal or
triangular); a correlation matrix ties them together through a Gaussian copula (see
``risk.draw_factors``). ``DEFAULT_FACTORS`` are illustrative round numbers, shipped so that a
first run shows something; ``correlation.estimate_from_history`` estimates a model from price
series. What a factor model does to a firm (tornado, Monte Carlo, Sobol shares) is ``risk``.
Pure Python + numpy: no Django import.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .correlation import check_correlation
from .model import FACTORS

Z95 = 1.6448536269514722  # Φ⁻¹(0.95)


# --- factor distributions -------------------------------------------------------------------


@dataclass(frozen=True)
class Normal:
    mean: float
    sd: float
    kind: str = field(default="normal", init=False)

    @property
    def expected(self) -> float:
        return self.mean

    @property
    def std(self) -> float:
        return self.sd

    def quantile(self, p: float) -> float:
        z = {0.05: -Z95, 0.5: 0.0, 0.95: Z95}.get(p)
        if z is None:
            raise ValueError("only the 5th, 50th and 95th percentiles are supported")
        return self.mean + self.sd * z

    def from_normal(self, z: np.ndarray) -> np.ndarray:
        z *= self.sd
        z += self.mean
        return z

    def can_fall_below(self, floor: float) -> bool:
        # Beyond ten standard deviations the chance is below 1e-23: not worth a pass.
        return self.sd > 0 and self.mean - 10 * self.sd < floor


@dataclass(frozen=True)
class Triangular:
    low: float
    mode: float
    high: float
    kind: str = field(default="triangular", init=False)

    @property
    def expected(self) -> float:
        return (self.low + self.mode + self.high) / 3

    @property
    def std(self) -> float:
        a, c, b = self.low, self.mode, self.high
        return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18)

    def quantile(self, p: float) -> float:
        return float(self.inverse_cdf(np.array([p]))[0])

    def inverse_cdf(self, u: np.ndarray) -> np.ndarray:
        a, c, b = self.low, self.mode, self.high
        split = (c - a) / (b - a)
        left = a + np.sqrt(u * ((b - a) * (c - a)))
        right = b - np.sqrt((1 - u) * ((b - a) * (b - c)))
        return np.where(u < split, left, right)

    def from_normal(self, z: np.ndarray) -> np.ndarray:
        return self.inverse_cdf(normal_cdf(z))

    def can_fall_below(self, floor: float) -> bool:
        return self.low < floor


Marginal = Normal | Triangular


_ERFC = (
    0.17087277,
    -0.82215223,
    1.48851587,
    -1.13520398,
    0.27886807,
    -0.18628806,
    0.09678418,
    0.37409196,
    1.00002368,
    -1.26551223,
)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Φ(z) without scipy: Numerical Recipes' erfc (fractional error below 1.2e-7).

    Written with in-place operations because it sits on the Monte Carlo hot path.
    """
    x = np.abs(z)
    x *= 1 / math.sqrt(2)
    t = 0.5 * x
    t += 1
    np.reciprocal(t, out=t)
    poly = np.full_like(t, _ERFC[0])
    for coefficient in _ERFC[1:]:
        poly *= t
        poly += coefficient
    x *= x
    poly -= x
    np.exp(poly, out=poly)
    poly *= t
    poly *= 0.5  # = Φ(−|z|)
    return np.where(z >= 0, 1 - poly, poly)


@dataclass(frozen=True)
class FactorModel:
    """Marginals of the shock factors and the correlation of their Gaussian copula."""

    factors: tuple[str, ...]
    marginals: tuple[Marginal, ...]
    correlation: np.ndarray
    illustrative: bool = False
    source: str = ""

    def covariance(self) -> np.ndarray:
        """ρ_ij·sd_i·sd_j; exact for normal factors, the usual approximation for triangular."""
        sd = np.array([m.std for m in self.marginals])
        return np.asarray(self.correlation, dtype=float) * np.outer(sd, sd)


_DEFAULT_CORRELATION = np.array(
    #  EUR   USD   oth   mat   el    oen   wage  oth
    [
        [1.0, 0.6, 0.5, 0.2, 0.0, 0.1, 0.0, 0.0],
        [0.6, 1.0, 0.5, 0.2, 0.0, 0.1, 0.0, 0.0],
        [0.5, 0.5, 1.0, 0.2, 0.0, 0.1, 0.0, 0.0],
        [0.2, 0.2, 0.2, 1.0, 0.2, 0.3, 0.1, 0.3],
        [0.0, 0.0, 0.0, 0.2, 1.0, 0.5, 0.0, 0.1],
        [0.1, 0.1, 0.1, 0.3, 0.5, 1.0, 0.0, 0.1],
        [0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 1.0, 0.3],
        [0.0, 0.0, 0.0, 0.3, 0.1, 0.1, 0.3, 1.0],
    ]
)

DEFAULT_FACTORS = FactorModel(
    factors=FACTORS,
    marginals=(
        Normal(0.0, 0.06),  # fx.EUR
        Normal(0.0, 0.09),  # fx.USD
        Normal(0.0, 0.08),  # fx.other
        Normal(0.02, 0.10),  # price.materials
        Triangular(-0.4, 0.0, 1.0),  # price.electricity (SE2: skewed upwards)
        Normal(0.02, 0.15),  # price.other_energy
        Normal(0.035, 0.01),  # wage
        Normal(0.02, 0.02),  # price.other
    ),
    correlation=_DEFAULT_CORRELATION,
    illustrative=True,
    source="illustrative one-year assumptions, not estimated from data",
)
"""ILLUSTRATIVE one-year factor distributions, shipped so that a first run shows something.

They are round numbers of a plausible size, not an estimate: a report built on them must say
so (``illustrative=True``). Replace them with ``estimate_from_history`` on the firm's own price
series, or with the coach's judgement, before drawing conclusions.
"""


def validate_factor_model(model: FactorModel) -> list[str]:
    problems: list[str] = []
    if len(model.factors) != len(model.marginals):
        problems.append("factors: one distribution per factor is needed")
    for name in model.factors:
        if name not in FACTORS:
            problems.append(f"factors.{name}: unknown factor; expected one of {', '.join(FACTORS)}")
    if len(set(model.factors)) != len(model.factors):
        problems.append("factors: a factor is listed twice")
    for name, m in zip(model.factors, model.marginals, strict=False):
        if isinstance(m, Normal):
            if not (math.isfinite(m.mean) and math.isfinite(m.sd)) or m.sd < 0:
                problems.append(f"factors.{name}: sd must be a finite number ≥ 0, got {m.sd}")
            elif m.mean < -1:
                problems.append(f"factors.{name}: mean below -100 % is impossible, got {m.mean}")
        elif isinstance(m, Triangular):
            if not (m.low <= m.mode <= m.high and m.low < m.high):
                problems.append(
                    f"factors.{name}: expected low ≤ mode ≤ high and low < high, got "
                    f"{m.low}, {m.mode}, {m.high}"
                )
            elif m.low < -1:
                problems.append(f"factors.{name}: low below -100 % is impossible, got {m.low}")
        else:
            problems.append(f"factors.{name}: unknown distribution {m!r}")
    problems.extend(check_correlation(model.correlation, model.factors).problems)
    return problems
