"""Sectors excluded from de minimis aid, decided from a firm's SNI codes.

Pure domain core: no Django import. The list ships as data
(`data/sector_exclusions.csv`, format in docs/reference-data.md), loaded once
per process, so a correction needs no code change.

The rule (Commission Regulation (EU) 2023/2831 of 13 December 2023, art. 1(1);
the same grounds in Regulation (EU) No 1407/2013, art. 1(1)):

- (a) aid to undertakings active in the **fishery and aquaculture sector**, as
  covered by Regulation (EU) No 1379/2013, whose art. 5(d) counts production,
  processing and marketing of fishery and aquaculture products: SNI 03 (fishing
  and aquaculture), 10.2 (processing of fish) and 47.23 (retail of fish);
- (b) aid to undertakings active in the **primary production of agricultural
  products**: SNI 01.1-01.5 and 01.7 (01.6, services to agriculture, is not
  production and is not listed).

Grounds (c)-(e) of art. 1(1) (processing and marketing of agricultural products
where the aid is tied to what is bought from primary producers, export-related
aid, aid contingent on domestic goods) concern what the aid is for, not the
sector, and cannot be read from an SNI code; the programme's support
(coaching and consultancy) falls under none of them. Tillväxtverket's
"Handbok för EU-projekt 2021–2027" (state aid) refers to the same article.

A firm is excluded when **any** of its codes lies under a listed code of the
same SNI version (a prefix match on the digits: 10.2 covers 10.20 and 10.200,
not 10.3). Art. 1(2) lets a firm active in an excluded sector and in another
one receive aid for the other activity if the activities or costs are kept
apart; that is a judgement, recorded as a programme manager's override.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

DATA_FILE = Path(__file__).resolve().parent / "data" / "sector_exclusions.csv"
VERSIONS = (2007, 2025)

Ground = Literal["fishery", "agriculture"]
GROUNDS: dict[str, str] = {
    "fishery": "2023/2831 art. 1(1)(a)",
    "agriculture": "2023/2831 art. 1(1)(b)",
}


class ExclusionDataError(ValueError):
    """The shipped exclusion list is malformed; the message names file and line."""


@dataclass(frozen=True)
class Rule:
    version: int
    code: str  # as listed: "03", "10.2", "47.23"
    ground: Ground

    @property
    def digits(self) -> str:
        return self.code.replace(".", "")


@dataclass(frozen=True)
class Exclusion:
    """One of the firm's codes (`version`, `code`) lies under a listed `rule`."""

    version: int
    code: str
    rule: Rule

    @property
    def ground(self) -> Ground:
        return self.rule.ground

    @property
    def article(self) -> str:
        return GROUNDS[self.rule.ground]


def parse(lines: Iterable[str], source: str = "<data>") -> tuple[Rule, ...]:
    """Read the `version,code,ground` format; `#` lines are comments."""
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if not line.startswith("#")]
    rows = list(csv.reader(line for _, line in numbered))
    if not rows or [c.strip() for c in rows[0]] != ["version", "code", "ground"]:
        raise ExclusionDataError(
            f"{source}: the first non-comment line must be 'version,code,ground'."
        )
    rules: list[Rule] = []
    seen: set[tuple[int, str]] = set()
    for (lineno, _line), row in zip(numbered[1:], rows[1:], strict=True):
        if not row:
            continue
        if len(row) != 3:
            raise ExclusionDataError(f"{source} line {lineno}: expected 3 columns, got {len(row)}.")
        version_text, code, ground = (c.strip() for c in row)
        if not version_text.isdigit() or int(version_text) not in VERSIONS:
            raise ExclusionDataError(
                f"{source} line {lineno}: the version must be 2007 or 2025, got '{version_text}'."
            )
        digits = code.replace(".", "")
        expected = digits if len(digits) <= 2 else f"{digits[:2]}.{digits[2:]}"
        if not digits.isdigit() or not 2 <= len(digits) <= 5 or code != expected:
            raise ExclusionDataError(
                f"{source} line {lineno}: '{code}' is not an SNI code "
                "(a division, group, class or subclass such as 03, 10.2, 47.23)."
            )
        if ground not in GROUNDS:
            raise ExclusionDataError(
                f"{source} line {lineno}: the ground must be one of "
                f"{', '.join(GROUNDS)}, got '{ground}'."
            )
        key = (int(version_text), digits)
        if key in seen:
            raise ExclusionDataError(f"{source} line {lineno}: '{code}' is listed twice.")
        seen.add(key)
        rules.append(Rule(int(version_text), code, ground))  # type: ignore[arg-type]
    return tuple(rules)


@cache
def load() -> tuple[Rule, ...]:
    """The shipped list (cached for the life of the process)."""
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        return parse(fh.read().splitlines(), source=DATA_FILE.name)


def exclusion_of(version: int, code: str, rules: Iterable[Rule] | None = None) -> Exclusion | None:
    """The listed rule one code falls under, or None (the longest listed prefix wins)."""
    digits = code.replace(".", "").strip()
    matches = [
        r
        for r in (load() if rules is None else rules)
        if r.version == version and digits.startswith(r.digits)
    ]
    if not matches:
        return None
    return Exclusion(version, code, max(matches, key=lambda r: len(r.digits)))


def exclusions(
    codes: Iterable[tuple[int, str]], rules: Iterable[Rule] | None = None
) -> list[Exclusion]:
    """Every one of the firm's (version, code) pairs that lies in an excluded sector,
    in the order given; empty when the firm is not excluded."""
    listed = tuple(load() if rules is None else rules)
    found = (exclusion_of(version, code, listed) for version, code in codes)
    return [e for e in found if e is not None]
