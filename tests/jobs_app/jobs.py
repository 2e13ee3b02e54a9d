"""Job kinds for the tests of dipps.core.jobs; registered only where tests import them."""

import time
from pathlib import Path

from django.db import transaction

from dipps.core.audit import record
from dipps.core.jobs import JobError, Progress, job_kind
from dipps.core.models import ExchangeRate


@job_kind("tests.count")
def count(job, params: dict, progress: Progress) -> dict:
    """Counts to `n`, reporting each step; returns the sum and a result address."""
    n = params["n"]
    for i in range(1, n + 1):
        progress.set(i, n, f"step {i}")
    return {"sum": n * (n + 1) // 2, "url": "/done/"}


@job_kind("tests.refuse")
def refuse(job, params: dict, progress: Progress) -> dict:
    raise JobError("The file names no partner (line 3).")


@job_kind("tests.flaky")
def flaky(job, params: dict, progress: Progress) -> dict:
    """Breaks on its first attempt with an unexpected error, works on the next."""
    if job.attempts == 1:
        raise KeyError("surprise")
    return {"attempt": job.attempts}


@job_kind("tests.sleepy_save")
def sleepy_save(job, params: dict, progress: Progress) -> dict:
    """Writes `rows` (at most 28) exchange rates with their audit entries in one transaction;
    on the first attempt it then signals through the file `marker` and sleeps inside the
    transaction, to be killed there."""
    rows = params["rows"]
    progress.set(0, rows, "computing")
    with transaction.atomic():
        for i in range(rows):
            rate = ExchangeRate.objects.create(
                currency="TST", valid_from=f"2024-01-{i + 1:02d}", sek_per_unit=i + 1
            )
            record(instance=rate, action="create", by=None, changes={"i": i})
        if job.attempts == 1:
            Path(params["marker"]).write_text("inside")
            time.sleep(600)
    return {"rows": rows}
