"""The finance app's background jobs: reading (staging) and confirming large SIE files.

Registered when the app is ready (FinanceConfig.ready), in the web process and the worker
alike. Each checks again that the person who started it still handles the programme's
finances, reads with progress, and saves in one transaction (in `services`), so a job
stopped half-way leaves the ledger as it was and can be retried.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dipps.accounts.roles import FINANCE, has_role_in
from dipps.core import staging
from dipps.core.jobs import JobError, Progress, job_kind
from dipps.programmes.models import Programme

from . import services
from .models import SieImport
from .selectors import partners_of

STAGE = "finance.sie_stage"
CONFIRM = "finance.sie_confirm"
# What a staged SIE file waits under (core.staging) until its job has read it.
PURPOSE = "finance.sie_job"


def _programme(job, code: str) -> Programme:
    programme = Programme.objects.filter(code=code).first()
    if programme is None or not has_role_in(job.owner, programme.pk, FINANCE):
        raise JobError(_("You no longer handle the finances of this programme."))
    return programme


@job_kind(STAGE, label=gettext_lazy("SIE import: reading the file"))
def sie_stage(job, params: dict, progress: Progress) -> dict:
    programme = _programme(job, params["programme"])
    organisation = partners_of(programme).filter(pk=params["organisation"]).first()
    if organisation is None:
        raise JobError(_("The partner is no longer one of the programme's partners."))
    staged = staging.read(owner=job.owner, purpose=PURPOSE, pk=params["upload"])
    if staged is None:
        raise JobError(
            _("The uploaded file is no longer kept (files wait at most 12 hours); upload it again.")
        )
    filename, data = staged
    try:
        sie_import = services.sie_import_stage(
            programme=programme,
            organisation=organisation,
            data=data,
            filename=filename,
            by=job.owner,
            accept_orgnr=bool(params.get("accept_orgnr")),
            progress=progress.set,
        )
    except services.OrgnrMismatch as error:
        raise JobError(
            error.messages[0]
            + " "
            + _("To import it anyway, upload it again and tick the box for a differing number.")
        ) from error
    staging.drop(owner=job.owner, purpose=PURPOSE, pk=params["upload"])
    return {
        "url": reverse("finance:import_review", args=[sie_import.pk]),
        "import": sie_import.pk,
        "rows_new": sie_import.rows_new,
    }


@job_kind(CONFIRM, label=gettext_lazy("SIE import: confirming the rows"))
def sie_confirm(job, params: dict, progress: Progress) -> dict:
    sie_import = SieImport.objects.select_related("programme").filter(pk=params["import"]).first()
    if sie_import is None:
        raise JobError(_("The import no longer exists."))
    programme = _programme(job, sie_import.programme.code)
    progress.set(0, 1, _("Confirming the import's rows"))
    counted = services.sie_import_confirm(sie_import=sie_import, by=job.owner)
    progress.set(1, 1, "")
    return {"url": reverse("finance:overview", args=[programme.code]), "counted": counted}
