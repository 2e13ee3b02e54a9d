"""Demo skills maps for supported DIPPS firms, consistent with their trades (docs/competence.md).

For up to two supported firms of each trade below (the trade of `companies.demo_trades`,
which the register, plans and energy demos use too): a first map by the firm's coach
shortly after the engagement started, its highest gap turned into a competence-plan item,
and, for firms in follow-up, a follow-up map a month ago where the two highest gaps have
closed by a level.
The DIPPS courses (the "Kurs" group activities) and the firms' own training activities name
the skills they address, so the firm pages and the programme view show who was trained.

Deterministic (no draw; fixed tables and dates counted from the engagements) and idempotent:
a firm with a skills map is left alone, activity skills are get-or-create.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from dipps.companies.demo_trades import trade_of
from dipps.engagements.models import Activity, Engagement
from dipps.programmes.models import Programme

from . import gaps, services
from .models import ActivitySkill, SkillsMap

# (role, skill, people, current, needed) per trade.
METAL = [
    ("operator", "robot_programming", 8, 1, 2),
    ("operator", "digital_basics", 8, 1, 2),
    ("programmer", "robot_programming", 2, 2, 4),
    ("programmer", "cad_cam", 2, 2, 3),
    ("maintenance", "plc", 2, 1, 3),
    ("production_engineer", "data_analysis", 1, 1, 3),
    ("management", "cybersecurity", 2, 0, 2),
]
WOOD = [
    ("operator", "lean", 10, 1, 3),
    ("operator", "digital_basics", 10, 1, 2),
    ("maintenance", "plc", 2, 1, 3),
    ("planner", "data_analysis", 1, 1, 3),
    ("management", "energy_management", 2, 1, 3),
    ("management", "change_leadership", 2, 1, 3),
]
FOOD = [
    ("operator", "digital_basics", 6, 1, 2),
    ("operator", "lean", 6, 1, 2),
    ("maintenance", "energy_management", 1, 1, 3),
    ("quality", "data_analysis", 1, 1, 3),
    ("management", "cybersecurity", 1, 0, 2),
]
PLASTICS = [
    ("operator", "robot_programming", 5, 0, 2),
    ("maintenance", "plc", 2, 2, 3),
    ("production_engineer", "energy_management", 1, 1, 3),
    ("designer", "cad_cam", 1, 2, 3),
]
# The trade of `companies.demo_trades` (the register, plans and energy demos use it too).
BY_TRADE = {"metal": METAL, "sawmill": WOOD, "wood": WOOD, "food": FOOD, "plastics": PLASTICS}
PER_TRADE = 2
# The skills the DIPPS courses address, in turn (the first course of the list gets the first).
COURSE_SKILLS = [("plc", "robot_programming"), ("lean",), ("digital_basics", "cybersecurity")]
STAGES = ("needs_analysis", "plan_agreed", "implementation", "follow_up", "closed")


def _trade(company) -> list | None:
    return BY_TRADE.get(trade_of(company).key)


def _map(engagement, table, *, previous_rows=None, on, follow_up=False) -> SkillsMap:
    coach = engagement.coaches.order_by("username").first()
    skills_map = services.map_start(
        company=engagement.company,
        programme=engagement.programme,
        kind="coach",
        roles=[],
        skills=[],
        pairs=[(role, skill) for role, skill, *_rest in table],
        follow_up=follow_up,
        on=on,
        by=coach,
    )
    levels = previous_rows or {(r, s): (p, c, n) for r, s, p, c, n in table}
    rows = []
    for row in skills_map.rows.all():
        people, current, needed = levels.get((row.role, row.skill), (0, 0, 0))
        rows.append(services.RowInput(row.pk, people, current, needed))
    return services.map_save(skills_map=skills_map, rows=rows, submit=True, by=coach)


def _follow_up_levels(table) -> dict:
    """The first map's levels with the two highest-ranked gaps closed by one level."""
    rows = [gaps.Row(r, s, p, c, n) for r, s, p, c, n in table]
    top = {(g.role, g.skill) for g in gaps.ranked(rows)[:2]}
    return {
        (r.role, r.skill): (r.people, r.current + (1 if (r.role, r.skill) in top else 0), r.needed)
        for r in rows
    }


def _firms(programme) -> list[tuple[Engagement, list]]:
    chosen: list[tuple[Engagement, list]] = []
    counts: dict[int, int] = {}
    for engagement in (
        Engagement.objects.filter(programme=programme, stage__in=STAGES)
        .select_related("company", "programme")
        .order_by("company__name")
    ):
        if engagement.company.is_sole_trader:
            continue
        table = _trade(engagement.company)
        if table is None or counts.get(id(table), 0) >= PER_TRADE:
            continue
        counts[id(table)] = counts.get(id(table), 0) + 1
        chosen.append((engagement, table))
    return chosen


def _activity_skills(programme, firms) -> None:
    courses = Activity.objects.filter(
        programme=programme, natural_key__startswith="demo-", note="Kurs"
    ).order_by("date", "id")
    for i, course in enumerate(courses):
        for code in COURSE_SKILLS[i % len(COURSE_SKILLS)]:
            ActivitySkill.objects.get_or_create(activity=course, skill=code)
    for engagement, table in firms:
        top = gaps.ranked([gaps.Row(*t) for t in table])[0]
        for training in Activity.objects.filter(
            programme=programme, shares__company=engagement.company, type="training"
        ).order_by("date", "id")[:2]:
            ActivitySkill.objects.get_or_create(activity=training, skill=top.skill)


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    today = timezone.localdate()
    firms = _firms(programme)
    for engagement, table in firms:
        if SkillsMap.objects.filter(company=engagement.company).exists():
            continue
        first_day = min(engagement.started + timedelta(days=14), today)
        first = _map(engagement, table, on=first_day)
        top = gaps.ranked(first.gap_rows())[0]
        row = first.rows.get(role=top.role, skill=top.skill)
        # A firm the programme may not support keeps its map without a plan item.
        with contextlib.suppress(ValidationError):
            services.gap_to_plan(row=row, by=first.taken_by)
        if engagement.stage in ("follow_up", "closed"):
            _map(
                engagement,
                table,
                previous_rows=_follow_up_levels(table),
                on=max(today - timedelta(days=30), first_day),
                follow_up=True,
            )
    _activity_skills(programme, firms)
