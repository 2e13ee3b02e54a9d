"""The file contract `dipps sme classify FILE` (docs/reference-data.md): JSON in, JSON out.

Pure Python, no Django: the command is a thin shell around ``classify_json``, and the rules
(Recommendation 2003/361/EC, annex arts. 2, 3(2), 3(4), 4(2), 5 and 6) live in
``dipps.companies.sme``. This module only reads the file's shape, refusing a malformed file,
an unknown key, a value of the wrong type, and writes the answer: money with exactly two
decimals, annual work units rounded to two decimals and written without trailing zeros
(`20.5`). A bad input raises ``sme.SmeInputError`` whose ``field`` names the value
(`years[1].partners[0].share_percent`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dipps.core import contract_json

from . import sme

CENT = Decimal("0.01")
TOP_KEYS = ("years", "ownership_changed_in")
YEAR_KEYS = (
    "year",
    "staff_awu",
    "turnover_eur",
    "balance_eur",
    "public_control_percent",
    "partners",
    "linked",
)
FIGURE_KEYS = ("staff_awu", "turnover_eur", "balance_eur")
PARTNER_KEYS = ("share_percent", *FIGURE_KEYS, "exempt_investor")


def _error(where: str, message: str) -> sme.SmeInputError:
    return sme.SmeInputError(message, where or "(file)")


def _object(value: object, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    """A JSON object whose keys are all `allowed`: a misspelt key is refused rather than
    silently read as left out."""
    if not isinstance(value, dict):
        raise _error(where, "expected an object")
    for key in value:
        if key not in allowed:
            raise _error(f"{where}.{key}" if where else key, "unknown key")
    return value


def _required(data: Mapping[str, object], key: str, where: str) -> object:
    if key not in data:
        raise _error(f"{where}.{key}" if where else key, "is required")
    return data[key]


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise _error(where, "expected a list")
    return value


def _number(value: object, where: str) -> Decimal:
    """A number (sign and range are rules of the core, which names the field too)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _error(where, "expected a number")
    return Decimal(value)


def _whole_year(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 9999:
        raise _error(where, "expected a year such as 2024")
    return value


def _figures(data: Mapping[str, object], where: str) -> sme.Figures:
    staff, turnover, balance = (
        _number(_required(data, key, where), f"{where}.{key}") for key in FIGURE_KEYS
    )
    return sme.Figures(staff, turnover, balance)


def _partner(value: object, where: str) -> sme.Partner:
    data = _object(value, where, PARTNER_KEYS)
    exempt = data.get("exempt_investor", False)
    if not isinstance(exempt, bool):
        raise _error(f"{where}.exempt_investor", "expected true or false")
    share = _number(_required(data, "share_percent", where), f"{where}.share_percent")
    return sme.Partner(share, _figures(data, where), exempt)


def _year(value: object, where: str) -> sme.Year:
    data = _object(value, where, YEAR_KEYS)
    year = _whole_year(_required(data, "year", where), f"{where}.year")
    control = _number(data.get("public_control_percent", 0), f"{where}.public_control_percent")
    partners = _list(data.get("partners", []), f"{where}.partners")
    linked = _list(data.get("linked", []), f"{where}.linked")
    return sme.Year(
        year=year,
        own=_figures(data, where),
        public_control_percent=control,
        partners=tuple(_partner(p, f"{where}.partners[{j}]") for j, p in enumerate(partners)),
        linked=tuple(
            _figures(_object(item, f"{where}.linked[{j}]", FIGURE_KEYS), f"{where}.linked[{j}]")
            for j, item in enumerate(linked)
        ),
    )


def parse(data: object) -> tuple[list[sme.Year], frozenset[int]]:
    """The typed input from decoded JSON (floats decoded as Decimal); SmeInputError if bad."""
    top = _object(data, "", TOP_KEYS)
    years = [
        _year(item, f"years[{i}]")
        for i, item in enumerate(_list(_required(top, "years", ""), "years"))
    ]
    changes = _list(top.get("ownership_changed_in", []), "ownership_changed_in")
    changed = frozenset(
        _whole_year(item, f"ownership_changed_in[{i}]") for i, item in enumerate(changes)
    )
    return years, changed


def loads(text: str) -> tuple[list[sme.Year], frozenset[int]]:
    """Parse the JSON text; a decoding problem is reported with its line and column."""
    return parse(contract_json.read(text, _error, field=""))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _work_units(value: Decimal) -> Decimal:
    """Two decimals at most, no trailing zeros: 20.50 → 20.5, 21.00 → 21."""
    rounded = _money(value)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded.normalize()


def as_json(statuses: list[sme.YearStatus]) -> dict[str, object]:
    return {
        "years": [
            {
                "year": row.year,
                "staff_awu": _work_units(row.aggregated.headcount),
                "turnover_eur": _money(row.aggregated.turnover_eur),
                "balance_eur": _money(row.aggregated.balance_eur),
                "computed": str(row.computed),
                "status": str(row.status),
            }
            for row in statuses
        ]
    }


def classify_json(text: str) -> str:
    """JSON in, JSON out: the whole of `dipps sme classify`; SmeInputError on bad input."""
    years, changed = loads(text)
    return contract_json.dumps(as_json(sme.year_statuses(years, changed)))
