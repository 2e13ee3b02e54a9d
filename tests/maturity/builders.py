"""Answer sets and assessments for the maturity tests (database tests only)."""

from __future__ import annotations

from dipps.maturity import services
from dipps.maturity.frameworks import load_framework

DMA = load_framework("dipps-dma-sme", 1)


def answers_at(level: int) -> dict:
    """A complete dipps-dma-sme answer set: every question at `level` of 0..5 (5 = top).

    Multi questions tick the first 2 × level positive options (capped), scales use
    the level, grids mark `level` rows as already done, ternaries yes/no by level.
    """
    answers: dict = {}
    for q in DMA.questions.values():
        if q.type == "multi":
            positive = [i for i, o in enumerate(q.options) if not o.negative]
            answers[q.id] = positive[: round(len(positive) * level / 5)]
        elif q.type == "grid":
            answers[q.id] = {"already": list(range(round(len(q.rows) * level / 5))), "planned": []}
        elif q.type == "scale":
            answers[q.id] = [level] * len(q.rows)
        elif q.type == "ternary":
            answers[q.id] = ["yes" if level >= 3 else "no"] * len(q.rows)
    return answers


def submitted(company, programme, stage="t0", level=2, by=None, version=None):
    assessment = services.assessment_start(
        company=company, programme=programme, stage=stage, version=version, by=by
    )
    return services.assessment_submit(assessment=assessment, answers=answers_at(level), by=by)
