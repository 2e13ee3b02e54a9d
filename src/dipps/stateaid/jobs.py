"""The state-aid app's background jobs (core/jobs.py): all firms' de minimis certificates of
a programme as one ZIP file."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dipps.core.exporters import file_stem
from dipps.core.job_files import job_file
from dipps.core.jobs import Progress, job_kind
from dipps.programmes.models import Programme

from .batch import certificates_zip

CERTIFICATES = "stateaid.certificates_zip"


@job_kind(CERTIFICATES, label=gettext_lazy("De minimis certificates of all firms"))
def certificates(job, params: dict, progress: Progress) -> dict:
    programme = Programme.objects.get(code=params["programme"])
    stem = file_stem(_("de minimis certificates"), programme.code)
    name = f"{stem}.zip"
    result = certificates_zip(
        user=job.owner, programme=programme, path=job_file(job, name), progress=progress.set
    )
    url = reverse("stateaid:certificates_download", args=[programme.code, job.pk])
    return {**result, "url": url}
