"""The de minimis certificates of every firm of a programme in one ZIP file (a background
job).

Each certificate is the PDF a person downloads from the firm's de minimis page, built by the
same selector for the same user (`certificate_data`), so the batch holds what that user may
issue: the firms of the programme that received de minimis aid from it, for its staff
(`certificate_firms`). Rendered first, with progress, into a temporary file that becomes the
ZIP only when all are in (core/zipfiles.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dipps.accounts.roles import STAFF
from dipps.companies.models import Company
from dipps.companies.selectors import companies_visible_to
from dipps.core.exporters import file_name
from dipps.core.pdf import render_pdf
from dipps.core.progress import ProgressFn, counted
from dipps.core.zipfiles import write_zip

from .models import AidEntry
from .selectors import certificate_data


def certificate_firms(user, programme) -> QuerySet[Company]:
    """The firms the user sees as staff that received de minimis aid from `programme`."""
    granted = AidEntry.objects.filter(programme=programme, source=AidEntry.Source.PROGRAMME)
    return (
        companies_visible_to(user, STAFF)
        .filter(pk__in=granted.values("company_id"))
        .distinct()
        .order_by("name", "pk")
    )


def _certificates(
    user, programme, firms: list[Company], progress: ProgressFn | None
) -> Iterator[tuple[str, bytes]]:
    for firm in counted(firms, progress, _("Rendering the certificates")):
        try:
            data = certificate_data(user, firm.pk, programme.code)
        except Http404:  # a firm that left the programme's lineage: not the user's to issue
            continue
        # The firm's id, not its number, names the file: a sole trader's number is personal.
        name = file_name(_("de minimis certificate"), firm.pk, programme.code, ext="pdf")
        yield name, render_pdf("stateaid/certificate.html", data)


def certificates_zip(*, user, programme, path: Path, progress: ProgressFn | None = None) -> dict:
    """Write the certificates of `certificate_firms` into the ZIP file `path`; the job's
    result."""
    firms = list(certificate_firms(user, programme))
    count = write_zip(path, _certificates(user, programme, firms, progress))
    return {"programme": programme.code, "certificates": count, "file": path.name}
