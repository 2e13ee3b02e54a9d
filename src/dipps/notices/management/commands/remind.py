"""`dipps remind [--date YYYY-MM-DD] [--dry-run]`: the daily reminder mails (notices.services).

Prints one JSON object (keys in docs/operations.md, "Reminders"). Exit 0 when every mail due
went out (or nothing was due); 1 when a mail could not be sent (the others were; its items
are tried again on the next run); 2 for a bad argument.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.notices.services import remind

EXIT_NOT_SENT = 1
EXIT_BAD_ARGUMENT = 2


class Command(BaseCommand):
    help = _(
        "Send the daily reminder mails: follow-up assessments due to coaches, reporting "
        "periods ending to finance officers, de minimis cases awaiting a decision to "
        "programme managers. Each item is mailed once; running twice sends nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help=_("Remind as on this day (default: today).")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Show who would get a mail, send nothing and record nothing."),
        )
        parser.add_argument(
            "--claim-days",
            type=int,
            metavar="N",
            help=_("Days before a reporting period ends to remind of it (default: the setting)."),
        )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    _("--date: expected a date as YYYY-MM-DD, got “%(value)s”.")
                    % {"value": options["date"]},
                    returncode=EXIT_BAD_ARGUMENT,
                ) from None
        days = options["claim_days"]
        if days is not None and days < 0:
            raise CommandError(
                _("--claim-days must be 0 or more, got %(value)s.") % {"value": days},
                returncode=EXIT_BAD_ARGUMENT,
            )
        report = remind(today=today, dry_run=options["dry_run"], claim_days=days)
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        if report.failed:
            for user, reason in sorted(report.failed.items()):
                self.stderr.write(f"{user}: {reason}")
            sys.exit(EXIT_NOT_SENT)
