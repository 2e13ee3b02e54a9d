"""What a daily reminder tells whom: the pure rules of `dipps remind` (docs/operations.md,
"Reminders").

Three kinds of item, each with the days on which it is worth a mail (its *phases*). An
item is mailed once per phase: the key of an item names its object, its date and its
phase, and `dipps remind` records the keys it has mailed, so running it twice on one day,
or every day, mails each phase once. A run missed (the server was down) is made up by the
next: a phase lasts until the next one begins.

- **Follow-up assessments (T1, T2), to the engagement's coaches.** When one is due is
  `maturity.followup` (the one rule, also behind the coach's desk): T1 is due the day the
  engagement reaches follow-up, T2 twelve months after T1 and on the list `NOTICE_DAYS`
  before. Phases: `soon` while on the list before its due date, `due` on its due date,
  `overdue` from the day after.
- **Reporting periods ending, to the programme's finance officers.** A period whose
  payment claim is not submitted is mailed once, `ending`, from `days` days before its
  last day up to and including its last day; not before, not after.
- **De minimis cases awaiting a decision, to the programme's managers.** A case checked
  against the ceiling and not yet decided is mailed once, `awaiting`, from the day of its
  check; a new check (another day) is a new item.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dipps.maturity.followup import Due

FOLLOW_UP = "follow_up"
CLAIM_PERIOD = "claim_period"
DEMINIMIS = "deminimis"


@dataclass(frozen=True)
class Item:
    """Something to remind of: its kind, the id of its object, the date it hangs on (a
    due date, a period's last day, a check's day) and its phase."""

    kind: str
    ref: int
    day: date
    phase: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.ref}:{self.day.isoformat()}:{self.phase}"


def follow_up(ref: int, stage: str, due: date, today: date) -> Item | None:
    """The T1 or T2 assessment `stage` of engagement `ref`, due on `due`, today."""
    planned = Due(stage, due)
    if not planned.listed(today):
        return None
    if planned.overdue(today):
        phase = "overdue"
    elif today == due:
        phase = "due"
    else:
        phase = "soon"
    return Item(FOLLOW_UP, ref, due, phase)


def claim_period(ref: int, end: date, *, claimed: bool, today: date, days: int) -> Item | None:
    """The reporting period `ref` ending on `end`, today; `claimed` when its payment claim
    is submitted. `days` is how long before the last day the reminder goes out."""
    if claimed or days < 0 or not end - timedelta(days=days) <= today <= end:
        return None
    return Item(CLAIM_PERIOD, ref, end, "ending")


def deminimis_case(ref: int, checked_on: date | None, *, today: date) -> Item | None:
    """The de minimis case `ref`, checked on `checked_on` and awaiting a decision."""
    if checked_on is None or today < checked_on:
        return None
    return Item(DEMINIMIS, ref, checked_on, "awaiting")


def not_sent(items: Iterable[Item], sent: set[str]) -> list[Item]:
    """The items whose key is not among the keys already mailed, in their order, once each."""
    out, seen = [], set(sent)
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out
