"""`dipps scenario stress FILE` and `dipps scenario montecarlo FILE [--draws N] [--seed S]`.

A thin shell over ``dipps.scenarios.jsonio``: JSON result on stdout (exit 0), or every problem
on stderr, one per line (exit 2). Problems come from the pure core in plain English. A file
over the size limit (``DIPPS_UPLOAD_MAX_JSON_MB``, or ``--max-mb N``) is refused unread
(exit 3).
"""

from __future__ import annotations

import sys
from functools import partial

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dipps.core import uploads
from dipps.scenarios import jsonio


class Command(BaseCommand):
    # A pure computation on a file: it needs neither the database nor the URL configuration.
    requires_system_checks: list[str] = []
    help = _("Stress-test a firm's cost structure, or run a Monte Carlo simulation, from JSON.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        stress = actions.add_parser("stress", help=_("EBIT and margin under named shocks."))
        stress.add_argument("file", help=_("JSON input file, or - for standard input."))
        uploads.add_limit_arguments(stress)
        montecarlo = actions.add_parser(
            "montecarlo", help=_("Distribution of EBIT and margin under uncertain prices.")
        )
        montecarlo.add_argument("file", help=_("JSON input file, or - for standard input."))
        montecarlo.add_argument("--draws", type=int, default=100_000)
        montecarlo.add_argument("--seed", type=int, default=0)
        uploads.add_limit_arguments(montecarlo)

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "stress":
            runner = jsonio.run_stress
        else:
            runner = partial(
                jsonio.run_montecarlo, draws=int(options["draws"]), seed=int(options["seed"])
            )
        limits = uploads.limits_from_options(uploads.JSON, options)
        try:
            outcome = jsonio.run_file(
                str(options["file"]), runner, read=lambda path: uploads.read_text(path, limits)
            )
        except uploads.OverLimit as error:
            self.stderr.write(f"{options['file']}: {uploads.cli_message(error)}")
            sys.exit(uploads.EXIT_OVER_LIMIT)
        for warning in outcome.warnings:
            self.stderr.write(_("warning: %(message)s") % {"message": warning})
        if outcome.problems:
            for problem in outcome.problems:
                self.stderr.write(problem)
            sys.exit(outcome.exit_code)
        self.stdout.write(outcome.output or "")
