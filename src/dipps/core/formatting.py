"""Numbers, money, percentages and dates as a person reads them, in the active language.

One home for every figure shown in a page, a message or a template (the `sek`, `num`,
`pct`, `signed`, `signed_pct`, `pp` and `score` filters in `core/templatetags/dipps.py` call
these), so that one amount reads the same everywhere: grouped digits (`1 234,50` in Swedish,
`1,234.50` in English) and one rounding rule, half up at the edge (DESIGN §4), never
truncation. A change always carries its sign, a real minus (U+2212) for a fall: `+1,4`,
`−15,7`; a difference of two percentages is in percentage points (`+1,4 p.e.`, `+1.4 pp`),
never in per cent.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

NO_BREAK = "\u00a0"
MINUS = "\u2212"


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


def signed(value, places: int = 1) -> str:
    """A change: `+1,4`, `−15,7` (a real minus sign), `0,0` when it rounds to nothing."""
    amount = _decimal(value)
    if amount is None:
        return ""
    places = int(places)
    shown = amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    sign = "+" if shown > 0 else MINUS if shown < 0 else ""
    return sign + number(abs(shown), places)


def signed_kr(value, places: int = 0) -> str:
    """A change of an amount for a table cell: `+12 500 kr`, `−3 400 kr`, never broken."""
    formatted = signed(value, places)
    return (_("%(amount)s kr") % {"amount": formatted}).replace(" ", NO_BREAK) if formatted else ""


def signed_percent(value, places: int = 1) -> str:
    """A change in per cent of something: `+4,0 %`, `−10,0 %`."""
    formatted = signed(value, places)
    return f"{formatted}{NO_BREAK}%" if formatted else ""


def points(value, places: int = 1) -> str:
    """A difference of two percentages, in percentage points: `−1,5 p.e.` / `−1.5 pp`."""
    formatted = signed(value, places)
    unit = pgettext("percentage points, abbreviated", "pp")
    return f"{formatted}{NO_BREAK}{unit}" if formatted else ""


def score(value, places: int = 1) -> str:
    """A maturity score or index as shown everywhere: one decimal, `46,6`."""
    return number(value, places)


def year_span(first: int, last: int) -> str:
    """`år 2024` for one year, `åren 2023–2024` for several (en: `year 2024`, `years …`)."""
    if first == last:
        return _("year %(year)s") % {"year": first}
    return _("years %(first)s–%(last)s") % {"first": first, "last": last}


def export_number(value):
    """A figure for a CSV or XLSX cell: still a number, but with a sensible precision.

    A computed float or Decimal (a mean, a share, a simulated change) carries up to 17 or 28
    digits (`-1.474226809646539`); nobody reads them and they suggest a precision the
    figure does not have. Four decimals are kept, or three significant digits of a small
    value (`0.000123`); fewer decimals stay as written; anything else passes through.
    """
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    amount = Decimal(repr(value)) if isinstance(value, float) else value
    if not amount.is_finite():
        return None
    exponent = amount.as_tuple().exponent
    if not isinstance(exponent, int):
        return amount
    if exponent > 0:  # 1E+20, from a float: written out in full
        return amount.quantize(Decimal(1))
    if exponent >= -4:
        return amount
    places = 4 if abs(amount) >= 1 or amount == 0 else min(12, max(4, 2 - amount.adjusted()))
    return amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def short_date(value: date) -> str:
    """A date in the active language's short format (`2024-03-05` in both sv and en)."""
    return date_format(value, "SHORT_DATE_FORMAT")
