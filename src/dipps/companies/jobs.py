"""The company register's background jobs (core/jobs.py): the import of a large file."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dipps.core.jobs import JobError, Progress, job_kind

from .services_import import companies_import_staged

IMPORT = "companies.import"
SHOWN_ERRORS = 20  # problems named in the job's error; the upload page lists them all


@job_kind(IMPORT, label=gettext_lazy("Company import"))
def company_import(job, params: dict, progress: Progress) -> dict:
    outcome = companies_import_staged(
        owner=job.owner, staged=int(params["staged"]), progress=progress.set
    )
    if outcome.result is None:
        shown = "; ".join(str(e) for e in outcome.errors[:SHOWN_ERRORS])
        more = len(outcome.errors) - SHOWN_ERRORS
        parts = [_("The file has errors; nothing was imported."), shown]
        if more > 0:
            parts.append(_("… and %(n)s more problems.") % {"n": more})
        raise JobError(" ".join(parts))
    return {**outcome.as_dict(), "url": reverse("companies:list")}
