"""`dipps import KIND FILE [--max-mb N] [--max-rows N]`: command-line imports, all-or-nothing.

`dipps import comparison PROGRAMME FILE`: the comparison group of a programme (its code
comes before the file; docs/impact.md, "Comparison group").

Exit status 0 when imported; 2 when the file or any row is bad (every problem on stderr,
one per line; nothing saved); 3 when the file is over a limit of the upload policy
(the message names the limit and the option that raises it; nothing read further).
One command for every kind of file, so it lives in `site`, the top layer, which may
import each app's reader.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dipps.companies.imports import read_companies
from dipps.companies.imports_related import read_related
from dipps.companies.services import companies_import, related_import
from dipps.core import uploads
from dipps.core.tabular import TableError
from dipps.engagements.services import activities_import, read_activities
from dipps.impact.imports import read_productivity
from dipps.impact.imports_comparison import read_comparison
from dipps.impact.services import productivity_import
from dipps.impact.services_comparison import comparison_import
from dipps.programmes.models import Programme


def _import_companies(data: bytes, filename: str, limits) -> tuple[list[str], dict | None]:
    parsed = read_companies(
        data,
        filename,
        known_programmes=set(Programme.objects.values_list("code", flat=True)),
        limits=limits,
    )
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    return [], companies_import(rows=parsed.rows).__dict__


def _import_activities(data: bytes, filename: str, limits) -> tuple[list[str], dict | None]:
    parsed = read_activities(data, filename, limits=limits)
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    errors, result = activities_import(rows=parsed.rows)
    if errors:
        return [str(e) for e in errors], None
    return [], result.__dict__


def _import_related(data: bytes, filename: str, limits) -> tuple[list[str], dict | None]:
    parsed = read_related(data, filename, limits=limits)
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    try:
        return [], related_import(rows=parsed.rows)
    except ValidationError as error:
        return list(error.messages), None


def _import_productivity(data: bytes, filename: str, limits) -> tuple[list[str], dict | None]:
    parsed = read_productivity(data, filename, limits=limits)
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    errors, result = productivity_import(rows=parsed.rows, filename=filename)
    if errors:
        return [str(e) for e in errors], None
    return [], result


def _import_comparison(
    data: bytes, filename: str, limits, programme: Programme
) -> tuple[list[str], dict | None]:
    parsed = read_comparison(data, filename, limits=limits)
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    errors, result = comparison_import(programme=programme, rows=parsed.rows, filename=filename)
    if errors:
        return [str(e) for e in errors], None
    return [], result


IMPORTERS = {
    "companies": _import_companies,
    "related-enterprises": _import_related,
    "activities": _import_activities,
    "productivity": _import_productivity,
}
# Kinds whose file belongs to a programme: `dipps import KIND PROGRAMME FILE`.
PROGRAMME_IMPORTERS = {"comparison": _import_comparison}


class Command(BaseCommand):
    help = "Import a CSV or XLSX file (all rows or none). Kinds: " + ", ".join(
        [*IMPORTERS, *(f"{k} PROGRAMME" for k in PROGRAMME_IMPORTERS)]
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted([*IMPORTERS, *PROGRAMME_IMPORTERS]))
        parser.add_argument("operands", nargs="+", metavar="[PROGRAMME] FILE")
        uploads.add_limit_arguments(parser, rows=True)

    def handle(self, *args, kind, operands, **options):
        wanted = 2 if kind in PROGRAMME_IMPORTERS else 1
        if len(operands) != wanted:
            usage = f"{kind} PROGRAMME FILE" if wanted == 2 else f"{kind} FILE"
            raise CommandError(f"expected: dipps import {usage}", returncode=2)
        file = Path(operands[-1])
        programme = None
        if wanted == 2:
            programme = Programme.objects.filter(code=operands[0]).first()
            if programme is None:
                raise CommandError(f"no programme with the code {operands[0]!r}", returncode=2)
        limits = uploads.limits_from_options(uploads.TABULAR, options)
        try:
            data = uploads.read_path(file, limits)
            if programme is not None:
                errors, result = PROGRAMME_IMPORTERS[kind](data, file.name, limits, programme)
            else:
                errors, result = IMPORTERS[kind](data, file.name, limits)
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}", returncode=2) from exc
        except uploads.OverLimit as exc:
            raise CommandError(
                f"{file}: {uploads.cli_message(exc)}", returncode=uploads.EXIT_OVER_LIMIT
            ) from exc
        except TableError as exc:
            raise CommandError(f"{file}: {exc}", returncode=2) from exc
        if errors:
            for line in errors:
                self.stderr.write(f"{file}: {line}")
            raise CommandError(
                f"{file}: {len(errors)} problem(s); nothing was imported.", returncode=2
            )
        self.stdout.write(json.dumps({"file": str(file), **result}))
