"""Swedish municipalities (kommuner) and whether one lies in the programme region.

Pure domain core: no Django import. The list ships as `data/municipalities.csv`
(format in docs/reference-data.md): the 290 municipalities with SCB's 4-digit
code, whose first two digits are the county (län) code. The region's counties
are a setting (`DIPPS_REGION_COUNTIES`, Mittnorrland: 22 and 23); callers pass
them in.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"


class UnknownMunicipality(KeyError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county_name: str


@lru_cache(maxsize=1)
def _load() -> dict[str, Municipality]:
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh.read().splitlines() if not line.startswith("#")]
    result: dict[str, Municipality] = {}
    for lineno, row in enumerate(csv.DictReader(lines), start=2):
        code = row["code"].strip()
        if len(code) != 4 or not code.isdigit() or code[:2] != row["county_code"].strip():
            raise ValueError(
                f"{DATA_FILE.name} row {lineno}: '{code}' is not a 4-digit code "
                "starting with its county code."
            )
        result[code] = Municipality(
            code, row["name"].strip(), row["county_code"].strip(), row["county_name"].strip()
        )
    return result


def normalise(code: str | int) -> str:
    """'2380', 2380 and ' 0180 ' are codes; 180 (an int that lost its zero) becomes '0180'."""
    text = str(code).strip()
    if not text.isdigit() or len(text) > 4:
        raise UnknownMunicipality(f"'{text}' is not a municipality code (4 digits, e.g. 2380).")
    return text.zfill(4)


def all_municipalities() -> list[Municipality]:
    return sorted(_load().values(), key=lambda m: m.code)


def exists(code: str | int) -> bool:
    try:
        return normalise(code) in _load()
    except UnknownMunicipality:
        return False


def lookup(code: str | int) -> Municipality:
    key = normalise(code)
    try:
        return _load()[key]
    except KeyError:
        raise UnknownMunicipality(
            f"'{key}' is not one of Sweden's 290 municipality codes."
        ) from None


def name(code: str | int) -> str:
    """The name, or '' for an unknown code (lists must not break on old data)."""
    try:
        return lookup(code).name
    except UnknownMunicipality:
        return ""


def county_name(county_code: str | int) -> str:
    key = str(county_code).strip().zfill(2)
    for m in _load().values():
        if m.county_code == key:
            return m.county_name
    return ""


def counties() -> dict[str, str]:
    """County code -> county name, in code order."""
    return {m.county_code: m.county_name for m in all_municipalities()}


def in_region(code: str | int, counties: Collection[str]) -> bool:
    """Whether the municipality lies in one of `counties` (county codes, e.g. "22", "23")."""
    try:
        return lookup(code).county_code in counties
    except UnknownMunicipality:
        return False
