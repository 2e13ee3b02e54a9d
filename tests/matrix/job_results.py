"""Cases for the views that start a background job and hand out its file (no CASES here).

A start is a POST that queues a job and redirects to its page; a download gives the file of
a finished job to the person who started it only (the world's programme manager here), and
404 to every other member of the programme, staff or not, who may reach the view at all.
"""

from __future__ import annotations

from django.urls import reverse

from . import expect

STAFF_POST = expect(manager=302, coach=302, finance=302)
# Only the manager started the job: other staff get 404, which tells nothing of it.
OWNER_ONLY = expect(manager=200, coach=404, finance=404)


def finished_job(kind: str):
    """A setup: a finished job of `kind` in the world's programme, started by its manager,
    with its ZIP file in place."""

    def setup(w) -> None:
        from dipps.core.job_files import job_file
        from dipps.core.models import Job

        job = Job.objects.create(
            kind=kind,
            owner=w.users["manager"],
            programme_code=w.programme.code,
            status=Job.Status.SUCCEEDED,
            result={"file": "batch.zip"},
        )
        path = job_file(job, "batch.zip")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty ZIP file
        w.extra[kind] = job

    return setup


def download(name: str, kind: str):
    return lambda w: reverse(name, args=[w.programme.code, w.extra[kind].pk])
