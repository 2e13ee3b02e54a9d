"""A firm's own fiscal year (räkenskapsår), which need not be the calendar year.

Pure domain core: no Django. A fiscal year end is stored as `MM-DD` (`12-31` for a
calendar year, `06-30` or `04-30` for a broken fiscal year, *brutet räkenskapsår*;
Bokföringslagen 1999:1078, 3 kap. 1 §: a fiscal year is twelve months, and may end on
the last day of any month). A fiscal year is named by the calendar year in which it
ends, as Swedish annual reports and Bolagsverket's register do: the year 2024-07-01 –
2025-06-30 of a firm ending on `06-30` is its fiscal year **2025**. Key figures are
stored under that name (`KeyFigures.fiscal_year`) and converted to EUR at the rate on
the fiscal year's last day; the de minimis window of Regulation 1407/2013 (art. 3(2):
"the current fiscal year and the previous two fiscal years") uses the same end.

`02-29` is accepted (a fiscal year ending on the last day of February); in a common
year it ends on 28 February.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

CALENDAR = "12-31"


def parse(text: str) -> tuple[int, int]:
    """(month, day) of a `MM-DD` fiscal year end; ValueError with the reason otherwise."""
    match = re.fullmatch(r"(\d{2})-(\d{2})", (text or "").strip())
    if match is None:
        raise ValueError(f"expected MM-DD such as 12-31 or 06-30, not {text!r}")
    month, day = int(match[1]), int(match[2])
    try:
        date(2000, month, day)  # a leap year: 02-29 exists, 02-30 does not
    except ValueError:
        raise ValueError(f"{text} is no day of the year; expected MM-DD such as 12-31") from None
    return month, day


def year_end(fiscal_year: int, text: str = CALENDAR) -> date:
    """The last day of fiscal year `fiscal_year` (named by the year it ends in)."""
    month, day = parse(text)
    try:
        return date(fiscal_year, month, day)
    except ValueError:  # 02-29 in a common year
        return date(fiscal_year, 2, 28)


def year_start(fiscal_year: int, text: str = CALENDAR) -> date:
    """The first day of fiscal year `fiscal_year`: the day after the previous one's end."""
    return year_end(fiscal_year - 1, text) + timedelta(days=1)


def fiscal_year_of(day: date, text: str = CALENDAR) -> int:
    """The name of the fiscal year that contains `day`."""
    return day.year if day <= year_end(day.year, text) else day.year + 1
