"""Evaluation of a programme: when it is required, and the plan's questions and reports.

The rule. Tillväxtverket, "Handbok för EU-projekt 2021–2027", the section on evaluation
(utvärdering): a project whose total budget is **at least 12 million SEK** must be
evaluated, by an evaluator it procures, and the evaluation's findings are reported with
the final report. The threshold is inclusive: 12,000,000.00 SEK requires an evaluation,
11,999,999.99 SEK does not. The total budget is the whole budget of the project (every
financier's share, not only the fund's); DIPPS's is 22,185,000 SEK.

The plan's texts are typed one item a line; `questions` and `planned_reports` read them
and name the line of anything they cannot read.

Pure Python: no Django import (tests/test_pure_cores.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Tillväxtverket's handbook, "Utvärdering": at least 12 MSEK in total budget.
EVALUATION_THRESHOLD = Decimal("12000000.00")


def evaluation_required(total_budget: Decimal | None) -> bool:
    """Must a project with this total budget (SEK) be evaluated? None (no budget yet): no."""
    if total_budget is None:
        return False
    return Decimal(total_budget) >= EVALUATION_THRESHOLD


def questions(text: str) -> list[str]:
    """The evaluation questions, one a line; blank lines and surrounding spaces dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class PlannedReport:
    period: int  # the reporting period's number
    title: str


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1-based
    text: str  # the line as typed
    reason: str  # "format" | "period"


_PLANNED = re.compile(r"^\s*(\d+)\s*[:.\-–]?\s+(\S.*?)\s*$")


def planned_reports(text: str, periods: set[int]) -> tuple[list[PlannedReport], list[LineProblem]]:
    """Planned reports, one a line as `<period number> <title>` (`2 Midterm report`,
    `2: Midterm report`). A line that does not start with a number and a title, or that
    names a period the programme does not have, is a problem with its line number."""
    found: list[PlannedReport] = []
    problems: list[LineProblem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _PLANNED.match(line)
        if match is None:
            problems.append(LineProblem(number, line.strip(), "format"))
            continue
        period = int(match.group(1))
        if period not in periods:
            problems.append(LineProblem(number, line.strip(), "period"))
            continue
        found.append(PlannedReport(period, match.group(2)))
    return sorted(found, key=lambda p: p.period), problems


PDF = "pdf"
DOCX = "docx"


def document_kind(name: str, head: bytes) -> str | None:
    """`pdf` or `docx` when both the file's name and its first bytes say so, else None.

    A PDF starts with `%PDF-` (ISO 32000-1, 7.5.2); a DOCX is a zip archive (Office Open
    XML, ECMA-376 part 2), which starts with the local-file signature `PK\\x03\\x04`. The
    caller still checks that a DOCX holds `word/document.xml`.
    """
    lower = name.lower()
    if lower.endswith(".pdf") and head.startswith(b"%PDF-"):
        return PDF
    if lower.endswith(".docx") and head.startswith(b"PK\x03\x04"):
        return DOCX
    return None
