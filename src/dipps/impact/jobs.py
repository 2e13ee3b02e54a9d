"""The impact app's background jobs (core/jobs.py): the DiD estimate with many draws."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from dipps.core.jobs import Progress, job_kind
from dipps.programmes.models import Programme

from .services_comparison import did_estimate_save

DID = "impact.did_estimate"


@job_kind(DID, label=gettext_lazy("Difference-in-differences estimate"))
def did_estimate(job, params: dict, progress: Progress) -> dict:
    programme = Programme.objects.get(code=params["programme"])
    kept = did_estimate_save(
        programme=programme,
        draws=int(params["draws"]),
        seed=int(params["seed"]),
        by=job.owner,
        progress=progress.set,
    )
    return {
        "programme": programme.code,
        "estimate": kept.pk,
        "att": str(kept.att),
        "url": reverse("impact:comparison", args=[programme.code]),
    }
