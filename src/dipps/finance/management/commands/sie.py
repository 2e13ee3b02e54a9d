"""`dipps sie inspect FILE [FILE ...] [--max-mb N]`: what an SIE file holds, one JSON object
per line.

Every file is processed; a file that cannot be read as SIE is reported on stderr as
`FILE:LINE: message` (or `FILE: message` when no line applies) and, after all files, the
command exits with status 2; a file over the size limit (``DIPPS_UPLOAD_MAX_SIE_MB``, or
`--max-mb`) is reported the same way without being read, and the status is then 3.
See docs/sie.md for the output keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dipps.core import uploads
from dipps.finance.sie import SieError, inspect_summary, parse_bytes

EXIT_UNREADABLE = 2


def inspect_files(
    paths: Iterable[str], out: TextIO, err: TextIO, limits: uploads.Limits | None = None
) -> int:
    """Print one JSON line per readable file; return 0, 2 if any file could not be read, or
    3 if any was over the size limit."""
    limits = limits or uploads.limits_for(uploads.SIE)
    status = 0
    for path in paths:
        try:
            sie = parse_bytes(uploads.read_path(path, limits), filename=str(path))
        except uploads.OverLimit as e:
            err.write(f"{path}: {uploads.cli_message(e)}\n")
            status = max(status, uploads.EXIT_OVER_LIMIT)
            continue
        except SieError as e:
            err.write(f"{path}:{e.line}: {e.message}\n" if e.line else f"{path}: {e.message}\n")
            status = max(status, EXIT_UNREADABLE)
            continue
        except OSError as e:
            err.write(f"{path}: {_('cannot read the file')}: {e.strerror or e}\n")
            status = max(status, EXIT_UNREADABLE)
            continue
        out.write(json.dumps(inspect_summary(sie), ensure_ascii=False) + "\n")
    return status


class Command(BaseCommand):
    help = _("Read SIE accounting files and report what they hold.")
    # Reading files needs neither the database nor the URLconf: run even on a half-set-up site.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        inspect = actions.add_parser(
            "inspect", help=_("Print one JSON object per file (see docs/sie.md).")
        )
        inspect.add_argument("files", nargs="+", metavar="FILE")
        uploads.add_limit_arguments(inspect)

    def handle(self, *args: object, **options: object) -> None:
        files = options["files"]
        assert isinstance(files, list)
        limits = uploads.limits_from_options(uploads.SIE, options)
        status = inspect_files(files, self.stdout, self.stderr, limits)
        if status:
            raise SystemExit(status)
