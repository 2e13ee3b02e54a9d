"""The shell shared by the `dipps` contract commands: one subcommand that reads a JSON file
(or standard input), runs a pure computation and writes the result JSON to stdout.

Exit 0 on success; 2 with one line on stderr naming the bad field (or the unreadable
file); 3 for a file over the size limit (``DIPPS_UPLOAD_MAX_JSON_MB`` or ``--max-mb N``),
refused unread. A subclass names its subcommand, its help texts, the computation and the
domain's input error.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dipps.core import uploads

EXIT_BAD_INPUT = 2


class ContractCommand(BaseCommand):
    # A pure computation on a file: it needs neither the database nor the URL configuration.
    requires_system_checks: list[str] = []
    action: str
    action_help: str
    input_error: type[Exception]

    def compute(self, text: str) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        action = actions.add_parser(self.action, help=self.action_help)
        action.add_argument("file", help=_("JSON input file, or - for standard input."))
        uploads.add_limit_arguments(action)

    def handle(self, *args: object, **options: object) -> None:
        path = str(options["file"])
        limits = uploads.limits_from_options(uploads.JSON, options)
        try:
            output = self.compute(uploads.read_text(path, limits))
        except uploads.OverLimit as error:
            self._fail(f"{path}: {uploads.cli_message(error)}", uploads.EXIT_OVER_LIMIT)
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self._fail(f"{path}: cannot read the file: {reason}", EXIT_BAD_INPUT)
        except self.input_error as error:
            self._fail(f"{path}: {error}", EXIT_BAD_INPUT)
        else:
            self.stdout.write(output)

    def _fail(self, message: str, status: int) -> None:
        self.stderr.write(message)
        sys.exit(status)
