"""Read a programme's indicator set from its funding decision (a CSV or XLSX table).

Columns: `code` (required); `target`, `name_sv`, `name_en`, `unit`, `measure` (optional).
An ERDF common indicator (a code of the shipped list, `catalogue`) takes its names, unit and
measure from the list unless the row gives them; a code that is one of DIPPS's computed
figures (`selectors.MEASURES`, such as `persons`) takes that figure; any other code is
programme-specific and needs both names and a unit. Every problem names its row; a file
with any problem is refused whole (docs/indicators.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.core.tabular import read_table

from . import catalogue
from .selectors import MEASURE

OWN_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
OPTIONAL = ["target", "name_sv", "name_en", "unit", "measure"]


@dataclass(frozen=True)
class Entry:
    code: str
    name_sv: str
    name_en: str
    unit: str
    measure: str
    target: Decimal | None


def parse_target(text: str) -> Decimal | None:
    """A target as typed in Sweden or England ("1 234,5", "1234.5"); None when empty;
    ValueError when not a number of at most two decimals, or negative."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as e:
        raise ValueError from e
    if not value.is_finite() or value < 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError
    return value


def entry_for(
    n: int | None,
    code: str,
    *,
    target: str = "",
    name_sv: str = "",
    name_en: str = "",
    unit: str = "",
    measure: str = "",
) -> tuple[Entry | None, list[str]]:
    """One indicator from its fields; the problems name row `n` (None: a form, no row)."""
    where = (_("Row %(n)s: ") % {"n": n}) if n is not None else ""
    code, measure, unit = code.strip(), measure.strip(), unit.strip()
    name_sv, name_en = name_sv.strip(), name_en.strip()
    problems = []
    common = catalogue.common_indicators().get(code)
    if not code:
        return None, [where + _("give the indicator's code.")]
    if common is not None:
        name_sv, name_en = name_sv or common.name_sv, name_en or common.name_en
        unit, measure = unit or common.unit, measure or common.measure
    elif code in MEASURE:
        m = MEASURE[code]
        name_sv, name_en = name_sv or m.name_in("sv"), name_en or m.name_in("en")
        unit, measure = unit or m.unit, measure or code
    elif catalogue.COMMON_CODE.match(code):
        problems.append(
            where
            + _("%(code)s is not an ERDF common indicator of the shipped list.") % {"code": code}
        )
    elif not OWN_CODE.match(code):
        problems.append(
            where
            + _("the code “%(code)s” may hold only letters, digits, “_”, “.” and “-” (at most 40).")
            % {"code": code}
        )
    if not (name_sv and name_en) and not problems:
        problems.append(
            where
            + _("%(code)s is specific to the programme: give its Swedish and English names.")
            % {"code": code}
        )
    if unit not in catalogue.UNITS and not problems:
        problems.append(
            where
            + _("unit “%(unit)s” is not known; use one of: %(units)s.")
            % {"unit": unit, "units": ", ".join(catalogue.UNITS)}
        )
    if measure and measure not in MEASURE:
        problems.append(
            where
            + _(
                "“%(measure)s” is not a figure DIPPS computes; leave it empty or use one of: %(m)s."
            )
            % {"measure": measure, "m": ", ".join(MEASURE)}
        )
    try:
        value = parse_target(target)
    except ValueError:
        value = None
        problems.append(
            where
            + _("target “%(target)s”: expected a number of 0 or more, with at most two decimals.")
            % {"target": target}
        )
    if problems:
        return None, problems
    return Entry(code, name_sv[:300], name_en[:300], unit, measure, value), []


def read_indicator_set(data: bytes, filename: str, limits=None) -> tuple[list[Entry], list[str]]:
    """The entries of the file, or the problems (then no entries). Raises `TableError` when
    the file as a whole cannot be read."""
    rows = read_table(data, filename, required=["code"], optional=OPTIONAL, limits=limits)
    entries, problems, seen = [], [], set()
    for row in rows:
        v = row.values
        entry, found = entry_for(
            row.number, v.get("code", ""), **{k: v.get(k, "") for k in OPTIONAL}
        )
        problems += found
        if entry is None:
            continue
        if entry.code in seen:
            problems.append(
                _("Row %(n)s: %(code)s is listed twice.") % {"n": row.number, "code": entry.code}
            )
        seen.add(entry.code)
        entries.append(entry)
    return ([], problems) if problems else (entries, [])
