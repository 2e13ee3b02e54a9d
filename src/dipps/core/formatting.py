"""Numbers, money, percentages and dates as a person reads them, in the active language.

One home for every figure shown in a page, a message or a template (the `sek`, `num` and
`pct` filters in `core/templatetags/dipps.py` call these), so that one amount reads the same
everywhere: grouped digits (`1 234,50` in Swedish, `1,234.50` in English) and one rounding
rule, half up at the edge (DESIGN §4), never truncation.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

NO_BREAK = "\u00a0"


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def number(value, places: int = 0) -> str:
    """`1234.567` -> `1 234,57` (sv, places=2) / `1,234.57` (en); empty for None."""
    amount = _decimal(value)
    if amount is None:
        return ""
    places = int(places)
    amount = amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return number_format(amount, decimal_pos=places, force_grouping=True)


def kr(value, places: int = 2) -> str:
    """An amount in SEK for a sentence: `1 234,50 kr`; empty for None."""
    amount = number(value, places)
    return _("%(amount)s kr") % {"amount": amount} if amount else ""


def kr_unbroken(value, places: int = 0) -> str:
    """`kr` for a table cell: a line never breaks inside an amount or before its "kr"."""
    return kr(value, places).replace(" ", NO_BREAK)


def percent(value, places: int = 1) -> str:
    """`12.345` -> `12,3 %`, the sign kept on the number's line; empty for None."""
    formatted = number(value, places)
    return f"{formatted}{NO_BREAK}%" if formatted else ""


def short_date(value: date) -> str:
    """A date in the active language's short format (`2024-03-05` in both sv and en)."""
    return date_format(value, "SHORT_DATE_FORMAT")
