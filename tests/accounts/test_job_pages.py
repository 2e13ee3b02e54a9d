"""The page of a background job: progress, the JSON status, the no-script fallback, retry."""

import json

import pytest
from django.urls import reverse

from dipps.core.models import Job
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(world):
    return Job.objects.create(
        kind="finance.sie_stage",
        owner=world.users["finance"],
        programme_code=world.programme.code,
        status=Job.Status.RUNNING,
        done=250,
        total=1000,
        message="Vouchers read",
    )


def test_a_running_job_shows_its_progress_and_reloads_itself_without_script(client, world, job):
    client.force_login(world.users["finance"])
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'max="1000" value="250"' in html
    assert "250 av 1000 (25 %)" in html
    assert "Vouchers read" in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "dipps/job-progress.js" in html
    assert reverse("jobs:status", args=[job.pk]) in html


def test_the_status_endpoint_answers_json_for_the_script(client, world, job):
    client.force_login(world.users["manager"])
    response = client.get(reverse("jobs:status", args=[job.pk]))
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert json.loads(response.content) == {
        "id": job.pk,
        "status": "running",
        "status_label": "pågår",
        "finished": False,
        "done": 250,
        "total": 1000,
        "percent": 25,
        "message": "Vouchers read",
        "result_url": "",
        "error": "",
    }


def test_a_finished_job_links_its_result_and_stops_reloading(client, world, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, result_url="/finance/x/")
    client.force_login(world.users["finance"])
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'href="/finance/x/"' in html
    assert "Öppna resultatet" in html
    assert "refresh" not in html
    assert "job-progress.js" not in html


def test_a_failed_job_shows_its_error_and_its_owner_may_retry_it(client, world, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="Line 7: no amount.")
    client.force_login(world.users["finance"])
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Line 7: no amount." in html
    assert reverse("jobs:retry", args=[job.pk]) in html

    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.error == ""


def test_the_staff_of_the_programme_see_a_failed_job_but_do_not_retry_it(client, world, job):
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="Line 7: no amount.")
    client.force_login(world.users["manager"])
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Line 7: no amount." in html
    assert reverse("jobs:retry", args=[job.pk]) not in html


def test_my_jobs_lists_only_ones_own_jobs(client, world, job):
    Job.objects.create(kind="finance.sie_stage", owner=make_user(None), programme_code="X")
    client.force_login(world.users["finance"])
    response = client.get(reverse("jobs:mine"))
    assert [j.pk for j, _ in response.context["rows"]] == [job.pk]
    assert reverse("jobs:detail", args=[job.pk]) in response.content.decode()
