"""The file contract `dipps automation payback FILE` (docs/competence.md): JSON in, JSON out.

Pure Python, no Django. This module reads the file's shape — one object, numbers only, the
required keys present, no unknown key (a misspelt `residual_valu` would otherwise be read
as 0) — and writes the answer; the rules live in ``payback``. A bad input raises
``payback.PaybackInputError`` whose ``field`` names the value.
"""

from __future__ import annotations

from decimal import Decimal

from dipps.core import contract_json

from .payback import Investment, PaybackInputError, result

REQUIRED = (
    "investment",
    "hours_saved_per_year",
    "hourly_labour_cost",
    "years",
    "discount_rate_percent",
)
OPTIONAL = ("annual_operating_cost", "other_annual_savings", "residual_value")


def _error(field: str, message: str) -> PaybackInputError:
    return PaybackInputError(message, field or "(file)")


def _number(data: dict, key: str) -> Decimal:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _error(key, f"expected a number, got {value!r}")
    number = Decimal(value)
    if number < 0:
        raise _error(key, f"must not be negative, got {number}")
    return number


def parse(data: object) -> Investment:
    """The typed input from decoded JSON (numbers decoded as Decimal); refuses bad input."""
    if not isinstance(data, dict):
        raise _error("(file)", "expected a JSON object")
    for key in data:
        if key not in REQUIRED + OPTIONAL:
            raise _error(str(key), "unknown key")
    for key in REQUIRED:
        if key not in data:
            raise _error(key, "is required")
    numbers = {key: _number(data, key) for key in REQUIRED + OPTIONAL}
    years = numbers.pop("years")
    if years < 1 or years != years.to_integral_value():
        raise _error("years", f"must be a whole number of at least 1, got {years}")
    return Investment(years=int(years), **numbers)


def compute_json(text: str) -> str:
    """JSON in, JSON out: the whole of `dipps automation payback`."""
    answer = result(parse(contract_json.read(text, _error, field="(file)")))
    return contract_json.dumps(
        {
            "annual_saving": answer.annual_saving,
            "payback_years": answer.payback_years,
            "npv": answer.npv,
            "irr_percent": answer.irr_percent,
        }
    )
