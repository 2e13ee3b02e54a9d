"""`dipps sme classify FILE`: SME status year by year from a JSON file (docs/reference-data.md).

A thin shell over ``dipps.companies.sme_json``: the result JSON on stdout (exit 0), or one
line on stderr naming the bad field (exit 2). A file over the size limit
(``DIPPS_UPLOAD_MAX_JSON_MB``, or ``--max-mb N``) is refused unread (exit 3).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dipps.companies import sme, sme_json
from dipps.core import uploads

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    # A pure computation on a file: it needs neither the database nor the URL configuration.
    requires_system_checks: list[str] = []
    help = _("SME size class and status by Recommendation 2003/361, from a JSON file.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        classify = actions.add_parser(
            "classify",
            help=_("Aggregated figures, computed class and status after the two-year rule."),
        )
        classify.add_argument("file", help=_("JSON input file, or - for standard input."))
        uploads.add_limit_arguments(classify)

    def handle(self, *args: object, **options: object) -> None:
        path = str(options["file"])
        limits = uploads.limits_from_options(uploads.JSON, options)
        try:
            output = sme_json.classify_json(uploads.read_text(path, limits))
        except uploads.OverLimit as error:
            self.stderr.write(f"{path}: {uploads.cli_message(error)}")
            sys.exit(uploads.EXIT_OVER_LIMIT)
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.stderr.write(f"{path}: cannot read the file: {reason}")
            sys.exit(EXIT_BAD_INPUT)
        except sme.SmeInputError as error:
            self.stderr.write(f"{path}: {error}")
            sys.exit(EXIT_BAD_INPUT)
        self.stdout.write(output)
