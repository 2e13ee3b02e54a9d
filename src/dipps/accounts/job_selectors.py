"""Who may see a background job (dipps.core.jobs): its owner, and the staff of its programme.

The jobs live on the floor (core), which knows no roles; the rule lives here, beside the
memberships it reads. A job's page shows what the job did with a file of the programme
(an SIE import's figures, a batch of reports), so an observer, who sees no personal data,
and a company representative never see another person's job.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from dipps.core.models import Job

from .roles import STAFF, memberships_of

# Jobs listed on "My jobs": the latest ones; older ones stay reachable by their address.
LISTED = 50


def jobs_visible_to(user) -> QuerySet[Job]:
    if not user.is_authenticated:
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    codes = {m.programme.code for m in memberships_of(user) if m.role in STAFF}
    return Job.objects.filter(Q(owner=user) | Q(programme_code__in=codes, programme_code__gt=""))


def job_for(user, pk: int) -> Job:
    """The job, if the user may see it; 404 otherwise (whether it exists is not told)."""
    job = jobs_visible_to(user).filter(pk=pk).select_related("owner").first()
    if job is None:
        raise Http404
    return job


def jobs_of(user) -> list[Job]:
    """The user's own latest jobs, newest first."""
    if not user.is_authenticated:
        return []
    return list(Job.objects.filter(owner=user).order_by("-created_at", "-id")[:LISTED])


def may_retry(user, job: Job) -> bool:
    """A job runs as the person who started it: only they (or a superuser) start it again."""
    return job.status == Job.Status.FAILED and (job.owner_id == user.pk or user.is_superuser)
