"""The company import of a confirmed file as one step: read, check, refuse, save.

The confirmation of the upload page runs it inline for a small file and as a background
job for a file of more than `DIPPS_JOB_IMPORT_ROWS` rows (docs/imports.md). Either way
the rows are checked first, with progress, and saved in one transaction, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dipps.core import staging
from dipps.core.progress import ProgressFn
from dipps.programmes.models import Programme

from .imports import RowError, read_companies
from .selectors import import_refusals
from .services import ImportResult, companies_import

PURPOSE = "company_import"  # the staged upload's purpose (core/staging.py)


def runs_as_job(rows: int) -> bool:
    """Is a file of `rows` rows confirmed as a background job rather than inline?"""
    return rows > settings.DIPPS_JOB_IMPORT_ROWS


@dataclass
class FileImport:
    errors: list[RowError] = field(default_factory=list)
    result: ImportResult | None = None  # None when nothing was saved

    def as_dict(self) -> dict:
        """The job's result: counts, or the problems (at most 200) of a refused file."""
        if self.result is None:
            return {"imported": False, "errors": [str(e) for e in self.errors[:200]]}
        return {"imported": True, **self.result.__dict__}


def companies_import_file(
    *, owner, filename: str, data: bytes, progress: ProgressFn | None = None
) -> FileImport:
    """Check every row, and the rows `owner` may not apply (`import_refusals`); save all of
    them or none. Raises `TableError` when the file as a whole is unreadable."""
    known = set(Programme.objects.values_list("code", flat=True))
    parsed = read_companies(data, filename, known_programmes=known, progress=progress)
    refused = import_refusals(owner, parsed.rows)
    errors = sorted([*parsed.errors, *refused], key=lambda e: e.row)
    if errors:
        return FileImport(errors=errors)
    return FileImport(result=companies_import(rows=parsed.rows, by=owner, progress=progress))


def companies_import_staged(
    *, owner, staged: int, progress: ProgressFn | None = None
) -> FileImport:
    """The import of the file `owner` staged on the upload page; the file is dropped once
    its rows are saved, and kept when the run fails, so it can be run again. Raises
    `ValidationError` when there is no such file (stale, or already imported)."""
    found = staging.read(owner=owner, purpose=PURPOSE, pk=staged)
    if found is None:
        raise ValidationError(_("Nothing to import: upload the file again."))
    filename, data = found
    outcome = companies_import_file(owner=owner, filename=filename, data=data, progress=progress)
    if outcome.result is not None:
        staging.drop(owner=owner, purpose=PURPOSE, pk=staged)
    return outcome
