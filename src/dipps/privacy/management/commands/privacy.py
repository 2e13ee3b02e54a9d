"""`dipps privacy retention [--years N] [--programme CODE] [--on YYYY-MM-DD]`: the contacts
and sole traders of firms with no activity for N years, as one JSON object for review
(keys in docs/privacy.md). Nothing is changed. Bad arguments exit with a message, never
a traceback.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.companies.models import Company
from dipps.privacy import retention
from dipps.privacy.selectors import firms_of_programme
from dipps.programmes.models import Programme


class Command(BaseCommand):
    help = _("Rights procedure tools for personal data (see docs/privacy.md).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        review = actions.add_parser(
            "retention",
            help=_("Print the contacts of firms with no activity for N years, as JSON."),
        )
        review.add_argument(
            "--years", type=int, help=_("Years without activity (default: the setting).")
        )
        review.add_argument("--programme", metavar="CODE", help=_("Only this programme's firms."))
        review.add_argument("--on", metavar="YYYY-MM-DD", help=_("Count back from this day."))

    def handle(self, *args, **options) -> None:
        years = options["years"] if options["years"] is not None else retention.default_years()
        if years < 1:
            raise CommandError(_("--years must be 1 or more, got %(value)s.") % {"value": years})
        today = timezone.localdate()
        if options["on"]:
            try:
                today = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(
                    _("--on: expected a date as YYYY-MM-DD, got “%(value)s”.")
                    % {"value": options["on"]}
                ) from None
        programme = None
        if options["programme"]:
            programme = Programme.objects.filter(code=options["programme"]).first()
            if programme is None:
                raise CommandError(
                    _("No programme with code “%(code)s”.") % {"code": options["programme"]}
                )
        firms = firms_of_programme(Company.objects.all(), programme)
        rows = retention.due_firms(firms, years, today)
        data = retention.as_json(
            rows,
            years=years,
            today=today,
            programme=programme.code if programme else None,
        )
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
