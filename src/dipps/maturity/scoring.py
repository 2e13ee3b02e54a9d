"""Scoring of maturity answers, answer validation, action suggestions and peer percentiles.

Pure Python, no Django import. The rules (see docs/maturity.md) are exact:
every question contributes a fraction n/d of its maximum, with integer n and d;
dimension and overall scores are sums of those fractions brought to a common
denominator that is computed once per framework. Scores are therefore exact
rationals (``fractions.Fraction``) and the hot path is integer arithmetic; the
few distinct Fractions a framework produces are built once. Round at the edge.

The framework's ``scoring`` field names the rule; rules never depend on the
framework's id:

- ``dma`` (EU JRC Digital Maturity Assessment): question 0–10, dimension
  10 × mean of its questions (0–100), overall = mean of the dimensions.
- ``band_mean`` (SIRI-style scan): a dimension is the mean band (0–5) of its
  questions, overall = the mean band of all questions.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from dipps.maturity.frameworks import (
    GRID_COLUMNS,
    LEVEL_MAX,
    SCORING_RULES,
    TERNARY_VALUES,
    Framework,
    FrameworkError,
    Intervention,
    Question,
    load_framework,
)

#: Peer groups smaller than this are never shown (they could identify a company).
MIN_PEER_GROUP = 5


_MULTI, _GRID, _SCALE, _TERNARY, _BAND = range(5)
_KINDS = {"multi": _MULTI, "grid": _GRID, "scale": _SCALE, "ternary": _TERNARY, "band": _BAND}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an answers document; question is None for document-level ones."""

    question: str | None
    message: str
    #: The question has no answer at all (a draft may save it; submission needs it).
    missing: bool = False

    def __str__(self) -> str:
        return f"{self.question}: {self.message}" if self.question else self.message


class InvalidAnswers(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


# Not frozen: a frozen dataclass's __init__ alone would cost a fifth of the scoring time.
@dataclass(slots=True)
class Result:
    """Exact scores of one answer set; round only for display."""

    framework: str
    version: int
    dimensions: dict[str, Fraction]
    overall: Fraction
    band: str


@dataclass(frozen=True, slots=True)
class _Plan:
    """A framework compiled for scoring: integer weights over common denominators."""

    # (dimension id, ((question id, kind, negatives, weight), ...), denominator, overall factor)
    dimensions: tuple[tuple[str, tuple[tuple[str, int, frozenset[int], int], ...], int, int], ...]
    overall_denominator: int
    # (band id, bound numerator, bound denominator); the last band has no bound.
    bands: tuple[tuple[str, int, int], ...]
    last_band: str
    # Scores take few distinct values, so their Fractions are built once and shared
    # (Fractions are immutable); building one costs more than scoring a question.
    memos: tuple[dict[int, Fraction], ...]


_MEMO_LIMIT = 1 << 16


def _fraction(memo: dict[int, Fraction], numerator: int, denominator: int) -> Fraction:
    value = memo.get(numerator)
    if value is None:
        value = Fraction(numerator, denominator)
        if len(memo) < _MEMO_LIMIT:
            memo[numerator] = value
    return value


def _question_denominator(question: Question) -> int:
    """d such that the question's score is n/d of its maximum for an integer n."""
    if question.type == "multi":
        return sum(1 for option in question.options if not option.negative)
    if question.type in ("grid", "ternary"):
        return 2 * len(question.rows)  # halves: planned and partial count 1/2
    if question.type == "scale":
        return LEVEL_MAX * len(question.rows)
    return LEVEL_MAX  # band


@lru_cache(maxsize=64)
def _plan(framework: Framework) -> _Plan:
    rule = SCORING_RULES[framework.scoring]
    top = rule.score_max
    # Per dimension: its questions' common denominator L, and the dimension's denominator.
    lcms = [
        math.lcm(*(_question_denominator(q) for q in d.questions)) for d in framework.dimensions
    ]
    dim_dens = [len(d.questions) * lcm for d, lcm in zip(framework.dimensions, lcms, strict=True)]
    if rule.overall_from == "dimensions":
        common = math.lcm(*dim_dens)
        factors = [common // den for den in dim_dens]
        overall_den = len(dim_dens) * common
    else:  # the mean of all questions: each dimension's sum rescaled to one denominator
        common = math.lcm(*lcms)
        factors = [common // lcm for lcm in lcms]
        overall_den = len(framework.questions) * common
    dimensions = []
    for d, lcm, den, factor in zip(framework.dimensions, lcms, dim_dens, factors, strict=True):
        questions = tuple(
            (
                q.id,
                _KINDS[q.type],
                frozenset(i for i, option in enumerate(q.options) if option.negative),
                top * lcm // _question_denominator(q),
            )
            for q in d.questions
        )
        dimensions.append((d.id, questions, den, factor))
    bands = tuple(
        (b.id, b.max.numerator, b.max.denominator) for b in framework.bands if b.max is not None
    )
    # One memo per dimension, and the last one for the overall score.
    memos: tuple[dict, ...] = tuple({} for _ in range(len(dimensions) + 1))
    return _Plan(tuple(dimensions), overall_den, bands, framework.bands[-1].id, memos)


def score(framework: Framework, answers: Mapping[str, Any], *, validated: bool = False) -> Result:
    """Score a mapping of question id to answer; InvalidAnswers lists every problem.

    Pass validated=True only for answers that already passed answer_problems (for
    example, stored assessments being rescored); it skips the checks.
    """
    if not validated:
        problems = answer_problems(framework, answers)
        if problems:
            raise InvalidAnswers(problems)
    plan = _plan(framework)
    memos = plan.memos
    dimensions = {}
    overall = 0
    for index, (dimension_id, questions, dimension_den, factor) in enumerate(plan.dimensions):
        num = 0
        for qid, kind, negatives, weight in questions:
            answer = answers[qid]
            if kind == _MULTI:
                # Validated answers are distinct and in range, so all ticks are positive
                # unless one is negative, which zeroes the question.
                if not negatives or negatives.isdisjoint(answer):
                    num += len(answer) * weight
            elif kind == _GRID:
                already = answer.get("already", ())
                planned = answer.get("planned")
                n = 2 * len(already)
                if planned:
                    n += len(set(planned).difference(already))
                num += n * weight
            elif kind == _TERNARY:
                num += (2 * answer.count("yes") + answer.count("partial")) * weight
            else:  # scale rows and band values are levels 0..5
                num += (sum(answer) if kind == _SCALE else answer) * weight
        value = memos[index].get(num)
        if value is None:
            value = _fraction(memos[index], num, dimension_den)
        dimensions[dimension_id] = value
        overall += num * factor
    den = plan.overall_denominator
    band = plan.last_band
    for band_id, bound_num, bound_den in plan.bands:
        if overall * bound_den <= bound_num * den:
            band = band_id
            break
    return Result(
        framework.id, framework.version, dimensions, _fraction(memos[-1], overall, den), band
    )


def band_of(framework: Framework, value: Fraction | float) -> str:
    """The band an overall score falls in (upper bounds inclusive)."""
    for band in framework.bands:
        if band.max is None or value <= band.max:
            return band.id
    raise AssertionError("the last band has no upper bound")


_INT_TYPE = {int}
_STR_TYPE = {str}
_TERNARY_WORDS = set(TERNARY_VALUES)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index_list_problems(
    qid: str, value: Any, size: int, noun: str, where: str = ""
) -> list[Problem]:
    if (
        type(value) is list
        and set(map(type, value)) <= _INT_TYPE
        and len(set(value)) == len(value)
        and (not value or (min(value) >= 0 and max(value) < size))
    ):
        return []  # the common case, checked in C; the loop below explains failures
    if not isinstance(value, list):
        return [Problem(qid, f"{where}expected a list of {noun} indices, got {_kind(value)}")]
    problems = []
    seen: set[int] = set()
    for item in value:
        if not _is_int(item):
            problems.append(Problem(qid, f"{where}{noun} index {item!r} is not a whole number"))
        elif not 0 <= item < size:
            problems.append(
                Problem(qid, f"{where}{noun} index {item} is out of range (0 to {size - 1})")
            )
        elif item in seen:
            problems.append(Problem(qid, f"{where}{noun} index {item} is listed twice"))
        else:
            seen.add(item)
    return problems


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")


def _question_problems(question: Question, answer: Any) -> list[Problem]:
    qid, qtype, size = question.id, question.type, question.size
    if qtype == "multi":
        return _index_list_problems(qid, answer, size, "option")
    if qtype == "grid":
        if not isinstance(answer, dict):
            return [
                Problem(
                    qid, f'expected {{"already": [...], "planned": [...]}}, got {_kind(answer)}'
                )
            ]
        problems = [
            Problem(qid, f"unknown key {key!r} (expected 'already' and 'planned')")
            for key in answer
            if key not in GRID_COLUMNS
        ]
        for key in GRID_COLUMNS:
            if key in answer:
                problems += _index_list_problems(qid, answer[key], size, "row", f"'{key}': ")
        return problems
    if qtype == "band":
        if not _is_int(answer):
            return [Problem(qid, f"expected a whole number 0 to {LEVEL_MAX}, got {_kind(answer)}")]
        if not 0 <= answer <= LEVEL_MAX:
            return [Problem(qid, f"value {answer} is outside 0 to {LEVEL_MAX}")]
        return []
    # scale and ternary: one value per row
    if type(answer) is list and len(answer) == size:
        if qtype == "scale":
            if set(map(type, answer)) <= _INT_TYPE and min(answer) >= 0 and max(answer) <= 5:
                return []
        elif set(map(type, answer)) <= _STR_TYPE and set(answer) <= _TERNARY_WORDS:
            return []
    if not isinstance(answer, list):
        return [Problem(qid, f"expected a list of {size} values, got {_kind(answer)}")]
    problems = []
    if len(answer) != size:
        problems.append(Problem(qid, f"expected {size} values (one per row), got {len(answer)}"))
    for row, item in enumerate(answer):
        if qtype == "scale":
            if not _is_int(item):
                problems.append(Problem(qid, f"row {row}: {item!r} is not a whole number"))
            elif not 0 <= item <= LEVEL_MAX:
                problems.append(Problem(qid, f"row {row}: value {item} is outside 0 to 5"))
        elif item not in TERNARY_VALUES or not isinstance(item, str):
            problems.append(Problem(qid, f"row {row}: {item!r} is not one of yes, partial, no"))
    return problems


@lru_cache(maxsize=64)
def _checks(framework: Framework) -> tuple[tuple[str, Question, int, int], ...]:
    return tuple((q.id, q, _KINDS[q.type], q.size) for q in framework.questions.values())


_MISSING = object()


def answer_problems(framework: Framework, answers: Any) -> list[Problem]:
    """Problems with a mapping of question id to answer, in the framework's question order."""
    if type(answers) is not dict and not isinstance(answers, Mapping):
        return [Problem(None, f"answers: expected an object, got {_kind(answers)}")]
    problems: list[Problem] = []
    for qid, question, kind, size in _checks(framework):
        answer = answers.get(qid, _MISSING)
        if answer is _MISSING:
            problems.append(
                Problem(qid, "missing answer (every question must be answered)", missing=True)
            )
        elif (
            kind == _MULTI  # the most common question, so its happy path is inlined
            and type(answer) is list
            and set(map(type, answer)) <= _INT_TYPE
            and len(set(answer)) == len(answer)
            and (not answer or (min(answer) >= 0 and max(answer) < size))
        ):
            continue
        else:
            problems += _question_problems(question, answer)
    if len(answers) == len(framework.questions) and not problems:
        return problems  # every key was found above, so none is unknown
    problems += [
        Problem(str(key), f"unknown question (not in {framework.id} v{framework.version})")
        for key in answers
        if key not in framework.questions
    ]
    return problems


def unanswered(framework: Framework, answers: Mapping[str, Any]) -> list[str]:
    """Ids of the questions still without an answer: what keeps a draft from submission.

    The form asks this instead of judging completeness itself, so "complete"
    has one meaning: the one ``answer_problems`` checks at submission.
    """
    return [p.question for p in answer_problems(framework, answers) if p.missing and p.question]


def validate_answers(framework: Framework, payload: Any) -> list[Problem]:
    """Problems with an answers document {"framework", "version", "answers"}; [] when valid."""
    if not isinstance(payload, Mapping):
        return [
            Problem(
                None,
                f"expected an object with framework, version and answers, got {_kind(payload)}",
            )
        ]
    problems = []
    if payload.get("framework") != framework.id:
        problems.append(
            Problem(None, f"framework: expected {framework.id!r}, got {payload.get('framework')!r}")
        )
    version = payload.get("version")
    if not _is_int(version) or version != framework.version:
        problems.append(Problem(None, f"version: expected {framework.version}, got {version!r}"))
    if "answers" not in payload:
        return [*problems, Problem(None, "answers: missing")]
    return problems + answer_problems(framework, payload["answers"])


def score_document(payload: Any) -> Result:
    """Load the framework an answers document names, validate it and score it."""
    if not isinstance(payload, Mapping):
        raise InvalidAnswers(
            [
                Problem(
                    None,
                    f"expected an object with framework, version and answers, got {_kind(payload)}",
                )
            ]
        )
    framework_id, version = payload.get("framework"), payload.get("version")
    if not isinstance(framework_id, str) or not _is_int(version):
        raise InvalidAnswers(
            [
                Problem(
                    None,
                    "framework and version: expected a framework id and a whole number, "
                    f"got {framework_id!r} and {version!r}",
                )
            ]
        )
    try:
        framework = load_framework(framework_id, version)
    except FrameworkError as error:
        raise InvalidAnswers([Problem(None, p) for p in error.problems]) from None
    problems = validate_answers(framework, payload)
    if problems:
        raise InvalidAnswers(problems)
    return score(framework, payload["answers"], validated=True)


@dataclass(frozen=True, slots=True)
class Suggestion:
    intervention: Intervention
    #: The weakest of the intervention's dimensions in this framework.
    dimension: str
    #: Distance to the top of the scale, in percent of the scale (0..100).
    gap: Fraction
    #: gap × expected effect; suggestions are ranked by it.
    priority: Fraction


def suggest(
    framework: Framework,
    dimension_scores: Mapping[str, Fraction | float | int],
    catalogue: Iterable[Intervention],
    limit: int = 5,
) -> list[Suggestion]:
    """Interventions for the weakest dimensions, ranked by gap × expected effect.

    The gap is measured in percent of the framework's scale, so DMA (0–100) and
    band (0–5) frameworks rank alike. An intervention linked to several
    dimensions counts for its weakest one. Ties go to the smaller effort, then the id.
    """
    top = Fraction(framework.score_max)
    gaps = {
        dim: (top - Fraction(value)) * 100 / top
        for dim, value in dimension_scores.items()
        if dim in {d.id for d in framework.dimensions}
    }
    suggestions = []
    for intervention in catalogue:
        linked = [(gaps[d], d) for d in intervention.dimensions if d in gaps]
        if not linked:
            continue
        gap, dimension = max(linked, key=lambda pair: pair[0])
        if gap > 0:
            priority = gap * intervention.expected_effect
            suggestions.append(Suggestion(intervention, dimension, gap, priority))
    suggestions.sort(key=lambda s: (-s.priority, s.intervention.effort_hours, s.intervention.id))
    return suggestions[:limit]


def percentile(value: Fraction | float, peers: Sequence[Fraction | float]) -> Fraction:
    """Percentile rank of value among peers, 0..100.

    The share of peers strictly below the value plus half the share of peers equal
    to it, times 100 (the "mean rank" definition, so a tie with everybody is 50).
    The peers should not include the company itself.
    """
    if not peers:
        raise ValueError("percentile needs at least one peer")
    below = sum(1 for peer in peers if peer < value)
    equal = sum(1 for peer in peers if peer == value)
    return Fraction(2 * below + equal, 2 * len(peers)) * 100


def percentile_sorted(
    value: Fraction | float, sorted_peers: Sequence[Fraction | float]
) -> Fraction:
    """percentile() for peers already sorted ascending, in O(log n)."""
    if not sorted_peers:
        raise ValueError("percentile needs at least one peer")
    below = bisect.bisect_left(sorted_peers, value)
    equal = bisect.bisect_right(sorted_peers, value) - below
    return Fraction(2 * below + equal, 2 * len(sorted_peers)) * 100


def peer_percentile(value: Fraction | float, peers: Sequence[Fraction | float]) -> Fraction | None:
    """percentile(), or None when the peer group is too small to show (< MIN_PEER_GROUP)."""
    return percentile(value, peers) if len(peers) >= MIN_PEER_GROUP else None
