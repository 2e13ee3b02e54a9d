"""The shell shared by the `dipps` contract commands: a subcommand that reads a file (or
standard input), runs a pure computation and writes the result JSON to stdout.

Exit 0 on success; 2 with one line on stderr naming the file and the bad field, line or row
(or why the file cannot be read); 3 for a file over the size limit of its kind
(``DIPPS_UPLOAD_MAX_JSON_MB`` for JSON, or ``--max-mb N``), refused unread.

A command with one subcommand on a JSON file (`claim compute`, `sme classify`,
`deminimis check`) names the subcommand, its help texts, the computation and the domain's
input error. A command with several subcommands, each on its own kind of file with its own
options (`impact value-added`, `impact did`), overrides `actions()` instead and returns one
`Action` per subcommand.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dipps.core import uploads

EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Action:
    """One subcommand: `compute(data, path, options)` returns the JSON text for the file's
    bytes, or raises one of `errors` (exit 2) or `uploads.OverLimit` (exit 3).

    An error with a non-zero `line` attribute is printed `FILE:LINE: message` (as compilers
    and `dipps sie inspect` do); any other as `FILE: error`, so an error whose text names its
    row or field keeps it.
    """

    name: str
    help: str
    compute: Callable[[bytes, str, Mapping[str, Any]], str]
    errors: tuple[type[Exception], ...]
    kind: uploads.Kind = uploads.JSON
    file_help: str = ""
    metavar: str = "file"
    rows: bool = False  # offer --max-rows (tables)
    options: Callable[[CommandParser], None] | None = field(default=None)


class ContractCommand(BaseCommand):
    # A pure computation on a file: it needs neither the database nor the URL configuration.
    requires_system_checks: list[str] = []
    # A one-subcommand command on a JSON file sets these four: `run` takes the file's text
    # and returns the JSON text (`run = staticmethod(module.compute_json)`).
    action: str
    action_help: str
    input_error: type[Exception]
    run: Callable[[str], str]

    def actions(self) -> list[Action]:
        """The subcommands; by default the one JSON subcommand named by `action`."""

        def compute(data: bytes, path: str, options: Mapping[str, Any]) -> str:
            return self.run(data.decode("utf-8"))

        return [
            Action(
                name=self.action,
                help=self.action_help,
                compute=compute,
                errors=(self.input_error,),
                file_help=_("JSON input file, or - for standard input."),
            )
        ]

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="action", required=True)
        for spec in self.actions():
            action = subparsers.add_parser(spec.name, help=spec.help)
            action.add_argument("file", metavar=spec.metavar, help=spec.file_help)
            if spec.options is not None:
                spec.options(action)
            uploads.add_limit_arguments(action, rows=spec.rows)

    def handle(self, *args: object, **options: object) -> None:
        spec = next(a for a in self.actions() if a.name == options["action"])
        path = str(options["file"])
        limits = uploads.limits_from_options(spec.kind, options)
        try:
            output = spec.compute(self._read(path, spec, limits), path, options)
        except uploads.OverLimit as error:
            self._fail(f"{path}: {uploads.cli_message(error)}", uploads.EXIT_OVER_LIMIT)
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self._fail(f"{path}: cannot read the file: {reason}", EXIT_BAD_INPUT)
        except spec.errors as error:
            line = getattr(error, "line", 0)
            if isinstance(line, int) and line:
                self._fail(f"{path}:{line}: {getattr(error, 'message', error)}", EXIT_BAD_INPUT)
            self._fail(f"{path}: {error}", EXIT_BAD_INPUT)
        else:
            self.stdout.write(output)

    @staticmethod
    def _read(path: str, spec: Action, limits: uploads.Limits) -> bytes:
        if spec.kind is uploads.JSON:
            # Standard input as text, bounded in characters, as before (`read_text`).
            return uploads.read_text(path, limits).encode("utf-8")
        return uploads.read_path(path, limits)

    def _fail(self, message: str, status: int) -> None:
        self.stderr.write(message)
        sys.exit(status)
