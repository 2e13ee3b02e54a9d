"""Benchmark the two impact contracts against floors measured in the same run.

Value added (`dipps impact value-added`): seeded SIE files for 10,000 firms × 5 fiscal years
(at --scale 1; each with #KONTO, #RAR, #IB/#UB and about 24 #RES rows a year), held as bytes.

- floor: ``dipps.finance.sie.parse_bytes`` on every file, the project's reader alone;
- case: ``dipps.impact.value_added.value_added_json`` on every file (parse, sums by BAS
  range, JSON).

DiD (`dipps impact did`): 2,000 treated and 20,000 comparison firms (at --scale 1), each with
two pre and one post row, and 2,000 bootstrap draws.

- floor: one bare numpy pass of the same draws: ``default_rng(seed).integers`` as one
  draws × n matrix per group, gather, mean, difference, ``np.percentile``, starting from
  the firms' changes as float arrays (no rows to read, no orgnr to check, no Decimal);
- case: ``dipps.impact.did.estimate`` on the rows as the command hands them over (orgnr
  checked, firm means in Decimal, the bootstrap in blocks), which must give the floor's
  interval;
- for information, the bootstrap alone (``did.bootstrap`` on the same arrays).

Each time is the best of --repeat, floor and case timed alternately so that a burst of load on
a shared machine hits both. Targets (issue 14): the DiD under 2 s and within 3× its floor.

    .venv/bin/python bench/impact_bench.py [--scale 0.1] [--repeat 3] [--draws 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from stdnum import luhn  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dipps.finance.sie import parse_bytes  # noqa: E402
from dipps.impact import did, value_added  # noqa: E402

FIRMS = 10_000
YEARS = 5
TREATED = 2_000
COMPARISON = 20_000
# (account, name, low, high): a firm's year, in SEK; income negative as SIE writes it.
RESULT_ACCOUNTS = [
    ("3001", "Försäljning inom Sverige", -9e6, -2e6),
    ("3105", "Försäljning varor till land utanför EU", -2e6, 0),
    ("3740", "Öres- och kronutjämning", -10, 10),
    ("3990", "Övriga ersättningar och intäkter", -5e4, 0),
    ("4010", "Inköp material och varor", 8e5, 3e6),
    ("5010", "Lokalhyra", 1e5, 4e5),
    ("5020", "El för belysning", 2e4, 9e4),
    ("5410", "Förbrukningsinventarier", 1e4, 8e4),
    ("5611", "Drivmedel för personbilar", 1e4, 6e4),
    ("6110", "Kontorsmateriel", 2e3, 2e4),
    ("6212", "Mobiltelefon", 5e3, 3e4),
    ("6540", "IT-tjänster", 1e4, 1e5),
    ("6550", "Konsultarvoden", 0, 2e5),
    ("7010", "Löner till kollektivanställda", 8e5, 3e6),
    ("7210", "Löner till tjänstemän", 3e5, 1e6),
    ("7510", "Arbetsgivaravgifter", 3e5, 1.2e6),
    ("7690", "Övriga personalkostnader", 0, 5e4),
    ("7832", "Avskrivningar på inventarier", 5e4, 3e5),
    ("7960", "Valutakursförluster", 0, 2e4),
    ("8310", "Ränteintäkter", -1e4, 0),
    ("8410", "Räntekostnader", 0, 8e4),
    ("8910", "Skatt på årets resultat", 0, 3e5),
]
BALANCE_ACCOUNTS = [("1930", "Företagskonto"), ("2440", "Leverantörsskulder")]


def orgnr(n: int) -> str:
    base = f"556{n:06d}"
    return f"{base}-{luhn.calc_check_digit(base)}" if n % 2 else base + luhn.calc_check_digit(base)


def sie_file(rng: random.Random, firm: int) -> bytes:
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "DIPPS bench" 1.0',
        "#FORMAT PC8",
        "#SIETYP 4",
        f"#ORGNR {orgnr(firm)}",
        f'#FNAMN "Bänkföretag {firm} AB"',
    ]
    for index in range(0, -YEARS, -1):
        year = 2025 + index
        lines.append(f"#RAR {index} {year}0101 {year}1231")
    for number, name in BALANCE_ACCOUNTS + [(a, n) for a, n, _, _ in RESULT_ACCOUNTS]:
        lines.append(f'#KONTO {number} "{name}"')
    for index in range(0, -YEARS, -1):
        for number, _ in BALANCE_ACCOUNTS:
            lines.append(f"#IB {index} {number} {rng.uniform(-1e6, 1e6):.2f}")
            lines.append(f"#UB {index} {number} {rng.uniform(-1e6, 1e6):.2f}")
        for number, _, low, high in RESULT_ACCOUNTS:
            lines.append(f"#RES {index} {number} {rng.uniform(low, high):.2f}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")


def panel(rng: random.Random, treated: int, comparison: int) -> list[tuple[int, dict[str, str]]]:
    """Two pre rows and one post row a firm, in file order, as `tabular` hands them over."""
    rows: list[tuple[int, dict[str, str]]] = []
    number = 1
    for firm in range(treated + comparison):
        group = "treated" if firm < treated else "comparison"
        base = rng.uniform(4e5, 1.2e6)
        gain = rng.gauss(6e4 if group == "treated" else 3e4, 8e4)
        for period, value in (("pre", base), ("pre", base * 1.02), ("post", base + gain)):
            number += 1
            rows.append(
                (
                    number,
                    {
                        "orgnr": orgnr(firm),
                        "group": group,
                        "period": period,
                        "value": f"{value:.2f}",
                    },
                )
            )
    return rows


def bare_numpy(
    treated: np.ndarray, comparison: np.ndarray, draws: int, seed: int
) -> tuple[float, float]:
    """The floor: the same draws in one numpy pass, from the firms' changes."""
    rng = np.random.default_rng(seed)
    t = treated[rng.integers(0, len(treated), size=(draws, len(treated)))].mean(axis=1)
    c = comparison[rng.integers(0, len(comparison), size=(draws, len(comparison)))].mean(axis=1)
    low, high = np.percentile(t - c, [2.5, 97.5])
    return float(low), float(high)


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
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the firms")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=did.DEFAULT_DRAWS)
    parser.add_argument("--seed", type=int, default=did.DEFAULT_SEED)
    args = parser.parse_args()
    rng = random.Random(2025)

    firms = max(1, int(FIRMS * args.scale))
    files = [sie_file(rng, firm) for firm in range(firms)]
    size = sum(len(f) for f in files) / 1e6
    employees = Decimal(12)

    def parse_all() -> None:
        for data in files:
            parse_bytes(data)

    def value_added_all() -> None:
        for data in files:
            value_added.value_added_json(data, "", employees)

    t_floor, t_case = paired(parse_all, value_added_all, args.repeat)
    print(
        f"value added: {firms:,} SIE files × {YEARS} years ({size:.1f} MB), best of {args.repeat}"
    )
    print(f"  floor (parse_bytes alone):   {t_floor:.3f} s")
    print(f"  value_added_json:            {t_case:.3f} s")
    print(f"  ratio: {t_case / t_floor:.2f}x")

    treated_n = max(2, int(TREATED * args.scale))
    comparison_n = max(2, int(COMPARISON * args.scale))
    rows = panel(rng, treated_n, comparison_n)
    changes = did.changes(rows)
    treated = np.array(changes.treated, dtype=np.float64)
    comparison = np.array(changes.comparison, dtype=np.float64)
    result = did.estimate(rows, args.draws, args.seed)
    low, high = bare_numpy(treated, comparison, args.draws, args.seed)
    assert result.ci95 == (did.cents(Decimal(low)), did.cents(Decimal(high))), "draws differ"

    t_floor, t_case = paired(
        lambda: bare_numpy(treated, comparison, args.draws, args.seed),
        lambda: did.estimate(rows, args.draws, args.seed),
        args.repeat,
    )
    t_boot = min(
        _timed(lambda: did.bootstrap(treated, comparison, args.draws, args.seed))
        for _ in range(args.repeat)
    )
    print(
        f"DiD: {treated_n:,} treated, {comparison_n:,} comparison firms ({len(rows):,} rows), "
        f"{args.draws:,} draws, best of {args.repeat}"
    )
    print(f"  floor (one bare numpy pass): {t_floor:.3f} s")
    print(f"  did.estimate (rows in):      {t_case:.3f} s (target < 2 s)")
    print(f"  did.bootstrap alone:         {t_boot:.3f} s")
    print(f"  ratio: {t_case / t_floor:.2f}x (target <= 3x)")
    print(f"  att {result.att}, ci95 [{result.ci95[0]}, {result.ci95[1]}]")


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
