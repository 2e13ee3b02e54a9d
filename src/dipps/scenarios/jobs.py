"""The scenario planner's background jobs (core/jobs.py): Monte Carlo for every firm of a
programme."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from dipps.core.jobs import Progress, job_kind
from dipps.programmes.models import Programme

from . import risk
from .services_programme import programme_montecarlo

MONTECARLO = "scenarios.montecarlo_programme"


@job_kind(MONTECARLO, label=gettext_lazy("Monte Carlo for all firms"))
def montecarlo(job, params: dict, progress: Progress) -> dict:
    programme = Programme.objects.get(code=params["programme"])
    result = programme_montecarlo(
        user=job.owner,
        programme=programme,
        factor_model=risk.DEFAULT_FACTORS,
        draws=int(params["draws"]),
        seed=int(params["seed"]),
        progress=progress.set,
    )
    url = f"{reverse('scenarios:programme')}?programme={programme.code}"
    return {**result, "url": url}
