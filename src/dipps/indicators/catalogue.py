"""The ERDF common indicators, shipped as a data file (`data/erdf_common_indicators.csv`).

Pure Python (no Django). Codes, names and units of Regulation (EU) 2021/1058, annex I; what
each one counts summarised (in our own words) from the Commission's methodological support
for the 2021–2027 common indicators. A programme picks its indicators from this list, or
adds its own (`models.ProgrammeIndicator`); `measure` names the figure DIPPS computes the
indicator from, empty when it is reported from outside DIPPS.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "erdf_common_indicators.csv"

# Units an indicator may be measured in (shown by their label, never by the code).
UNITS = (
    "enterprises",
    "persons",
    "attendances",
    "activities",
    "hours",
    "sek",
    "eur",
    "fte",
    "score",
    "mwh_year",
    "tonnes_co2e_year",
    "number",
)
COLUMNS = ["code", "unit", "measure", "name_sv", "name_en", "definition_sv", "definition_en"]
COMMON_CODE = re.compile(r"^RC[OR]\d{2,3}$")


@dataclass(frozen=True)
class CommonIndicator:
    code: str
    unit: str
    measure: str  # "" when not computed by DIPPS
    name_sv: str
    name_en: str
    definition_sv: str
    definition_en: str


def parse(text: str) -> dict[str, CommonIndicator]:
    """The indicators of the file's text by code; a `ValueError` names the first bad line."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    if not lines:
        raise ValueError("the file is empty")
    first, header = lines[0]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    rows = list(reader)
    if rows[0] != COLUMNS:
        raise ValueError(f"line {first}: expected the header {','.join(COLUMNS)}")
    out: dict[str, CommonIndicator] = {}
    for (n, _line), cells in zip(lines[1:], rows[1:], strict=False):
        if len(cells) != len(COLUMNS):
            raise ValueError(f"line {n}: expected {len(COLUMNS)} columns, found {len(cells)}")
        item = CommonIndicator(*(c.strip() for c in cells))
        if not COMMON_CODE.match(item.code):
            raise ValueError(f"line {n}: “{item.code}” is not a common indicator code (RCO01)")
        if item.code in out:
            raise ValueError(f"line {n}: {item.code} is listed twice")
        if item.unit not in UNITS:
            raise ValueError(f"line {n}: unknown unit “{item.unit}”")
        if not (item.name_sv and item.name_en):
            raise ValueError(f"line {n}: {item.code} needs a Swedish and an English name")
        out[item.code] = item
    return out


@cache
def common_indicators() -> dict[str, CommonIndicator]:
    """The shipped list, read once per process."""
    return parse(DATA.read_text(encoding="utf-8"))
