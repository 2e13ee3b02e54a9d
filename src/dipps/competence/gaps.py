"""Gaps of a skills map, their ranking, before/after and the programme's sum (docs/competence.md).

Pure Python, no Django import. A map row says, for one role and one skill, how many people
hold the role and at which level (0-4) they are and need to be:

- gap = max(needed − current, 0): a level above the need is no gap, and does not offset
  another row's gap;
- priority = people × gap: one level missing for ten operators weighs more than two levels
  missing for the one planner;
- ranking: priority, then gap, then people, all highest first, then skill code and role code
  alphabetically, so that equal rows always come in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .skills import LEVEL_MAX, LEVEL_MIN

TENTH = Decimal("0.1")
#: The most people one row of a map can count (a small or medium-sized firm has fewer).
PEOPLE_MAX = 999


@dataclass(frozen=True, slots=True)
class Row:
    role: str
    skill: str
    people: int
    current: int
    needed: int


@dataclass(frozen=True, slots=True)
class Gap:
    role: str
    skill: str
    people: int
    current: int
    needed: int
    gap: int
    priority: int


def gap(current: int, needed: int) -> int:
    return max(needed - current, 0)


def problems(row: Row) -> list[str]:
    """What is wrong with a row's numbers (field names as keys in the message)."""
    out = []
    if not 0 <= row.people <= PEOPLE_MAX:
        out.append("people")
    for name in ("current", "needed"):
        if not LEVEL_MIN <= getattr(row, name) <= LEVEL_MAX:
            out.append(name)
    return out


def ranked(rows: Iterable[Row]) -> list[Gap]:
    """The rows with a gap and people in the role, highest priority first (see the module)."""
    found = [
        Gap(r.role, r.skill, r.people, r.current, r.needed, g, r.people * g)
        for r in rows
        if (g := gap(r.current, r.needed)) > 0 and r.people > 0
    ]
    return sorted(found, key=lambda g: (-g.priority, -g.gap, -g.people, g.skill, g.role))


@dataclass(frozen=True, slots=True)
class SkillChange:
    """One skill in two maps: people-weighted mean current level and total priority."""

    skill: str
    mean_before: Decimal | None
    mean_after: Decimal | None
    priority_before: int
    priority_after: int


def _mean(rows: Sequence[Row]) -> Decimal | None:
    people = sum(r.people for r in rows)
    if people == 0:
        return None
    return (Decimal(sum(r.people * r.current for r in rows)) / people).quantize(
        TENTH, ROUND_HALF_UP
    )


def before_after(before: Iterable[Row], after: Iterable[Row]) -> list[SkillChange]:
    """Per skill found in either map, in skill-code order: the mean current level weighted
    by people (one decimal, half up; None when no one holds a role with the skill) and the
    sum of people × gap, before and after."""
    old, new = list(before), list(after)
    codes = sorted({r.skill for r in old} | {r.skill for r in new})
    out = []
    for code in codes:
        b = [r for r in old if r.skill == code]
        a = [r for r in new if r.skill == code]
        out.append(
            SkillChange(
                code,
                _mean(b),
                _mean(a),
                sum(r.people * gap(r.current, r.needed) for r in b),
                sum(r.people * gap(r.current, r.needed) for r in a),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class SkillTotal:
    """One skill across the firms of a programme."""

    skill: str
    priority: int  # Σ people × gap over every firm's latest map
    people: int  # people in roles with a gap in the skill
    firms: int  # firms with at least one gap in the skill


def across_firms(maps: Iterable[Iterable[Row]]) -> list[SkillTotal]:
    """Sum of people × gap per skill over one map per firm; skills with a gap only, highest
    sum first, then more firms, then skill code."""
    priority: dict[str, int] = {}
    people: dict[str, int] = {}
    firms: dict[str, int] = {}
    for rows in maps:
        touched: set[str] = set()
        for g in ranked(rows):
            priority[g.skill] = priority.get(g.skill, 0) + g.priority
            people[g.skill] = people.get(g.skill, 0) + g.people
            touched.add(g.skill)
        for code in touched:
            firms[code] = firms.get(code, 0) + 1
    totals = [SkillTotal(c, priority[c], people[c], firms[c]) for c in priority]
    return sorted(totals, key=lambda t: (-t.priority, -t.firms, t.skill))
