import json

import pytest
from django.db import DatabaseError

from dipps.core import health

pytestmark = pytest.mark.django_db


def broken_check():
    raise DatabaseError("could not connect to server: secret-host.internal")


def test_healthz_answers_ok_for_a_working_database_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "jobs": "ok"},
    }
    # Never cached: a proxy must not answer a probe with an old "ok".
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    # It sets no session or CSRF cookie.
    assert not response.cookies


def test_healthz_answers_503_naming_the_failing_check_and_logs_the_reason(client, settings, caplog):
    settings.DIPPS_HEALTH_CHECKS = {
        "database": "dipps.core.health.check_database",
        "jobs": "tests.core.test_health.broken_check",
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "checks": {"database": "ok", "jobs": "error"},
    }
    # The reason goes to the log, never to the (public) answer.
    assert b"secret-host" not in response.content
    assert "health check jobs failed" in caplog.text
    assert "secret-host.internal" in caplog.text


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    def no_database():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "check_database", no_database)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "checks": {"database": "error", "jobs": "ok"},
    }


def test_healthz_takes_only_get(client):
    assert client.post("/healthz").status_code == 405


def test_the_database_check_runs_a_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        health.check_database()


UNREACHABLE = (
    "from django.test import Client\n"
    "response = Client().get('/healthz')\n"
    "print(response.status_code, response.content.decode())"
)


@pytest.mark.slow  # a subprocess
def test_healthz_answers_503_when_the_database_cannot_be_opened(tmp_path):
    from .test_settings import run_dipps

    missing = tmp_path / "no-such-folder" / "dipps.sqlite3"
    result = run_dipps(
        "shell",
        "-v",
        "0",
        "-c",
        UNREACHABLE,
        env={"DATABASE_URL": f"sqlite:///{missing}", "DIPPS_VAR_DIR": str(tmp_path)},
    )
    assert result.stdout.strip() == (
        '503 {"status": "error", "checks": {"database": "error", "jobs": "error"}}'
    ), result.stderr


def test_healthz_fails_when_a_job_has_waited_too_long_for_a_worker(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from dipps.core.models import Job
    from tests.factories import make_user

    settings.DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES = 5
    job = Job.objects.create(kind="finance.sie_stage", owner=make_user(None))
    assert client.get("/healthz").status_code == 200
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {"database": "ok", "jobs": "error"}
