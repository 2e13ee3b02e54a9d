"""The maturity reports of every firm of a programme in one ZIP file (a background job).

Each report is the PDF a person downloads from the firm's results page, rendered from the
same selector for the same user, so the batch holds exactly what that user may see: the
firms of the programme with a submitted assessment, for a programme manager or coach
there (`report_firms`). The PDFs are rendered first, with progress, into a temporary file
that becomes the ZIP only when all are in (core/zipfiles.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dipps.accounts.roles import STAFF
from dipps.companies.models import Company
from dipps.companies.selectors import companies_visible_to
from dipps.core.exporters import file_name
from dipps.core.pdf import render_pdf
from dipps.core.progress import ProgressFn, counted
from dipps.core.zipfiles import write_zip

from .models import Status
from .present import results_context
from .selectors import assessments_visible_to, company_results


def report_firms(user, programme) -> QuerySet[Company]:
    """The firms of `programme` the user sees as staff that have a submitted assessment
    there, in name order."""
    submitted = assessments_visible_to(user, STAFF).filter(
        programme=programme, status=Status.SUBMITTED
    )
    return (
        companies_visible_to(user, STAFF)
        .filter(participations__programme=programme, pk__in=submitted.values("company_id"))
        .distinct()
        .order_by("name", "pk")
    )


def _reports(
    user, firms: list[Company], progress: ProgressFn | None
) -> Iterator[tuple[str, bytes]]:
    language = get_language()
    for firm in counted(firms, progress, _("Rendering the reports")):
        results = company_results(user, firm.pk)
        if results.latest is None:  # only drafts in the framework shown first
            continue
        # The firm's id, not its number, names the file: a sole trader's number is personal.
        name = file_name(_("maturity report"), firm.pk, language, ext="pdf")
        yield name, render_pdf("maturity/report.html", results_context(results, "report-radar"))


def reports_zip(*, user, programme, path: Path, progress: ProgressFn | None = None) -> dict:
    """Write the reports of `report_firms` into the ZIP file `path`; the job's result."""
    firms = list(report_firms(user, programme))
    count = write_zip(path, _reports(user, firms, progress))
    return {"programme": programme.code, "reports": count, "file": path.name}
