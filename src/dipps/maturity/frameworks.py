"""Maturity frameworks and the intervention catalogue, loaded from the package's data files.

Pure Python, no Django import. A framework is a versioned JSON file in
``data/frameworks/<id>.v<version>.json``; adding or revising one needs no code
change. The file format is documented in ``docs/maturity.md``. Every file is
checked on load and all problems found are reported together, each naming the
place in the file (``dimensions[2].questions[0].options[3]``), so that whoever
edits a file can fix it in one go.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Any

#: The framework a new assessment, the programme view and the export use unless told.
DEFAULT_FRAMEWORK = "dipps-dma-sme"
#: Question types the scoring core knows how to score.
QUESTION_TYPES = ("multi", "grid", "scale", "ternary", "band")
#: Scale and band questions are rated 0..LEVEL_MAX.
LEVEL_MAX = 5


@dataclass(frozen=True, slots=True)
class ScoringRule:
    #: Top of the dimension and overall scale.
    score_max: int
    #: "dimensions": overall = mean of the dimensions; "questions": mean of all questions.
    overall_from: str


#: Rules a framework can name in its ``scoring`` field (applied by scoring.score).
SCORING_RULES = {
    "dma": ScoringRule(100, "dimensions"),
    "band_mean": ScoringRule(LEVEL_MAX, "questions"),
}
TERNARY_VALUES = ("yes", "partial", "no")
GRID_COLUMNS = ("already", "planned")
LANGUAGES = ("sv", "en")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAMEWORK_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9-]*)\.v(?P<version>[1-9][0-9]*)\.json$")


class FrameworkError(ValueError):
    """A framework or catalogue file is missing or malformed."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


class FrameworkNotFound(FrameworkError):
    """No framework file with the asked id (and version) is shipped."""


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Swedish (the default) and English."""

    sv: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.sv


@dataclass(frozen=True, slots=True)
class Option:
    text: Text
    #: Ticking a negative option ("data is not collected digitally") zeroes the question.
    negative: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: str
    text: Text
    dimension: str
    help: Text | None = None
    options: tuple[Option, ...] = ()
    rows: tuple[Text, ...] = ()
    #: Labels of the levels 0..5 of scale and band questions.
    levels: tuple[Text, ...] = ()

    @property
    def size(self) -> int:
        """Number of options (multi) or rows (grid, scale, ternary); 1 for a band."""
        if self.type == "multi":
            return len(self.options)
        if self.type == "band":
            return 1
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    #: Id of the framework group (a SIRI building block) the dimension belongs to.
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class Band:
    id: str
    title: Text
    #: Inclusive upper bound of the band on the overall score; None for the top band.
    max: Fraction | None


# eq=False keeps identity hashing, so the scoring core can cache per framework cheaply.
@dataclass(frozen=True, slots=True, eq=False)
class Framework:
    id: str
    version: int
    scoring: str
    title: Text
    dimensions: tuple[Dimension, ...]
    bands: tuple[Band, ...]
    description: Text | None = None
    source: str = ""
    groups: tuple[Group, ...] = ()
    questions: dict[str, Question] = field(default_factory=dict)

    @property
    def score_max(self) -> int:
        """Top of the dimension and overall scale: 100 for DMA scoring, 5 for bands."""
        return SCORING_RULES[self.scoring].score_max

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)


@dataclass(frozen=True, slots=True)
class Intervention:
    id: str
    title: Text
    dimensions: tuple[str, ...]
    effort_hours: int
    #: Share of a dimension's gap the intervention typically closes, 0..1 (see docs).
    expected_effect: Fraction
    description: Text


class _Checker:
    """Collects problems while walking a parsed JSON document."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: Any, path: str, required: set[str], optional: set[str]) -> bool:
        if not isinstance(value, dict):
            self.problem(path, "expected an object")
            return False
        for key in sorted(required - value.keys()):
            self.problem(path, f"missing key '{key}'")
        for key in sorted(value.keys() - required - optional, key=str):
            self.problem(path, f"unknown key '{key}'")
        return True

    def text(self, value: Any, path: str) -> Text:
        if not self.obj(value, path, set(LANGUAGES), set()):
            return Text("", "")
        for language in LANGUAGES:
            if not isinstance(value.get(language), str) or not value[language].strip():
                self.problem(f"{path}.{language}", "expected a non-empty string")
        return Text(str(value.get("sv", "")), str(value.get("en", "")))

    def optional_text(self, data: dict[str, Any], key: str, path: str) -> Text | None:
        return self.text(data[key], f"{path}.{key}") if key in data else None

    def items(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            self.problem(path, "expected a non-empty list")
            return []
        return value

    def ident(self, value: Any, path: str, pattern: re.Pattern[str], seen: set[str]) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            self.problem(path, f"expected an id matching {pattern.pattern}, got {value!r}")
            return str(value)
        if value in seen:
            self.problem(path, f"duplicate id '{value}'")
        seen.add(value)
        return value


def _parse_question(c: _Checker, data: Any, path: str, dimension: str, seen: set[str]) -> Question:
    required = {"id", "type", "text"}
    optional = {"help", "options", "rows", "levels"}
    if not c.obj(data, path, required, optional):
        return Question("", "", Text("", ""), dimension)
    qid = c.ident(data.get("id"), f"{path}.id", _QUESTION_ID, seen)
    qtype = data.get("type")
    if not isinstance(qtype, str) or qtype not in QUESTION_TYPES:
        c.problem(f"{path}.type", f"expected one of {', '.join(QUESTION_TYPES)}, got {qtype!r}")
    needs = {
        "multi": "options",
        "grid": "rows",
        "scale": "rows",
        "ternary": "rows",
        "band": "levels",
    }.get(qtype if isinstance(qtype, str) else "")
    for key in ("options", "rows", "levels"):
        allowed = key == needs or (key == "levels" and qtype == "scale")
        if needs and key in data and not allowed:
            c.problem(f"{path}.{key}", f"not used by a '{qtype}' question")
    if needs and needs not in data:
        c.problem(path, f"a '{qtype}' question needs '{needs}'")

    options: list[Option] = []
    raw_options = data["options"] if needs == "options" and "options" in data else None
    for i, item in enumerate(
        [] if raw_options is None else c.items(raw_options, f"{path}.options")
    ):
        opath = f"{path}.options[{i}]"
        if c.obj(item, opath, {"text"}, {"negative"}):
            negative = item.get("negative", False)
            if not isinstance(negative, bool):
                c.problem(f"{opath}.negative", "expected true or false")
            options.append(Option(c.text(item.get("text"), f"{opath}.text"), negative is True))
    if options and all(option.negative for option in options):
        c.problem(f"{path}.options", "needs at least one option that is not negative")
    rows = [
        c.text(item, f"{path}.rows[{i}]")
        for i, item in enumerate(c.items(data["rows"], f"{path}.rows") if "rows" in data else [])
    ]
    levels = []
    if "levels" in data:
        raw_levels = c.items(data["levels"], f"{path}.levels")
        if raw_levels and len(raw_levels) != LEVEL_MAX + 1:
            c.problem(f"{path}.levels", f"expected {LEVEL_MAX + 1} labels for the levels 0 to 5")
        levels = [c.text(item, f"{path}.levels[{i}]") for i, item in enumerate(raw_levels)]
    return Question(
        id=qid,
        type=str(qtype),
        text=c.text(data.get("text"), f"{path}.text"),
        dimension=dimension,
        help=c.optional_text(data, "help", path),
        options=tuple(options),
        rows=tuple(rows),
        levels=tuple(levels),
    )


def _parse_bands(c: _Checker, value: Any, path: str) -> tuple[Band, ...]:
    bands: list[Band] = []
    seen: set[str] = set()
    raw = c.items(value, path)
    for i, item in enumerate(raw):
        bpath = f"{path}[{i}]"
        if not c.obj(item, bpath, {"id", "title", "max"}, set()):
            continue
        upper = item.get("max")
        last = i == len(raw) - 1
        bound: Fraction | None = None
        if last and upper is not None:
            c.problem(f"{bpath}.max", "the last band must have max null (no upper bound)")
        elif not last:
            if isinstance(upper, bool) or not isinstance(upper, int | Decimal):
                c.problem(f"{bpath}.max", f"expected a number, got {upper!r}")
            else:
                bound = Fraction(upper)
                if bands and bands[-1].max is not None and bound <= bands[-1].max:
                    c.problem(f"{bpath}.max", "band bounds must increase")
        bands.append(
            Band(
                c.ident(item.get("id"), f"{bpath}.id", _ID, seen),
                c.text(item.get("title"), f"{bpath}.title"),
                bound,
            )
        )
    return tuple(bands)


def parse_framework(data: Any, source: str = "framework") -> Framework:
    """Build a framework from a parsed JSON document; FrameworkError lists every problem.

    Parse the JSON with ``parse_float=Decimal`` so band bounds stay exact.
    """
    c = _Checker()
    required = {"id", "version", "scoring", "title", "dimensions", "bands"}
    optional = {"description", "source", "groups"}
    if not c.obj(data, "", required, optional):
        raise FrameworkError(source, c.problems)
    framework_id = c.ident(data.get("id"), "id", _FRAMEWORK_ID, set())
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        c.problem("version", f"expected a positive whole number, got {version!r}")
    scoring = data.get("scoring")
    if not isinstance(scoring, str) or scoring not in SCORING_RULES:
        c.problem("scoring", f"expected one of {', '.join(SCORING_RULES)}, got {scoring!r}")
    if "source" in data and not isinstance(data["source"], str):
        c.problem("source", "expected a string")

    group_ids: set[str] = set()
    groups = []
    for i, item in enumerate(c.items(data["groups"], "groups") if "groups" in data else []):
        if c.obj(item, f"groups[{i}]", {"id", "title"}, set()):
            gid = c.ident(item.get("id"), f"groups[{i}].id", _ID, group_ids)
            groups.append(Group(gid, c.text(item.get("title"), f"groups[{i}].title")))

    dimension_ids: set[str] = set()
    question_ids: set[str] = set()
    dimensions = []
    for i, item in enumerate(c.items(data.get("dimensions"), "dimensions")):
        dpath = f"dimensions[{i}]"
        if not c.obj(item, dpath, {"id", "title", "questions"}, {"description", "group"}):
            continue
        did = c.ident(item.get("id"), f"{dpath}.id", _ID, dimension_ids)
        group = item.get("group")
        if group is not None and (not isinstance(group, str) or group not in group_ids):
            c.problem(f"{dpath}.group", f"unknown group {group!r}")
        if groups and group is None:
            c.problem(dpath, "the framework has groups, so every dimension needs one")
        questions = tuple(
            _parse_question(c, q, f"{dpath}.questions[{j}]", did, question_ids)
            for j, q in enumerate(c.items(item.get("questions"), f"{dpath}.questions"))
        )
        dimensions.append(
            Dimension(
                id=did,
                title=c.text(item.get("title"), f"{dpath}.title"),
                questions=questions,
                description=c.optional_text(item, "description", dpath),
                group=group,
            )
        )
    bands = _parse_bands(c, data.get("bands"), "bands")
    if c.problems:
        raise FrameworkError(source, c.problems)
    return Framework(
        id=framework_id,
        version=version,
        scoring=scoring,
        title=c.text(data["title"], "title"),
        dimensions=tuple(dimensions),
        bands=bands,
        description=c.optional_text(data, "description", ""),
        source=data.get("source", ""),
        groups=tuple(groups),
        questions={q.id: q for d in dimensions for q in d.questions},
    )


def _frameworks_dir() -> Any:
    return resources.files("dipps.maturity").joinpath("data", "frameworks")


@lru_cache(maxsize=1)
def available_frameworks() -> tuple[tuple[str, int], ...]:
    """(id, version) of every shipped framework file, sorted."""
    found = []
    for entry in _frameworks_dir().iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append((match["id"], int(match["version"])))
    return tuple(sorted(found))


@lru_cache(maxsize=32)
def load_framework(framework_id: str, version: int | None = None) -> Framework:
    """Load and check a shipped framework; the newest version when version is None."""
    versions = [v for fid, v in available_frameworks() if fid == framework_id]
    name = f"{framework_id}.v{version}.json"
    if not versions or (version is not None and version not in versions):
        known = ", ".join(f"{fid} v{v}" for fid, v in available_frameworks()) or "none"
        wanted = framework_id if version is None else f"{framework_id} version {version}"
        raise FrameworkNotFound(name, [f"no framework {wanted} (available: {known})"])
    version = max(versions) if version is None else version
    name = f"{framework_id}.v{version}.json"
    try:
        data = json.loads(_frameworks_dir().joinpath(name).read_text("utf-8"), parse_float=Decimal)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise FrameworkError(name, [f"not valid JSON: {error}"]) from None
    framework = parse_framework(data, name)
    if (framework.id, framework.version) != (framework_id, version):
        raise FrameworkError(
            name, [f"the file says id {framework.id!r} version {framework.version}"]
        )
    return framework


def parse_interventions(data: Any, source: str = "interventions") -> tuple[Intervention, ...]:
    """Build the intervention catalogue from a parsed JSON document (floats as Decimal)."""
    c = _Checker()
    if not c.obj(data, "", {"interventions"}, {"description"}):
        raise FrameworkError(source, c.problems)
    seen: set[str] = set()
    catalogue = []
    required = {"id", "title", "dimensions", "effort_hours", "expected_effect", "description"}
    for i, item in enumerate(c.items(data.get("interventions"), "interventions")):
        path = f"interventions[{i}]"
        if not c.obj(item, path, required, set()):
            continue
        dims = c.items(item.get("dimensions"), f"{path}.dimensions")
        for j, dim in enumerate(dims):
            if not isinstance(dim, str) or not _ID.match(dim):
                c.problem(f"{path}.dimensions[{j}]", f"expected a dimension id, got {dim!r}")
        hours = item.get("effort_hours")
        if isinstance(hours, bool) or not isinstance(hours, int) or hours <= 0:
            c.problem(f"{path}.effort_hours", f"expected a positive whole number, got {hours!r}")
        effect = item.get("expected_effect")
        if (
            isinstance(effect, bool)
            or not isinstance(effect, int | Decimal)
            or not (0 < effect <= 1)
        ):
            c.problem(f"{path}.expected_effect", f"expected a number in (0, 1], got {effect!r}")
            effect = 0
        catalogue.append(
            Intervention(
                id=c.ident(item.get("id"), f"{path}.id", _ID, seen),
                title=c.text(item.get("title"), f"{path}.title"),
                dimensions=tuple(str(d) for d in dims),
                effort_hours=hours if isinstance(hours, int) else 0,
                expected_effect=Fraction(effect),
                description=c.text(item.get("description"), f"{path}.description"),
            )
        )
    if c.problems:
        raise FrameworkError(source, c.problems)
    return tuple(catalogue)


@lru_cache(maxsize=1)
def load_interventions() -> tuple[Intervention, ...]:
    """The shipped intervention catalogue (data/interventions.json)."""
    path = resources.files("dipps.maturity").joinpath("data", "interventions.json")
    try:
        data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as error:
        raise FrameworkError("interventions.json", [f"cannot read: {error}"]) from None
    return parse_interventions(data, "interventions.json")
