"""The skills catalogue, the roles and the five levels of a skills map (docs/competence.md).

Pure Python, no Django import. The shipped skills are data (`data/skills.csv`), read and
checked here; a programme may add skills of its own (`models.ProgrammeSkill`), which are
merged with these by the selectors. Roles and levels are fixed lists: a skills map compares
firms and years, so their meaning must not drift.

The level scale 0-4 is the programme's own, written for small manufacturers: it follows
the usual progression from "not at all" through "with help" and "on one's own" to
"teaching others" and "developing the practice" that competence surveys in industry use.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEVEL_MIN = 0
LEVEL_MAX = 4
CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
COLUMNS = ("code", "name_sv", "name_en", "description_sv", "description_en")


@dataclass(frozen=True, slots=True)
class Level:
    value: int
    name: dict[str, str]
    description: dict[str, str]


LEVELS: tuple[Level, ...] = (
    Level(
        0,
        {"sv": "Saknas", "en": "None"},
        {
            "sv": "Ingen kunskap eller erfarenhet inom området.",
            "en": "No knowledge of or experience in the area.",
        },
    ),
    Level(
        1,
        {"sv": "Grundläggande", "en": "Basic"},
        {
            "sv": "Känner till området och klarar enkla uppgifter med stöd.",
            "en": "Knows the area and manages simple tasks with support.",
        },
    ),
    Level(
        2,
        {"sv": "Självständig", "en": "Independent"},
        {
            "sv": "Utför vanliga uppgifter på egen hand.",
            "en": "Carries out the usual tasks on one's own.",
        },
    ),
    Level(
        3,
        {"sv": "Erfaren", "en": "Experienced"},
        {
            "sv": "Löser ovanliga problem och lär upp andra.",
            "en": "Solves unusual problems and trains others.",
        },
    ),
    Level(
        4,
        {"sv": "Expert", "en": "Expert"},
        {
            "sv": "Utvecklar arbetssätt och tekniker inom området, även för andra företag.",
            "en": "Develops the methods and techniques of the area, also for other firms.",
        },
    ),
)


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    name: dict[str, str]


ROLES: tuple[Role, ...] = (
    Role("operator", {"sv": "Operatör", "en": "Operator"}),
    Role("production_engineer", {"sv": "Produktionstekniker", "en": "Production engineer"}),
    Role("maintenance", {"sv": "Underhållstekniker", "en": "Maintenance technician"}),
    Role("programmer", {"sv": "Programmerare", "en": "Programmer"}),
    Role("planner", {"sv": "Produktionsplanerare", "en": "Planner"}),
    Role("quality", {"sv": "Kvalitetsansvarig", "en": "Quality lead"}),
    Role("designer", {"sv": "Konstruktör", "en": "Designer"}),
    Role("sales_admin", {"sv": "Försäljning och administration", "en": "Sales and administration"}),
    Role("management", {"sv": "Ledning", "en": "Management"}),
)
ROLE_CODES = tuple(r.code for r in ROLES)


@dataclass(frozen=True, slots=True)
class Skill:
    code: str
    name: dict[str, str]
    description: dict[str, str]


class CatalogueError(ValueError):
    """The catalogue file is wrong; `problems` names each line and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def read_catalogue(text: str) -> tuple[Skill, ...]:
    """The skills of a catalogue file: `#` lines are comments, then a header and one skill a
    line. Every problem is reported together, each with its line number."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    lines = [(n, line) for n, line in lines if line.strip()]
    if not lines:
        raise CatalogueError(["the file has no header line"])
    numbers = [n for n, _line in lines]
    reader = csv.DictReader(io.StringIO("\n".join(line for _n, line in lines)))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogueError([f"line {numbers[0]}: missing column(s) {', '.join(missing)}"])
    problems: list[str] = []
    skills: list[Skill] = []
    seen: set[str] = set()
    for number, row in zip(numbers[1:], reader, strict=False):
        code = (row.get("code") or "").strip()
        if not CODE.match(code):
            problems.append(f"line {number}: code {code!r} is not a lower-case identifier")
        elif code in seen:
            problems.append(f"line {number}: code {code!r} is given twice")
        seen.add(code)
        for column in COLUMNS[1:]:
            if not (row.get(column) or "").strip():
                problems.append(f"line {number}: {column} is empty")
        skills.append(
            Skill(
                code,
                {
                    "sv": (row.get("name_sv") or "").strip(),
                    "en": (row.get("name_en") or "").strip(),
                },
                {
                    "sv": (row.get("description_sv") or "").strip(),
                    "en": (row.get("description_en") or "").strip(),
                },
            )
        )
    if problems:
        raise CatalogueError(problems)
    return tuple(skills)


@lru_cache(maxsize=1)
def shipped_skills() -> tuple[Skill, ...]:
    """The catalogue shipped with the package (`data/skills.csv`)."""
    text = resources.files(__package__).joinpath("data", "skills.csv").read_text("utf-8")
    return read_catalogue(text)


def text(labels: dict[str, str], language: str | None) -> str:
    """A label in `language` (its first two letters), Swedish when there is none."""
    return labels.get((language or "sv")[:2]) or labels["sv"]
