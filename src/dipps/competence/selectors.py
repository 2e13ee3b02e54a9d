"""Reads of the competence app, scoped to the asking user (docs/competence.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from dipps.accounts.models import Role
from dipps.accounts.roles import FIRM_READERS, READERS, WRITERS, has_role_in
from dipps.companies.models import Company
from dipps.companies.selectors import company_for, roles_for_company
from dipps.engagements.models import Activity, Attendee
from dipps.programmes.selectors import programmes_visible_to

from . import gaps
from .catalogue import SkillLabel, catalogue_for, role_name, skill_name
from .models import ActivitySkill, MapRow, SkillsMap

# A firm's competence page: its staff and representative, and observers (roles, levels and
# counts are not personal data; the names of the people trained are, and observers do not
# see them). A sole trader is one person: observers are refused that firm's page.
COMPETENCE_READERS = (*FIRM_READERS, Role.OBSERVER)


def competence_company(user, pk: int, roles=COMPETENCE_READERS) -> tuple[Company, set[str]]:
    company = company_for(user, pk, roles)
    held = roles_for_company(user, company)
    if company.is_sole_trader and not held & set(FIRM_READERS):
        raise PermissionDenied
    return company, held


def map_get(user, pk: int, roles=WRITERS) -> SkillsMap:
    """A map, for a user with one of `roles` for its firm and in the map's own programme (a
    coach of one programme does not edit another programme's map of the same firm)."""
    skills_map = get_object_or_404(SkillsMap.objects.select_related("company", "programme"), pk=pk)
    competence_company(user, skills_map.company_id, roles)
    if not has_role_in(user, skills_map.programme_id, roles):
        raise PermissionDenied
    return skills_map


def row_get(user, pk: int, roles=WRITERS) -> MapRow:
    row = get_object_or_404(MapRow.objects.select_related("map__programme"), pk=pk)
    map_get(user, row.map_id, roles)
    return row


def activity_get(user, pk: int, roles=WRITERS) -> Activity:
    """An activity of a programme where the user holds one of `roles`."""
    programmes = programmes_visible_to(user, roles)
    return get_object_or_404(Activity.objects.filter(programme__in=programmes), pk=pk)


@dataclass
class GapView:
    row: MapRow
    gap: int
    priority: int
    role: str
    skill: str


@dataclass
class ChangeView:
    skill: str
    change: gaps.SkillChange


@dataclass
class Trained:
    skill: str
    count: int
    names: list[str] = field(default_factory=list)


@dataclass
class CompanyPage:
    company: Company
    can_write: bool
    sees_names: bool
    maps: list[SkillsMap]
    latest: SkillsMap | None
    ranked: list[GapView]
    changes: list[ChangeView]
    trained: list[Trained]


def ranked_view(skills_map: SkillsMap, labels: dict[str, SkillLabel]) -> list[GapView]:
    rows = {(r.role, r.skill): r for r in skills_map.rows.select_related("action_item")}
    return [
        GapView(
            rows[(g.role, g.skill)],
            g.gap,
            g.priority,
            role_name(g.role),
            skill_name(g.skill, labels),
        )
        for g in gaps.ranked(r.as_gap_row() for r in rows.values())
    ]


def trained_in_company(company: Company, labels, with_names: bool) -> list[Trained]:
    """Who of the firm attended activities addressing each skill: one person (by name) once
    per skill however many activities they attended."""
    people: dict[str, set[str]] = defaultdict(set)
    for skill, name in ActivitySkill.objects.filter(
        activity__attendees__company=company
    ).values_list("skill", "activity__attendees__name"):
        people[skill].add(name)
    order = list(labels)
    return [
        Trained(skill_name(code, labels), len(names), sorted(names) if with_names else [])
        for code, names in sorted(
            people.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 999
        )
    ]


def company_page(user, company: Company, held: set[str]) -> CompanyPage:
    found = SkillsMap.objects.filter(company=company)
    if Role.COMPANY not in held:
        # Staff and observers read the maps of their own programmes; the firm's
        # representative reads every map of their own firm.
        found = found.filter(programme__in=programmes_visible_to(user, READERS))
    maps = list(
        found.select_related("programme", "previous", "taken_by").order_by("-taken_on", "-id")
    )
    latest = next((m for m in maps if m.submitted), None)
    labels = catalogue_for(latest.programme if latest else None)
    ranked: list[GapView] = []
    changes: list[ChangeView] = []
    if latest is not None:
        ranked = ranked_view(latest, labels)
        if latest.previous is not None:
            changes = [
                ChangeView(skill_name(c.skill, labels), c)
                for c in gaps.before_after(latest.previous.gap_rows(), latest.gap_rows())
            ]
    return CompanyPage(
        company=company,
        can_write=bool(held & set(WRITERS)),
        sees_names=bool(held & set(FIRM_READERS)),
        maps=maps,
        latest=latest,
        ranked=ranked,
        changes=changes,
        trained=trained_in_company(company, labels, bool(held & set(FIRM_READERS))),
    )


@dataclass
class SkillTrained:
    skill: str
    people: int
    by_gender: dict[str, int]
    by_age: dict[str, int]


@dataclass
class ProgrammePage:
    gaps: list[tuple[str, gaps.SkillTotal]]
    firms_mapped: int
    trained: list[SkillTrained]


def latest_maps(programme) -> list[SkillsMap]:
    """The latest submitted map of each firm in the programme."""
    latest: dict[int, SkillsMap] = {}
    for m in (
        SkillsMap.objects.filter(programme=programme, submitted__isnull=False)
        .prefetch_related("rows")
        .order_by("taken_on", "id")
    ):
        latest[m.company_id] = m
    return list(latest.values())


def trained_by_skill(programme, labels) -> list[SkillTrained]:
    """People of supported firms trained per skill (one person once per skill), by gender
    and age band. Counts only: no name leaves this function."""
    seen: dict[str, dict[tuple[int, str], tuple[str, str]]] = defaultdict(dict)
    for skill, company_id, name, gender, age in ActivitySkill.objects.filter(
        activity__programme=programme, activity__attendees__company__isnull=False
    ).values_list(
        "skill",
        "activity__attendees__company_id",
        "activity__attendees__name",
        "activity__attendees__gender",
        "activity__attendees__age_band",
    ):
        seen[skill][(company_id, name)] = (gender, age)
    out = []
    for code in [c for c in labels if c in seen] + sorted(set(seen) - set(labels)):
        people = seen[code].values()
        by_gender = {g: 0 for g in [*Attendee.Gender.values, ""]}
        by_age = {a: 0 for a in [*Attendee.AgeBand.values, ""]}
        for gender, age in people:
            by_gender[gender if gender in by_gender else ""] += 1
            by_age[age if age in by_age else ""] += 1
        out.append(SkillTrained(skill_name(code, labels), len(people), by_gender, by_age))
    return out


def programme_page(programme) -> ProgrammePage:
    labels = catalogue_for(programme)
    maps = latest_maps(programme)
    totals = gaps.across_firms([m.gap_rows() for m in maps])
    return ProgrammePage(
        gaps=[(skill_name(t.skill, labels), t) for t in totals],
        firms_mapped=len(maps),
        trained=trained_by_skill(programme, labels),
    )
