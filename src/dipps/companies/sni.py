"""SNI industry codes (Swedish Standard Industrial Classification), both versions.

Pure domain core: no Django import. The code lists ship as data files
(`data/sni2007.csv`, `data/sni2025.csv`, format in docs/reference-data.md) and
are loaded once per process.

Version rule (issue 2): a code that exists in only one version is read in that
one; a code valid in both is read as SNI 2025 unless the caller asks for 2007.

SNI 2007 ships without its 5-digit subclasses (no complete public copy was
available when the list was built). A 5-digit SNI 2007 code is therefore
resolved through its 4-digit class: it is accepted when the class exists and
the file lists no subclasses for that class, and the result has
``exact=False`` so the shell can say the detail level was not verified.

Target groups are decided by division numbers, never by section letters,
because the sections were re-lettered between SNI 2007 and SNI 2025 (J split
into J and K, finance moved from K to L, and so on) while the divisions that
matter to the programme kept their numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

VERSIONS: tuple[int, ...] = (2025, 2007)
LEVELS = ("section", "division", "group", "class", "subclass")
DATA_DIR = Path(__file__).resolve().parent / "data"

Level = Literal["section", "division", "group", "class", "subclass"]
TargetGroup = Literal["industry", "industry_service", "outside"]

# Sections B (mining) and C (manufacturing) in SNI 2007; the same division
# numbers are B and C in SNI 2025 too.
INDUSTRY_DIVISIONS: frozenset[int] = frozenset(range(5, 34))
# The programme may change this list (settings.DIPPS_SERVICE_DIVISIONS); this is
# only the documented default: transport and storage, IT, professional and
# technical services, rental and staffing, office support.
DEFAULT_SERVICE_DIVISIONS: frozenset[int] = frozenset(
    {49, 50, 51, 52, 62, 63, 69, 70, 71, 72, 73, 74, 77, 78, 82}
)

_LEVEL_BY_DIGITS = {2: "division", 3: "group", 4: "class", 5: "subclass"}


class UnknownSniCode(KeyError):
    """The code is not in the requested SNI version (or in neither)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class SniDataError(ValueError):
    """A shipped SNI data file is malformed; the message names file and line."""


@dataclass(frozen=True)
class SniCode:
    version: int
    code: str  # SCB style: "16", "16.2", "16.23", "16.239"
    name: str
    section: str
    division: int
    level: Level
    # False when a 5-digit SNI 2007 code was accepted through its class only.
    exact: bool = True

    @property
    def digits(self) -> str:
        return self.code.replace(".", "")


@dataclass(frozen=True)
class _Entry:
    level: str
    code: str
    name: str


@dataclass(frozen=True)
class SniList:
    version: int
    entries: dict[str, _Entry]  # keyed by digits ("16239") or section letter
    division_section: dict[str, str]  # "16" -> "C"
    classes_with_subclasses: frozenset[str]

    def count(self, level: str) -> int:
        return sum(1 for e in self.entries.values() if e.level == level)


def _digits_of(code: str) -> str:
    return code.replace(".", "")


def _expected_code(level: str, digits: str) -> str:
    return digits if len(digits) <= 2 else f"{digits[:2]}.{digits[2:]}"


def parse_sni_csv(lines: Iterable[str], version: int, source: str = "<data>") -> SniList:
    """Parse the `level,code,name` format; `#` lines are comments.

    Rows are in hierarchical order, so a division belongs to the section row
    above it; that is how each version gets its own division-to-section table.
    """
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    rows = list(reader)
    if not rows or [c.strip() for c in rows[0]] != ["level", "code", "name"]:
        raise SniDataError(f"{source}: the first non-comment line must be 'level,code,name'.")
    entries: dict[str, _Entry] = {}
    division_section: dict[str, str] = {}
    with_sub: set[str] = set()
    section = ""
    for (lineno, _line), row in zip(numbered[1:], rows[1:], strict=True):
        if not row:
            continue
        if len(row) != 3:
            raise SniDataError(f"{source} line {lineno}: expected 3 columns, got {len(row)}.")
        level, code, name = (c.strip() for c in row)
        if level not in LEVELS:
            raise SniDataError(f"{source} line {lineno}: unknown level '{level}'.")
        if not name:
            raise SniDataError(f"{source} line {lineno}: code '{code}' has no name.")
        if level == "section":
            if not re.fullmatch(r"[A-Z]", code):
                raise SniDataError(
                    f"{source} line {lineno}: a section is one letter, got '{code}'."
                )
            section, key = code, code
        else:
            key = _digits_of(code)
            if (
                _LEVEL_BY_DIGITS.get(len(key)) != level
                or not key.isdigit()
                or code != _expected_code(level, key)
            ):
                raise SniDataError(
                    f"{source} line {lineno}: '{code}' is not a valid {level} code "
                    "(expected e.g. 16, 16.2, 16.23 or 16.239)."
                )
            if not section:
                raise SniDataError(f"{source} line {lineno}: '{code}' comes before any section.")
            if level == "division":
                division_section[key] = section
            elif key[:2] not in division_section:
                raise SniDataError(f"{source} line {lineno}: division {key[:2]} is not listed.")
            if level == "subclass":
                with_sub.add(key[:4])
        if key in entries:
            raise SniDataError(f"{source} line {lineno}: code '{code}' appears twice.")
        entries[key] = _Entry(level, code, name)
    return SniList(version, entries, division_section, frozenset(with_sub))


@cache
def load(version: int) -> SniList:
    """The shipped list for one version (cached for the life of the process)."""
    if version not in VERSIONS:
        raise ValueError(f"SNI version must be 2007 or 2025, got {version!r}.")
    path = DATA_DIR / f"sni{version}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return parse_sni_csv(fh.read().splitlines(), version, source=path.name)


def normalise_code(raw: str | int) -> str:
    """Digits of an SNI code: '16.239', '16239', ' 16 239 ' -> '16239'.

    Codes are 2 to 5 digits. Section letters are not accepted here: a company
    is classified at division level or below.
    """
    text = str(raw).strip()
    digits = re.sub(r"[.\s]", "", text)
    if not digits.isdigit() or len(digits) not in _LEVEL_BY_DIGITS:
        raise UnknownSniCode(
            f"'{text}' is not an SNI code: expected 2 to 5 digits such as 16.239 or 16239."
        )
    return digits


def _find(sni_list: SniList, digits: str) -> SniCode | None:
    division = digits[:2]
    section = sni_list.division_section.get(division)
    if section is None:
        return None
    entry = sni_list.entries.get(digits)
    if entry is not None:
        return SniCode(
            sni_list.version,
            entry.code,
            entry.name,
            section,
            int(division),
            cast(Level, entry.level),
        )
    class_digits = digits[:4]
    if (
        len(digits) == 5
        and class_digits in sni_list.entries
        and class_digits not in sni_list.classes_with_subclasses
    ):
        parent = sni_list.entries[class_digits]
        code = f"{digits[:2]}.{digits[2:]}"
        return SniCode(
            sni_list.version, code, parent.name, section, int(division), "subclass", exact=False
        )
    return None


def lookup(raw: str | int, version: int | None = None) -> SniCode:
    """Read a code under the version rule, or in the version asked for.

    Raises `UnknownSniCode` (a KeyError) naming the code when it is unknown.
    """
    if version is not None and version not in VERSIONS:
        raise ValueError(f"SNI version must be 2007 or 2025, got {version!r}.")
    digits = normalise_code(raw)
    shown = str(raw).strip()
    if version is not None:
        found = _find(load(version), digits)
        if found is None:
            raise UnknownSniCode(f"SNI code '{shown}' does not exist in SNI {version}.")
        return found
    for candidate in VERSIONS:  # 2025 first: a code in both is read as SNI 2025
        found = _find(load(candidate), digits)
        if found is not None:
            return found
    raise UnknownSniCode(f"SNI code '{shown}' exists in neither SNI 2025 nor SNI 2007.")


def section_of_division(division: int, version: int) -> str:
    """The section letter a division belongs to in the given version."""
    key = f"{division:02d}"
    try:
        return load(version).division_section[key]
    except KeyError:
        raise UnknownSniCode(f"Division {key} does not exist in SNI {version}.") from None


def divisions(version: int) -> list[SniCode]:
    """All divisions of one version, in code order (for filters and pickers)."""
    sni_list = load(version)
    return [
        SniCode(version, e.code, e.name, sni_list.division_section[k], int(k), "division")
        for k, e in sorted(sni_list.entries.items())
        if e.level == "division"
    ]


def target_group(division: int, service_divisions: Iterable[int]) -> TargetGroup:
    """Programme target group from a division number.

    Industrial firm: divisions 05-33 (sections B and C). Industry-related
    service firm: a division in `service_divisions` (the programme's list,
    default `DEFAULT_SERVICE_DIVISIONS`). Anything else is outside. Industry
    wins if a programme also lists a manufacturing division as a service.
    """
    if not 1 <= int(division) <= 99:
        raise ValueError(f"An SNI division is a number from 01 to 99, got {division!r}.")
    if division in INDUSTRY_DIVISIONS:
        return "industry"
    if division in frozenset(int(d) for d in service_divisions):
        return "industry_service"
    return "outside"
