"""`dipps import KIND FILE`: command-line imports, all-or-nothing.

Exit status 0 when imported, 2 when the file or any row is bad (every
problem on stderr, one per line; nothing saved). One command for every kind of
file, so it lives in `site`, the top layer, which may import each app's reader.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dipps.companies.imports import read_companies
from dipps.companies.services import companies_import
from dipps.core.tabular import TableError
from dipps.engagements.imports import activities_import, read_activities
from dipps.programmes.models import Programme


def _import_companies(data: bytes, filename: str) -> tuple[list[str], dict | None]:
    parsed = read_companies(
        data, filename, known_programmes=set(Programme.objects.values_list("code", flat=True))
    )
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    return [], companies_import(rows=parsed.rows).__dict__


def _import_activities(data: bytes, filename: str) -> tuple[list[str], dict | None]:
    parsed = read_activities(data, filename)
    if parsed.errors:
        return [str(e) for e in parsed.errors], None
    errors, result = activities_import(rows=parsed.rows)
    if errors:
        return [str(e) for e in errors], None
    return [], result.__dict__


IMPORTERS = {"companies": _import_companies, "activities": _import_activities}


class Command(BaseCommand):
    help = "Import a CSV or XLSX file (all rows or none). Kinds: " + ", ".join(IMPORTERS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)

    def handle(self, *args, kind, file, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}", returncode=2) from exc
        try:
            errors, result = IMPORTERS[kind](data, file.name)
        except TableError as exc:
            raise CommandError(f"{file}: {exc}", returncode=2) from exc
        if errors:
            for line in errors:
                self.stderr.write(f"{file}: {line}")
            raise CommandError(
                f"{file}: {len(errors)} problem(s); nothing was imported.", returncode=2
            )
        self.stdout.write(json.dumps({"file": str(file), **result}))
