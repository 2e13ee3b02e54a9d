"""`dipps maturity score FILE`: score an answers document and print the result as JSON.

Exit status 0 on success; 3 when the file is over the size limit
(``DIPPS_UPLOAD_MAX_JSON_MB``, or ``--max-mb N``); 2 when the file cannot be read, is not
JSON, names an unknown framework or holds invalid answers — with every problem on stderr, one
line each, naming the question. Never a traceback. The logic lives in
``score_answers_file`` so it can be tested without a Django project.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser

from dipps.core import uploads
from dipps.maturity import figures
from dipps.maturity.scoring import InvalidAnswers, Result, score_document

EXIT_INVALID = 2


def _(message: str) -> str:
    """gettext when a Django project is configured; the message as-is otherwise."""
    from django.conf import settings

    if settings.configured:
        from django.utils.translation import gettext

        return gettext(message)
    return message


@dataclass
class Outcome:
    status: int
    output: str = ""
    errors: list[str] = field(default_factory=list)


def rounded(value: Fraction, places: int = 2) -> float:
    """An exact score by the one rounding rule (figures.rounded), as a JSON number."""
    return float(figures.rounded(value, places))


def result_as_json(result: Result) -> dict[str, Any]:
    return {
        "framework": result.framework,
        "version": result.version,
        "dimensions": {key: rounded(value) for key, value in result.dimensions.items()},
        "overall": rounded(result.overall),
        "band": result.band,
    }


def score_answers_file(
    path: str, stdin: TextIO | None = None, limits: uploads.Limits | None = None
) -> Outcome:
    """Score the answers document at path ('-' reads stdin), refused over the size limit."""
    try:
        text = uploads.read_text(path, limits or uploads.limits_for(uploads.JSON), stdin)
    except uploads.OverLimit as error:
        return Outcome(uploads.EXIT_OVER_LIMIT, errors=[uploads.cli_message(error)])
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Outcome(
            EXIT_INVALID,
            errors=[_("cannot read %(path)s: %(reason)s") % {"path": path, "reason": reason}],
        )
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        return Outcome(
            EXIT_INVALID,
            errors=[
                _("%(path)s is not valid JSON: %(reason)s at line %(line)d, column %(column)d")
                % {"path": path, "reason": error.msg, "line": error.lineno, "column": error.colno}
            ],
        )
    try:
        result = score_document(payload)
    except InvalidAnswers as error:
        return Outcome(EXIT_INVALID, errors=[str(problem) for problem in error.problems])
    return Outcome(0, output=json.dumps(result_as_json(result), ensure_ascii=False))


class Command(BaseCommand):
    help = "Maturity assessments: score an answers file."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        score = actions.add_parser(
            "score",
            help="Print the dimension scores, overall score and band of an answers file as "
            "JSON (exit status 2 when the answers are invalid).",
        )
        score.add_argument("file", help="answers JSON file, or - for standard input")
        uploads.add_limit_arguments(score)

    def handle(self, *args: Any, **options: Any) -> None:
        limits = uploads.limits_from_options(uploads.JSON, options)
        outcome = score_answers_file(options["file"], sys.stdin, limits)
        for line in outcome.errors:
            self.stderr.write(line)
        if outcome.output:
            self.stdout.write(outcome.output)
        if outcome.status:
            sys.exit(outcome.status)
