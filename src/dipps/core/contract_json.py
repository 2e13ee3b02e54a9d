"""JSON in and out for the `dipps` contract commands (`claim compute`, `deminimis check`,
`sme classify`). Pure Python, so the domain cores that use it stay pure.

Numbers are read as `Decimal` (never float: 0.1 + 0.2 must stay 0.3) and written back with
their own digits, so money keeps its two decimals (23441.60, not 23441.6). NaN and
Infinity are refused, and a decoding problem names its line and column.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

# Builds the domain's own input error from (field, message).
ErrorFactory = Callable[[str, str], Exception]


def read(text: str, error: ErrorFactory, field: str = "(file)") -> object:
    """The parsed JSON value; `error(field, message)` is raised for text that is not JSON."""

    def reject_constant(name: str) -> object:
        raise error(field, f"{name} is not a number")

    try:
        return json.loads(text, parse_float=Decimal, parse_constant=reject_constant)
    except json.JSONDecodeError as problem:
        raise error(
            field, f"not valid JSON: {problem.msg} (line {problem.lineno}, column {problem.colno})"
        ) from None


def dumps(value: object) -> str:
    """JSON text in which a Decimal is written as its own digits (3200000.00, not 3200000)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        items = (f"{json.dumps(k, ensure_ascii=False)}: {dumps(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
