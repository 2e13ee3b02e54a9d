"""The jobs framework on the database: queue, worker, progress, errors, retry, recovery."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dipps.core import jobs
from dipps.core.models import Job
from tests.factories import make_user
from tests.jobs_app import jobs as test_kinds  # noqa: F401  (registers the test kinds)
from tests.jobs_app.worker import work_off_the_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return make_user(None)


def test_a_started_job_waits_in_the_database_queue_until_a_worker_runs_it(owner):
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 3}, programme_code="P1")

    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.programme_code == "P1"
    assert DBTaskResult.objects.filter(id=job.task_result_id, status="READY").exists()

    work_off_the_queue()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"sum": 6, "url": "/done/"}
    assert job.result_url == "/done/"
    assert (job.done, job.total, job.message) == (3, 3, "step 3")
    assert job.attempts == 1
    assert job.started_at <= job.finished_at
    assert job.percent == 100


def test_progress_is_written_for_the_page_to_read(owner):
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 1})
    progress = jobs.Progress(job)

    progress.set(5, 40, "vouchers read")

    job.refresh_from_db()
    assert (job.done, job.total, job.message, job.percent) == (5, 40, "vouchers read", 12)


def test_progress_is_written_at_most_twice_a_second_but_always_at_the_end(owner):
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 1})
    progress = jobs.Progress(job)
    progress.set(1, 10)
    progress.set(2, 10)
    job.refresh_from_db()
    assert job.done == 1
    progress.set(10, 10)
    job.refresh_from_db()
    assert job.done == 10


def test_a_job_error_reaches_the_person_as_it_is(owner):
    job = jobs.start_job(kind="tests.refuse", owner=owner, params={})
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "The file names no partner (line 3)."
    assert job.result is None


def test_an_unexpected_error_is_logged_and_the_person_reads_a_clear_message(owner, caplog):
    job = jobs.start_job(kind="tests.flaky", owner=owner, params={})
    with caplog.at_level("ERROR", logger="dipps.jobs"):
        work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "surprise" not in job.error
    assert f"job {job.pk}" in job.error or f"jobb {job.pk}" in job.error
    assert "KeyError: 'surprise'" in caplog.text


def test_the_error_is_in_the_language_of_the_person_who_started_the_job(owner, settings):
    from django.utils import translation

    with translation.override("sv"):
        job = jobs.start_job(kind="tests.flaky", owner=owner, params={})
    with translation.override("en"):
        work_off_the_queue()
    job.refresh_from_db()
    assert job.language == "sv"
    assert "oväntat fel" in job.error


def test_a_failed_job_is_retried_with_the_same_parameters_on_the_same_page(owner):
    job = jobs.start_job(kind="tests.flaky", owner=owner, params={"a": 1})
    work_off_the_queue()
    job.refresh_from_db()
    first_task = job.task_result_id

    jobs.retry_job(job=job)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.error == ""
    assert job.task_result_id != first_task
    work_off_the_queue()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"attempt": 2}
    assert job.params == {"a": 1}


def test_only_a_failed_job_can_be_retried(owner):
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 1})
    with pytest.raises(ValidationError):
        jobs.retry_job(job=job)


def test_a_worker_marks_the_jobs_a_stopped_worker_left_running_as_interrupted(owner):
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 1})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    DBTaskResult.objects.filter(id=job.task_result_id).update(status="RUNNING")

    work_off_the_queue()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "interrupted" in job.error or "avbröts" in job.error
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"


def test_start_job_refuses_an_unknown_kind_and_parameters_that_are_not_json(owner):
    with pytest.raises(ValueError):
        jobs.start_job(kind="tests.nothing", owner=owner, params={})
    with pytest.raises(TypeError):
        jobs.start_job(kind="tests.count", owner=owner, params={"when": timezone.now()})
    assert not Job.objects.exists()


def test_the_queue_check_fails_when_a_job_has_waited_too_long_for_a_worker(owner, settings):
    settings.DIPPS_JOB_QUEUE_MAX_WAIT_MINUTES = 10
    jobs.check_queue()
    job = jobs.start_job(kind="tests.count", owner=owner, params={"n": 1})
    jobs.check_queue()
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=11))
    with pytest.raises(RuntimeError, match="1 job"):
        jobs.check_queue()
    work_off_the_queue()
    jobs.check_queue()


def test_a_kind_is_labelled_in_words(owner):
    assert jobs.kind_label("tests.count") == "tests.count"
    assert jobs.kind_label("nobody.knows") in ("Background job", "Bakgrundsjobb")
