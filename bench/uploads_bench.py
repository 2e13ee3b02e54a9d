"""Upload limits benchmark: how fast a hostile or oversized workbook is refused.

Generates, in memory or a temporary directory (tests/core/hostile_files.py):

- a zip bomb: an XLSX whose sheet unpacks to --bomb-mb MB (default 2048) of cells, about
  4 MB packed; and
- an honest workbook of 1,000,000 rows (about 8 MB packed, 53 MB unpacked),

then times, each the best of --repeat runs, the floor and the case alternately:

- bomb floor: ``zipfile.ZipFile(...).infolist()`` on the same bytes, reading the archive
  directory, which is the least any refusal that knows the file is a zip must do;
- bomb refusal: ``dipps.core.tabular.read_table`` until it raises ``TableOverLimit``;
- rows floor: unpacking the sheet part to nothing (``ZipExtFile.read`` in 1 MB chunks);
- rows refusal: ``read_table`` until the row limit refuses it.

and prints both times, their ratio and the refusal's peak traced memory (tracemalloc, run once
apart from the timings since it slows Python down). Targets (issue 10): the bomb refused in
under a second with flat memory; as a ratio, within 10x the directory read.

    .venv/bin/python bench/uploads_bench.py [--bomb-mb 2048] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dipps.settings")

import django  # noqa: E402

django.setup()

from tests.core.hostile_files import xlsx_bomb, xlsx_rows  # noqa: E402

from dipps.core.tabular import TableOverLimit, read_table  # noqa: E402

MB = 1024 * 1024


def best_of(repeat: int, floor: Callable[[], object], case: Callable[[], object]):
    floors, cases = [], []
    for _ in range(repeat):
        for action, samples in ((floor, floors), (case, cases)):
            start = time.perf_counter()
            action()
            samples.append(time.perf_counter() - start)
    return min(floors), min(cases)


def refuse(data: bytes, name: str) -> Callable[[], None]:
    def action() -> None:
        try:
            read_table(data, name, required=["date", "series", "value"])
        except TableOverLimit:
            return
        raise AssertionError(f"{name} was not refused")

    return action


def peak_mb(action: Callable[[], None]) -> float:
    """Peak memory traced while `action` runs, beyond what existed before (the file)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def unpack_sheet(data: bytes) -> Callable[[], None]:
    def action() -> None:
        with zipfile.ZipFile(io.BytesIO(data)).open("xl/worksheets/sheet1.xml") as part:
            while part.read(MB):
                pass

    return action


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=2048)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bomb = xlsx_bomb(args.bomb_mb)
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    floor, case = best_of(
        args.repeat, lambda: zipfile.ZipFile(io.BytesIO(bomb)).infolist(), refuse(bomb, "b.xlsx")
    )
    peak = peak_mb(refuse(bomb, "b.xlsx"))
    print(f"XLSX zip bomb: {len(bomb) / MB:.1f} MB packed, {unpacked / MB:,.0f} MB unpacked")
    print(f"  floor, read the zip directory             {floor * 1000:8.2f} ms")
    print(f"  refusal by read_table                     {case * 1000:8.2f} ms")
    print(f"  ratio {case / floor:.1f}x; refusal peak memory {peak * 1024:.0f} kB beyond the file")
    bomb_ok = case < 1.0 and peak < 50
    print(f"  target (< 1 s, < 50 MB) {'met' if bomb_ok else 'NOT met'}")

    with tempfile.TemporaryDirectory() as tmp:
        data = xlsx_rows(Path(tmp) / "rows.xlsx", 1_000_000).read_bytes()
    floor, case = best_of(args.repeat, unpack_sheet(data), refuse(data, "r.xlsx"))
    peak = peak_mb(refuse(data, "r.xlsx"))
    print(f"XLSX of 1,000,001 rows: {len(data) / MB:.1f} MB packed")
    print(f"  floor, unpack the sheet part              {floor * 1000:8.2f} ms")
    print(f"  refusal by read_table (row limit)         {case * 1000:8.2f} ms")
    print(f"  ratio {case / floor:.1f}x; refusal peak memory {peak:.1f} MB beyond the file")


if __name__ == "__main__":
    main()
