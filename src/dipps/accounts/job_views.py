"""The page of a background job, its JSON status for the page's script, retry, "My jobs"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from dipps.core import jobs

from . import job_selectors

# The page's script asks this often (ms); without script, the page reloads itself (s).
POLL_MS = 1000
REFRESH_S = 3


def status_of(job) -> dict:
    """What the page shows of a job, for its script (and the JSON endpoint's contract)."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": job.finished,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result_url": job.result_url if job.status == job.Status.SUCCEEDED else "",
        "error": job.error if job.status == job.Status.FAILED else "",
    }


@never_cache
@login_required
def detail(request, pk: int):
    job = job_selectors.job_for(request.user, pk)
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "kind": jobs.kind_label(job.kind),
            "may_retry": job_selectors.may_retry(request.user, job),
            "poll_ms": POLL_MS,
            "refresh_s": REFRESH_S,
        },
    )


@never_cache
@login_required
def status(request, pk: int):
    return JsonResponse(status_of(job_selectors.job_for(request.user, pk)))


@login_required
@require_POST
def retry(request, pk: int):
    job = job_selectors.job_for(request.user, pk)
    if not job_selectors.may_retry(request.user, job):
        raise PermissionDenied
    try:
        jobs.retry_job(job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The job runs again with the same input."))
    return redirect("jobs:detail", pk=job.pk)


@never_cache
@login_required
def mine(request):
    rows = [(job, jobs.kind_label(job.kind)) for job in job_selectors.jobs_of(request.user)]
    return render(request, "jobs/list.html", {"rows": rows})
