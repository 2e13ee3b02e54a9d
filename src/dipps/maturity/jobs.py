"""The maturity app's background jobs (core/jobs.py): all firms' reports as one ZIP file."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dipps.core.exporters import file_stem
from dipps.core.job_files import job_file
from dipps.core.jobs import Progress, job_kind
from dipps.programmes.models import Programme

from .batch import reports_zip

REPORTS = "maturity.reports_zip"


@job_kind(REPORTS, label=gettext_lazy("Maturity reports of all firms"))
def reports(job, params: dict, progress: Progress) -> dict:
    programme = Programme.objects.get(code=params["programme"])
    stem = file_stem(_("maturity reports"), programme.code)
    name = f"{stem}.zip"
    result = reports_zip(
        user=job.owner, programme=programme, path=job_file(job, name), progress=progress.set
    )
    return {**result, "url": reverse("maturity:reports_download", args=[programme.code, job.pk])}
