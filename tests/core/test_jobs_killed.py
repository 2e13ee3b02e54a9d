"""A job killed with kill -9 in the middle of its saving transaction leaves the database as
it was; the next worker marks it interrupted, and the retry succeeds.

`dipps worker` runs as a subprocess on a database of its own (a file for SQLite, a new
database beside the test database for PostgreSQL), with the test-only job kinds of
tests/jobs_app (`tests.sleepy_save` writes rows, then sleeps inside its transaction).
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from .test_settings import clean_env

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

START = (
    "from django.contrib.auth import get_user_model\n"
    "from dipps.core.jobs import start_job\n"
    "user = get_user_model().objects.create_user('killer')\n"
    "job = start_job(kind='tests.sleepy_save', owner=user, params={'rows': 5, 'marker': %r})\n"
    "print(job.pk)"
)
STATE = (
    "import json\n"
    "from dipps.core.models import AuditEntry, ExchangeRate, Job\n"
    "job = Job.objects.get()\n"
    "print(json.dumps({'status': job.status, 'error': job.error, 'attempts': job.attempts,\n"
    "    'rates': ExchangeRate.objects.filter(currency='TST').count(),\n"
    "    'audit': AuditEntry.objects.filter(model='core.exchangerate').count(),\n"
    "    'result': job.result}))"
)
RETRY = (
    "from dipps.core.jobs import retry_job\n"
    "from dipps.core.models import Job\n"
    "retry_job(job=Job.objects.get())"
)


@pytest.fixture
def worker_database(tmp_path):
    """The URL of a new database for the worker's world, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_jobs"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url, tmp_path):
    env = clean_env(
        DATABASE_URL=url,
        DIPPS_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="tests.jobs_app.settings",
    )
    env["PYTHONPATH"] = os.pathsep.join((str(ROOT), env["PYTHONPATH"]))
    return env


def dipps(env, *args, timeout=180):
    result = subprocess.run(
        [sys.executable, "-m", "dipps", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def state(env):
    return json.loads(dipps(env, "shell", "-v", "0", "-c", STATE).strip().splitlines()[-1])


def test_a_job_killed_inside_its_transaction_saves_nothing_and_its_retry_succeeds(
    tmp_path, worker_database
):
    env = environment(worker_database, tmp_path)
    marker = tmp_path / "inside"
    dipps(env, "migrate", "--no-input", "-v", "0", timeout=600)
    dipps(env, "shell", "-v", "0", "-c", START % str(marker))
    assert state(env)["status"] == "queued"

    worker = subprocess.Popen(
        [sys.executable, "-m", "dipps", "worker", "--no-startup-delay", "--interval", "0.1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None, worker.stderr.read().decode()
            assert time.monotonic() < deadline, "the job never reached its transaction"
            time.sleep(0.1)
        # The job has written its rows and sleeps inside its open transaction.
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert worker.returncode == -signal.SIGKILL

    killed = state(env)
    assert (killed["status"], killed["rates"], killed["audit"]) == ("running", 0, 0)

    # The next worker marks the job interrupted; the queue is then empty (--batch stops).
    out = dipps(env, "worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert "1 interrupted job(s) marked failed" in out
    interrupted = state(env)
    assert interrupted["status"] == "failed"
    assert "avbröts" in interrupted["error"] or "interrupted" in interrupted["error"]
    assert (interrupted["rates"], interrupted["audit"]) == (0, 0)

    dipps(env, "shell", "-v", "0", "-c", RETRY)
    dipps(env, "worker", "--batch", "--no-startup-delay", "--interval", "0")
    retried = state(env)
    assert retried == {
        "status": "succeeded",
        "error": "",
        "attempts": 2,
        "rates": 5,
        "audit": 5,
        "result": {"rows": 5},
    }
