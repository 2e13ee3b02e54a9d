"""Monte Carlo benchmark: 100,000 correlated draws of the shock factors through the scenario model.

Times, in the same run (each the best of --repeat, the floor and the case timed alternately so
that a burst of load on a shared machine hits both):

- floor: ``rng.standard_normal((k, n))`` multiplied by the Cholesky factor of the same
  correlation matrix, drawing the same correlated normals with numpy alone;
- one firm: ``dipps.scenarios.risk.monte_carlo`` (draws, marginals incl. a triangular one,
  EBIT and margin with and without measures, percentiles, loss probability, histogram, Sobol);
- all firms of the demo (80 companies): the factors drawn once, every firm evaluated on them
  with ``dipps.scenarios.portfolio.simulate_firms`` (vectorised, a block of firms at a time),
  against the floor of drawing 100,000 correlated draws for each firm with numpy alone;
- for information, every firm as its own seeded run (what 80 separate firm reports cost).

Factors: the model has 8 shock factors (fx.EUR, fx.USD, fx.other, price.materials,
price.electricity, price.other_energy, wage, price.other); the issue's "9" has no 9th factor in
the model's EBIT formula (fx.SEK is 0 by definition). The default is the 8 the model uses;
``--factors 9`` adds a placebo factor (uncorrelated N(0, 1 %), no effect on EBIT) to time the
issue's literal count.

Targets (issue 6): within 3x the floor, and one firm under 100 ms.

    .venv/bin/python bench/scenario_bench.py [--draws 100000] [--firms 80] [--factors 8|9]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

# One BLAS thread: the floor's 8x8-by-8xN product gains nothing from threads, and on a busy
# machine a threaded OpenBLAS stalls on it, which would flatter the ratio. Set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dipps.scenarios.model import (  # noqa: E402
    Automation,
    CostStructure,
    EnergyEfficiency,
    MaterialEfficiency,
    Measure,
)
from dipps.scenarios.portfolio import simulate_firms  # noqa: E402
from dipps.scenarios.risk import (  # noqa: E402
    DEFAULT_FACTORS,
    FactorModel,
    Normal,
    correlation_root,
    draw_factors,
    monte_carlo,
)


def synthetic_firm(rng: np.random.Generator) -> tuple[CostStructure, list[Measure]]:
    def sek(low: float, high: float) -> Decimal:
        return Decimal(int(rng.uniform(low, high))) * 1000

    turnover = float(rng.uniform(5_000, 200_000))  # thousand SEK
    export = float(rng.uniform(0, 0.8))
    base = CostStructure(
        revenue={
            "SEK": sek(turnover * (1 - export), turnover * (1 - export) + 1),
            "EUR": sek(turnover * export * 0.7, turnover * export * 0.7 + 1),
            "USD": sek(turnover * export * 0.2, turnover * export * 0.2 + 1),
            "OTHER": sek(turnover * export * 0.1, turnover * export * 0.1 + 1),
        },
        materials={"SEK": sek(turnover * 0.15, turnover * 0.3), "EUR": sek(0, turnover * 0.1)},
        electricity_kwh=Decimal(int(rng.uniform(2e5, 5e6))),
        electricity_price_sek_per_kwh=Decimal("0.85"),
        other_energy=sek(0, turnover * 0.02),
        labour=sek(turnover * 0.25, turnover * 0.4),
        other=sek(turnover * 0.05, turnover * 0.1),
        depreciation=sek(turnover * 0.02, turnover * 0.05),
    )
    measures: list[Measure] = [
        EnergyEfficiency(Decimal("0.12")),
        Automation(Decimal("0.08"), sek(500, 3000), Decimal(5)),
        MaterialEfficiency(Decimal("0.04")),
    ]
    return base, measures


def with_placebo(model: FactorModel) -> FactorModel:
    """The model plus a 9th factor EBIT does not depend on (see the module docstring)."""
    k = len(model.factors)
    correlation = np.eye(k + 1)
    correlation[:k, :k] = np.asarray(model.correlation)
    return FactorModel(
        (*model.factors, "placebo"),
        (*model.marginals, Normal(0.0, 0.01)),
        correlation,
        illustrative=True,
        source="bench: 8 model factors and a placebo",
    )


def paired(floor: Callable[[], object], case: Callable[[], object], repeat: int):
    """Best of ``repeat`` for each, timed alternately (floor, case, floor, case, …)."""
    floors, cases = [], []
    for _ in range(repeat):
        for run, times in ((floor, floors), (case, cases)):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return min(floors), min(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--firms", type=int, default=80, help="the demo has 80 companies")
    parser.add_argument("--factors", type=int, choices=(8, 9), default=8)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--skip-reports", action="store_true", help="skip the one-run-per-firm comparison"
    )
    args = parser.parse_args()

    model = DEFAULT_FACTORS if args.factors == 8 else with_placebo(DEFAULT_FACTORS)
    k, n = len(model.factors), args.draws
    rng = np.random.default_rng(args.seed)
    firms = [synthetic_firm(rng) for _ in range(args.firms)]
    root = correlation_root(np.asarray(model.correlation))
    f = len(firms)

    def floor(seed: int = args.seed) -> np.ndarray:
        return root @ np.random.default_rng(seed).standard_normal((k, n))

    def floors() -> None:
        for i in range(f):
            floor(args.seed + i)

    def one_firm() -> object:
        return monte_carlo(*firms[0], model, draws=n, seed=args.seed)

    def all_firms() -> object:
        return simulate_firms(firms, model, draw_factors(model, n, args.seed))

    def each_firm() -> None:
        for i, (base, measures) in enumerate(firms):
            monte_carlo(base, measures, model, draws=n, seed=args.seed + i)

    one_firm(), all_firms()  # warm caches and imports outside the timing
    t_floor, t_one = paired(floor, one_firm, args.repeat)
    many = max(2, args.repeat // 3)
    t_floors, t_all = paired(floors, all_firms, many)

    print(f"Monte Carlo: {n:,} draws of {k} correlated factors (numpy {np.__version__})")
    print(f"  floor, correlated normals with numpy alone      {t_floor * 1000:8.1f} ms")
    print(
        f"  one firm                                        {t_one * 1000:8.1f} ms"
        f"   {t_one / t_floor:4.2f}x floor   (target: within 3x and under 100 ms)"
    )
    print(f"  {f} floors, {n:,} draws for each firm            {t_floors * 1000:8.1f} ms")
    print(
        f"  {f} firms, shared draws, vectorised              {t_all * 1000:8.1f} ms"
        f"   {t_all / t_floors:4.2f}x {f} floors  ({t_all / t_floor:4.1f}x one floor)"
    )
    if not args.skip_reports:
        t_floors2, t_each = paired(floors, each_firm, 1)
        print(
            f"  {f} firms, each its own seeded run (info)        {t_each * 1000:8.1f} ms"
            f"   {t_each / t_floors2:4.2f}x {f} floors"
        )
    one_ok = t_one <= 3 * t_floor and t_one < 0.1
    all_ok = t_all <= 3 * t_floors
    print(f"  one-firm target {'met' if one_ok else 'NOT met'}")
    print(f"  all-firms target {'met' if all_ok else 'NOT met'}")


if __name__ == "__main__":
    main()
