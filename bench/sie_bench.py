"""Benchmark the SIE reader against a bare decode-and-split of the same bytes.

Generates a seeded SIE 4 file (at --scale 1: 200,000 vouchers, 700,000 rows, about 50 MB)
in a temporary directory, then times, in the same run,

- floor: bytes.decode + str.splitlines + str.split of every line, and
- parse: dipps.finance.sie.parse_bytes on the same bytes,

and prints both times and their ratio (target: within 3x). Each is the best of --repeat runs.

    .venv/bin/python bench/sie_bench.py [--scale 0.1] [--repeat 3] [--seed 2024]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dipps.finance.sie import parse_bytes  # noqa: E402

VOUCHERS = 200_000
ROWS = 700_000
ACCOUNTS = [
    ("1510", "Kundfordringar"),
    ("1930", "Företagskonto"),
    ("2440", "Leverantörsskulder"),
    ("2641", "Ingående moms"),
    ("3001", "Försäljning inom Sverige, 25 % moms"),
    ("4010", "Inköp material och varor"),
    ("5410", "Förbrukningsinventarier"),
    ("5800", "Resekostnader"),
    ("6540", "IT-tjänster"),
    ("6550", "Konsultarvoden"),
    ("7010", "Löner till kollektivanställda"),
    ("7510", "Arbetsgivaravgifter 31,42 %"),
]
# As written inside quotes: one carries an escaped quote, as real exports sometimes do.
TEXTS = ["Faktura", "Kvitto", "Lön", "Resa Östersund-Sundsvall", 'Konsult \\"IUC\\"', "Hyra"]
SIGNS = ["AB", "KL", "Ekonomi", "Anna Åström"]


def generate(vouchers: int, rows: int, seed: int) -> bytes:
    """A realistic mix: a third of rows carry an object list, a third a date and quoted text."""
    rng = random.Random(seed)
    out = [
        "#FLAGGA 0",
        '#PROGRAM "DIPPS bench" 1.0',
        "#FORMAT PC8",
        "#GEN 20250101",
        "#SIETYP 4",
        "#ORGNR 556677-8899",
        '#FNAMN "Bänkföretaget AB"',
        "#RAR 0 20240101 20241231",
        '#DIM 1 "Kostnadsställe"',
        '#DIM 6 "Projekt"',
        '#OBJEKT 6 "P1" "DIPPS"',
    ]
    out += [f'#KONTO {n} "{name}"' for n, name in ACCOUNTS]
    out += [f"#IB 0 {n} 0.00" for n, _ in ACCOUNTS[:4]]
    accounts = [n for n, _ in ACCOUNTS]
    base, spread = divmod(rows, vouchers)  # 3.5 rows a voucher: half get 3, half get 4
    for v in range(1, vouchers + 1):
        n_rows = max(2, base + (1 if rng.random() < spread / vouchers else 0))
        d = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        out.append(f'#VER A {v} {d} "{rng.choice(TEXTS)} {v}" {d} "{rng.choice(SIGNS)}"')
        out.append("{")
        total = 0
        for r in range(n_rows):
            cents = -total if r == n_rows - 1 else rng.randint(-5_000_000, 5_000_000)
            total += cents
            sign = "-" if cents < 0 else ""
            amount = f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"
            acc = rng.choice(accounts)
            kind = rng.random()
            if kind < 0.35:
                out.append(f"   #TRANS {acc} {{}} {amount}")
            elif kind < 0.7:
                out.append(f'   #TRANS {acc} {{1 "10" 6 "P1"}} {amount} {d} ""')
            else:
                text = rng.choice(TEXTS)
                out.append(f'   #TRANS {acc} {{}} {amount} {d} "{text}" 1 "{rng.choice(SIGNS)}"')
        out.append("}")
    out.append("")
    return "\r\n".join(out).encode("cp437")


def floor(data: bytes) -> int:
    n = 0
    for line in data.decode("cp437").splitlines():
        n += len(line.split())
    return n


def best_of(repeat: int, fn, *args):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        # Free the previous run's result before the clock starts: tearing down a million
        # objects is not part of the next parse.
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    vouchers = max(1, int(VOUCHERS * args.scale))
    rows = max(2 * vouchers, int(ROWS * args.scale))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.se"
        path.write_bytes(generate(vouchers, rows, args.seed))
        data = path.read_bytes()
    t_floor, _ = best_of(args.repeat, floor, data)
    t_parse, sie = best_of(args.repeat, parse_bytes, data, "bench.se")
    assert len(sie.vouchers) == vouchers, len(sie.vouchers)
    assert not sie.unbalanced_vouchers, sie.unbalanced_vouchers[:3]
    print(
        f"sie parse: {len(data) / 1e6:.1f} MB, {len(sie.vouchers):,} vouchers, "
        f"{sie.transaction_count:,} rows"
    )
    print(f"  floor (decode + splitlines + split): {t_floor:.3f} s")
    print(f"  parse_bytes:                         {t_parse:.3f} s")
    print(f"  ratio: {t_parse / t_floor:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
