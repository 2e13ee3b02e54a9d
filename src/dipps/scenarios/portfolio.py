"""Monte Carlo for many firms at once, on one shared set of factor draws.

A programme view asks how all its firms fare in the same simulated years, so the factors are
drawn once and every firm's EBIT is evaluated on them with matrix products, a block of firms at
a time (bounded memory). The summaries equal
``risk.simulate`` firm by firm up to floating-point rounding; a stored single-firm report keeps
using ``risk.simulate``, which is reproducible bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import CostStructure, Measure, apply_measures
from .risk import FactorModel, LinearForm, Simulated, Summary, linear_form

BLOCK = 16  # firms per block: 2 × 16 rows of 100,000 draws ≈ 26 MB at a time


@dataclass(frozen=True)
class FirmOutcome:
    without_measures: Simulated
    with_measures: Simulated


def _summaries(values: np.ndarray) -> list[Summary]:
    """Mean and 5th/50th/95th percentiles (numpy's "linear") of each row; sorts in place.

    An in-place sort of the block beats ``np.percentile``, which copies and selects six
    order statistics per row, and the sorted rows are read exactly as ``risk`` reads them.
    """
    means = values.mean(axis=1)
    values.sort(axis=1)
    n = values.shape[1]
    columns = []
    for q in (0.05, 0.5, 0.95):
        h = (n - 1) * q
        lo = math.floor(h)
        hi = min(lo + 1, n - 1)
        columns.append(values[:, lo] + (h - lo) * (values[:, hi] - values[:, lo]))
    return [
        Summary(float(m), float(a), float(b), float(c))
        for m, a, b, c in zip(means, *columns, strict=True)
    ]


def _block(forms: Sequence[LinearForm], x: np.ndarray) -> list[Simulated]:
    a = np.array([f.a for f in forms])
    y = a @ x
    y += np.array([f.c0 for f in forms])[:, None]
    index = forms[0].materials_index
    m = np.array([f.m for f in forms])
    if index is not None and m.any():
        y -= (m @ x) * x[index]
    r0 = np.array([f.r0 for f in forms])
    revenue = np.array([f.r for f in forms]) @ x
    revenue += r0[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        margin = y / revenue
    loss = (y < 0).mean(axis=1)
    ebit_stats = _summaries(y)
    margins: dict[int, Summary] = {}
    defined = r0 != 0
    finite = np.isfinite(margin).all(axis=1)
    plain = np.flatnonzero(defined & finite)
    if plain.size:
        margins.update(zip(plain.tolist(), _summaries(margin[plain]), strict=True))
    for i in np.flatnonzero(defined & ~finite).tolist():
        # only when every foreign-currency price fell 100 %: leave out the undefined draws
        row = margin[i][np.isfinite(margin[i])]
        margins[i] = _summaries(row[None, :])[0]
    return [Simulated(ebit_stats[i], margins.get(i), float(loss[i])) for i in range(len(forms))]


def simulate_firms(
    firms: Sequence[tuple[CostStructure, Sequence[Measure]]],
    model: FactorModel,
    x: np.ndarray,
) -> list[FirmOutcome]:
    """Every firm, without and with its measures, on the factor draws ``x`` (factors, n)."""
    results: list[FirmOutcome] = []
    for start in range(0, len(firms), BLOCK):
        chunk = firms[start : start + BLOCK]
        forms = [linear_form(base, model.factors) for base, _ in chunk]
        forms += [linear_form(apply_measures(base, ms), model.factors) for base, ms in chunk]
        simulated = _block(forms, x)
        half = len(chunk)
        results += [FirmOutcome(simulated[i], simulated[half + i]) for i in range(half)]
    return results
