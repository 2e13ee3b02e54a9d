"""T0, T1 and T2: which assessments make a gain, which are flagged, when follow-ups are due.

The rules (docs/maturity.md, "T0, T1 and T2"):

- A gain T0 → T1 (or T0 → T2) pairs two assessments only when both used the same
  framework *and the same framework version* (`comparable`): a change of method is
  not progress. Every gain in DIPPS (the firm's results page, the programme view,
  the indicators) asks this one function.
- T0 is the baseline "before support" (the stage's own definition, `Stage.T0`, and
  DIPPS's working method: the result indicators compare a firm after support with
  its state before it; issue 13 item 5). A T0 answered on a day *after* the firm's
  first support in the programme (its first activity, `engagements.CompanySupport`)
  no longer measures the state before it and is flagged (`t0_after_support`); a T0
  on the very day of the first support is not flagged, since the first meeting is
  where the baseline is usually answered.
- A T1 without a T0 of the same framework in the programme is kept (it is a real
  measurement of the firm after support) but flagged and left out of every gain.
- T1 is due on the day the engagement reaches the follow-up stage; T2 is due twelve
  calendar months after the T1 was submitted (`months_later`: from 29 February
  twelve months later is 28 February). An assessment is overdue from the day after
  its due date. The coach's list shows a T2 from `NOTICE_DAYS` days before it is due.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

#: A T2 appears on the due list this many days before its due date.
NOTICE_DAYS = 30
#: T2 follows T1 after this many calendar months.
T2_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Method:
    """The framework and the framework version an assessment was answered with."""

    framework: str
    version: int


def comparable(before: Method | None, after: Method | None) -> bool:
    """True when a gain may be computed from `before` to `after`: both exist and used the
    same framework in the same version."""
    if before is None or after is None:
        return False
    return before.framework == after.framework and before.version == after.version


def t0_after_support(t0_day: date | None, first_support: date | None) -> bool:
    """True when a T0 was answered after the firm's first support (not on the same day)."""
    return t0_day is not None and first_support is not None and t0_day > first_support


def months_later(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day when that
    month is shorter (2024-02-29 + 12 → 2025-02-28; 2025-01-31 + 1 → 2025-02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """A follow-up assessment to make: its stage (`t1` or `t2`) and its due date."""

    stage: str
    due: date

    def overdue(self, today: date) -> bool:
        return today > self.due

    def listed(self, today: date) -> bool:
        """On the due list today: a T1 from its due date on (it is due at once), a T2 from
        `NOTICE_DAYS` days before."""
        notice = NOTICE_DAYS if self.stage == "t2" else 0
        return today >= self.due - timedelta(days=notice)


def schedule(
    *, follow_up_from: date | None, t1_day: date | None, t2_day: date | None
) -> Due | None:
    """The next follow-up assessment of an engagement, or None.

    `follow_up_from` is the day the engagement first reached the follow-up stage (None
    when it has not), `t1_day` and `t2_day` the days its firm's T1 and T2 were submitted
    (None when not yet). T1 is due on `follow_up_from`; once T1 is made, T2 is due
    twelve months after it; once T2 is made nothing is due.
    """
    if t1_day is None:
        return Due("t1", follow_up_from) if follow_up_from is not None else None
    if t2_day is None:
        return Due("t2", months_later(t1_day, T2_AFTER_MONTHS))
    return None
