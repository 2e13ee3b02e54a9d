"""Names of skills, roles and levels in the page's language; a programme's catalogue.

A programme's catalogue is the shipped skills (`data/skills.csv`) followed by the skills the
programme added (`ProgrammeSkill`), in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from .models import ProgrammeSkill
from .skills import LEVELS, ROLES, shipped_skills, text


@dataclass(frozen=True)
class SkillLabel:
    code: str
    label: str
    description: str
    shipped: bool


def catalogue_for(programme) -> dict[str, SkillLabel]:
    language = get_language()
    out = {
        s.code: SkillLabel(s.code, text(s.name, language), text(s.description, language), True)
        for s in shipped_skills()
    }
    if programme is not None:
        for own in ProgrammeSkill.objects.filter(programme=programme).order_by("code"):
            names = {"sv": own.name_sv, "en": own.name_en}
            descriptions = {"sv": own.description_sv, "en": own.description_en}
            out.setdefault(
                own.code,
                SkillLabel(own.code, text(names, language), text(descriptions, language), False),
            )
    return out


def skill_name(code: str, labels: dict[str, SkillLabel]) -> str:
    found = labels.get(code)
    return found.label if found else code


def role_name(code: str) -> str:
    role = next((r for r in ROLES if r.code == code), None)
    return text(role.name, get_language()) if role else code


def role_choices() -> list[tuple[str, str]]:
    language = get_language()
    return [(r.code, text(r.name, language)) for r in ROLES]


def level_choices() -> list[tuple[int, str]]:
    language = get_language()
    return [(lv.value, f"{lv.value} – {text(lv.name, language)}") for lv in LEVELS]


def levels() -> list[tuple[int, str, str]]:
    """(value, name, description) of each level, for the legend next to a map."""
    language = get_language()
    return [(lv.value, text(lv.name, language), text(lv.description, language)) for lv in LEVELS]
