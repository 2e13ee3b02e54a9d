"""Monte Carlo benchmark: 100,000 correlated draws of the shock factors through the scenario model.

Times, in the same run (each the best of --repeat):

- floor: ``rng.standard_normal((k, n))`` multiplied by the Cholesky factor of the same
  correlation matrix — drawing the same correlated normals with numpy alone;
- one firm: ``dipps.scenarios.risk.monte_carlo`` (draws, marginals incl. a triangular one,
  EBIT and margin with and without measures, percentiles, loss probability, histogram, Sobol);
- 50 firms, each its own seeded run (what 50 firm reports cost), against 50 floors;
- 50 firms on one shared set of draws (a programme view), against one floor.

Targets (issue 6): one firm within 3x the floor and under 100 ms.

    .venv/bin/python bench/scenario_bench.py [--draws 100000] [--firms 50] [--repeat 7]
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
from dipps.scenarios.risk import (  # noqa: E402
    DEFAULT_FACTORS,
    correlation_root,
    draw_factors,
    monte_carlo,
    simulate,
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


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--firms", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    model = DEFAULT_FACTORS
    k, n = len(model.factors), args.draws
    rng = np.random.default_rng(args.seed)
    firms = [synthetic_firm(rng) for _ in range(args.firms)]
    root = correlation_root(np.asarray(model.correlation))

    def floor(seed: int = args.seed) -> np.ndarray:
        return root @ np.random.default_rng(seed).standard_normal((k, n))

    def one_firm() -> object:
        return monte_carlo(*firms[0], model, draws=n, seed=args.seed)

    def each_firm() -> None:
        for i, (base, measures) in enumerate(firms):
            monte_carlo(base, measures, model, draws=n, seed=args.seed + i)

    def floors() -> None:
        for i in range(len(firms)):
            floor(args.seed + i)

    def shared() -> None:
        x = draw_factors(model, n, args.seed)
        for base, measures in firms:
            simulate(base, measures, model, x, args.seed)

    one_firm()  # warm caches and imports outside the timing
    t_floor = best(floor, args.repeat)
    t_one = best(one_firm, args.repeat)
    many_repeat = max(1, args.repeat // 3)
    t_floors = best(floors, many_repeat)
    t_each = best(each_firm, many_repeat)
    t_shared = best(shared, many_repeat)

    print(f"Monte Carlo: {n:,} draws of {k} correlated factors (numpy {np.__version__})")
    print(f"  floor, correlated normals with numpy alone   {t_floor * 1000:8.1f} ms")
    print(
        f"  one firm                                     {t_one * 1000:8.1f} ms"
        f"   {t_one / t_floor:4.2f}x floor   (target: within 3x and under 100 ms)"
    )
    print(f"  {len(firms)} floors                                   {t_floors * 1000:8.1f} ms")
    print(
        f"  {len(firms)} firms, each its own seeded run            {t_each * 1000:8.1f} ms"
        f"   {t_each / t_floors:4.2f}x {len(firms)} floors"
    )
    print(
        f"  {len(firms)} firms on one shared set of draws          {t_shared * 1000:8.1f} ms"
        f"   {t_shared / t_floor:4.2f}x one floor, {t_shared / t_floors:4.2f}x {len(firms)} floors"
    )
    ok = t_one <= 3 * t_floor and t_one < 0.1
    print(f"  one-firm target {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
