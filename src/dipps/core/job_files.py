"""Files a background job makes (a ZIP of PDFs), kept under MEDIA_ROOT and handed out only to
the person who started the job.

A batch is rendered with its owner's view of the firms (each app's selectors), so another
person, even staff of the same programme, may see other firms or other assessments: the
file is theirs alone. The app's view checks the role in the programme first
(`programmes.access.programme_view`); `owned_result` then finds the finished job of that
kind, programme and owner, or answers 404 without telling whether it exists.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

from .models import Job

FOLDER = "jobs"


def job_file(job: Job, name: str) -> Path:
    """Where `job` keeps its file `name`: MEDIA_ROOT/jobs/<id>/<name>."""
    return Path(settings.MEDIA_ROOT) / FOLDER / str(job.pk) / name


def owned_result(user, pk: int, *, kind: str, programme_code: str) -> Job:
    job = Job.objects.filter(
        pk=pk,
        kind=kind,
        programme_code=programme_code,
        owner_id=user.pk,
        status=Job.Status.SUCCEEDED,
    ).first()
    if job is None or not isinstance(job.result, dict) or not job.result.get("file"):
        raise Http404
    return job


def result_response(job: Job) -> FileResponse:
    """The job's file as a download; 404 when it is gone (removed, or on another server)."""
    name = str(job.result["file"])
    try:
        handle = job_file(job, name).open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
