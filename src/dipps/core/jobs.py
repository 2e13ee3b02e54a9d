"""Background jobs with progress: long work off the request path, run by `dipps worker`.

A job kind is a function registered under a name; an app registers its kinds in a module
(`<app>/jobs.py`) that its AppConfig.ready() imports, so the web process and the worker know
the same kinds (core never imports the apps)::

    from dipps.core.jobs import Progress, job_kind, start_job

    @job_kind("finance.sie_stage", label=_("SIE import"))
    def sie_stage(job, params: dict, progress: Progress) -> dict:
        ...                              # read and compute, calling progress.set(...)
        with transaction.atomic():       # then save everything in ONE transaction
            ...
        return {"url": "/finance/imports/12/", "rows": 4711}

    job = start_job(kind="finance.sie_stage", owner=request.user, params={...},
                    programme_code=programme.code)
    return redirect(job_url(job))        # the job page shows the progress

- The queue is django-tasks' database backend (`DBTaskResult`, the `TASKS` setting); the
  `Job` row is what a person sees. `run_job`, the one task, claims the job, runs its kind
  in the language of the person who started it and stores the returned dict as the result
  (its "url", if any, as the link to the result page).
- Progress is written with plain UPDATEs in autocommit, so the job page sees it at once; a
  kind calls `progress.set` while it computes, never inside its saving transaction (the
  update would wait for the commit and say nothing new).
- Errors: a `JobError` or a `ValidationError` is a message for the person (translated, it
  names what to fix); anything else is logged with its traceback (logger ``dipps.jobs``)
  and the person reads that the job failed unexpectedly. A job killed mid-way (kill -9, a
  lost server) saved nothing, because its kind saves in one transaction at the end; the
  next `dipps worker` marks it failed as interrupted, and `retry_job` runs it again with
  the same parameters.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .models import Job

logger = logging.getLogger("dipps.jobs")

__all__ = [
    "Job",
    "JobError",
    "Progress",
    "check_queue",
    "job_kind",
    "kind_label",
    "recover_interrupted",
    "retry_job",
    "start_job",
]

JobFunction = Callable[[Job, dict, "Progress"], dict]

# Progress is written at most this often (seconds), and always at the end of the work.
PROGRESS_INTERVAL = 0.5


class JobError(Exception):
    """A reason the job cannot do its work that the person can act on; shown as it is."""


@dataclass(frozen=True)
class JobKind:
    name: str
    function: JobFunction
    label: str | Promise


_KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, label: str | Promise | None = None):
    """Register `fn(job, params, progress) -> dict` as the job kind `name`."""

    def register(function: JobFunction) -> JobFunction:
        if name in _KINDS and _KINDS[name].function is not function:
            raise ValueError(f"job kind {name!r} is registered twice")
        _KINDS[name] = JobKind(name, function, label if label is not None else name)
        return function

    return register


def kind_label(name: str) -> str:
    """The kind's name for people, in the active language."""
    kind = _KINDS.get(name)
    return str(kind.label) if kind is not None else _("Background job")


class Progress:
    """How far a running job has come, written for the job page to read."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self._last = 0.0

    def set(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < PROGRESS_INTERVAL:
            return
        self._last = now
        Job.objects.filter(pk=self.job_id).update(
            done=max(0, done),
            total=max(0, total),
            message=str(message)[:200],
            updated_at=timezone.now(),
        )


def _enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    job.task_result_id = str(result.id)
    Job.objects.filter(pk=job.pk).update(task_result_id=job.task_result_id)


def start_job(*, kind: str, owner, params: dict, programme_code: str | None = None) -> Job:
    """Queue a job of `kind` for `owner`; `params` must be JSON (they are kept for a retry)."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    json.dumps(params)  # refuse, here, what the worker could not read back
    job = Job.objects.create(
        kind=kind,
        owner=owner,
        params=params,
        programme_code=programme_code or "",
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    _enqueue(job)
    return job


def retry_job(*, job: Job) -> Job:
    """Run a failed job again with the same parameters (the same row, so its page stays)."""
    if job.status != Job.Status.FAILED:
        raise ValidationError(_("Only a failed job can be retried."))
    changed = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
        status=Job.Status.QUEUED,
        done=0,
        total=0,
        message="",
        result=None,
        result_url="",
        error="",
        started_at=None,
        finished_at=None,
        updated_at=timezone.now(),
    )
    if not changed:
        raise ValidationError(_("Only a failed job can be retried."))
    job.refresh_from_db()
    _enqueue(job)
    return job


def _user_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _finish(job_id: int, **fields: Any) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(finished_at=now, updated_at=now, **fields)


@task()
def run_job(job_id: int) -> None:
    """The one task of the queue: claim the job, run its kind, keep the outcome."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        updated_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return  # run already, or retried under another task
    job = Job.objects.get(pk=job_id)
    with translation.override(job.language):
        kind = _KINDS.get(job.kind)
        try:
            if kind is None:
                raise JobError(_("This kind of job is not known to the worker."))
            result = kind.function(job, dict(job.params), Progress(job))
            result = json.loads(json.dumps(result if result is not None else {}))
        except (JobError, ValidationError) as error:
            _finish(job_id, status=Job.Status.FAILED, error=_user_message(error))
            return
        except Exception:
            logger.exception("job %s (%s) failed", job_id, job.kind)
            _finish(
                job_id,
                status=Job.Status.FAILED,
                error=_(
                    "The job stopped because of an unexpected error. Nothing from it was "
                    "saved. Retry it; if it fails again, tell the administrator (job %(id)s)."
                )
                % {"id": job_id},
            )
            return
    url = result.get("url", "") if isinstance(result, dict) else ""
    done = Job.objects.filter(pk=job_id).values_list("total", flat=True).first() or 0
    _finish(
        job_id,
        status=Job.Status.SUCCEEDED,
        result=result,
        result_url=str(url)[:500],
        done=done,
    )


def recover_interrupted() -> int:
    """Mark the jobs a stopped worker left running as failed, so they can be retried.

    Run when a worker starts: with one worker per database (docs/operations.md), a job
    still "running" then is one whose worker was killed. Its kind saved nothing (one
    transaction at the end), so a retry starts from a clean state.
    """
    count = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING):
        with translation.override(job.language):
            message = _(
                "The job was interrupted: the worker stopped before it finished. Nothing "
                "from it was saved; retry it."
            )
        count += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED,
            error=message,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if job.task_result_id:
            DBTaskResult.objects.filter(id=job.task_result_id, status="RUNNING").update(
                status="FAILED", finished_at=timezone.now()
            )
    return count


def check_queue() -> None:
    """/healthz: the queue's tables answer, and no job has waited too long for a worker."""
    DBTaskResult.objects.exists()
    limit = timezone.now() - timedelta(minutes=settings.DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES)
    waiting = Job.objects.filter(status=Job.Status.QUEUED, updated_at__lt=limit).count()
    if waiting:
        raise RuntimeError(
            f"{waiting} job(s) queued for more than "
            f"{settings.DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES} minutes: is `dipps worker` running?"
        )
