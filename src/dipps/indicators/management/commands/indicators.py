"""`dipps indicators --programme CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: the indicators
as one JSON object (the contract: docs/indicators.md)."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dipps.indicators.selectors import indicator_values
from dipps.programmes.models import Programme


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise CommandError(
            _("--%(name)s: expected a date as YYYY-MM-DD, got “%(value)s”.")
            % {"name": name, "value": text}
        ) from e


class Command(BaseCommand):
    help = _("Print a programme's ERDF and programme indicators as JSON.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, metavar="CODE")
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD")

    def handle(self, *args, **options) -> None:
        programme = Programme.objects.filter(code=options["programme"]).first()
        if programme is None:
            raise CommandError(
                _("No programme with code “%(code)s”.") % {"code": options["programme"]}
            )
        start = _day(options["start"], "from")
        end = _day(options["end"], "to")
        if start and end and end < start:
            raise CommandError(_("--to is before --from."))
        values = indicator_values(programme, start, end)
        self.stdout.write(json.dumps(values, ensure_ascii=False))
