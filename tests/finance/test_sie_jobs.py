"""Large SIE files are read and confirmed as background jobs, with progress."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dipps.core.models import Job, StagedUpload
from dipps.finance import services, sie
from dipps.finance.models import CostEntry, SieImport
from tests.jobs_app.worker import work_off_the_queue

from .helpers import partner, salary, sie_file

pytestmark = pytest.mark.django_db


def upload(client, world, data, **extra):
    org = partner(world.programme)
    client.force_login(world.users["finance"])
    return client.post(
        reverse("finance:import", args=[world.programme.code]),
        {"organisation": org.pk, "file": SimpleUploadedFile("iuc.se", data), **extra},
    )


def vouchers(n):
    return [salary(i, date(2024, 1 + i % 12, 25)) for i in range(1, n + 1)]


def test_the_parser_reports_its_progress_in_lines():
    calls = []
    data = sie_file(vouchers(3000))
    lines = len(data.decode("cp437").splitlines())

    parsed = sie.parse_bytes(data, "big.se", lambda done, total: calls.append((done, total)))

    assert len(parsed.vouchers) == 3000
    assert len(calls) >= 2
    assert all(total == lines for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (lines, lines)


def test_staging_reports_reading_then_saving(world):
    calls = []
    staged = services.sie_import_stage(
        programme=world.programme,
        organisation=partner(world.programme),
        data=sie_file(vouchers(3000)),
        filename="iuc.se",
        progress=lambda done, total, message: calls.append((done, total, message)),
    )
    assert staged.rows_new == 6000
    assert calls[0][2] == "Reading the file"
    assert calls[-1][2] == "Saving 6000 rows"
    assert calls[-1][0] == calls[-1][1]


def test_a_large_file_is_read_by_the_worker_and_the_job_links_the_review(client, world, settings):
    settings.DIPPS_SIE_INLINE_MAX_MB = 0
    response = upload(client, world, sie_file(vouchers(5)))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.kind == "finance.sie_stage"
    assert job.programme_code == world.programme.code
    assert not SieImport.objects.exists()
    # The person may leave: the upload page lists the file being read.
    page = client.get(reverse("finance:import", args=[world.programme.code]))
    assert reverse("jobs:detail", args=[job.pk]) in page.content.decode()

    work_off_the_queue()

    job.refresh_from_db()
    sie_import = SieImport.objects.get()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result_url == reverse("finance:import_review", args=[sie_import.pk])
    assert sie_import.rows_new == 10
    assert sie_import.created_by == world.users["finance"]
    assert not StagedUpload.objects.exists()


def test_a_file_of_another_organisation_fails_the_job_with_what_to_do(client, world, settings):
    settings.DIPPS_SIE_INLINE_MAX_MB = 0
    upload(client, world, sie_file(vouchers(2), orgnr="556036-0793"))
    work_off_the_queue()

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "5560360793" in job.error
    assert "kryssa i rutan" in job.error  # in the language of the page it was started from
    assert not SieImport.objects.exists()
    # The file stays for a retry until it is saved.
    assert StagedUpload.objects.count() == 1


def test_a_large_import_is_confirmed_by_the_worker(client, world, settings):
    settings.DIPPS_SIE_CONFIRM_INLINE_MAX_ROWS = 3
    upload(client, world, sie_file(vouchers(2)))
    sie_import = SieImport.objects.get()

    response = client.post(reverse("finance:import_confirm", args=[sie_import.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert CostEntry.objects.filter(state="counted").count() == 0

    work_off_the_queue()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["counted"] == 4
    assert job.result_url == reverse("finance:overview", args=[world.programme.code])
    assert CostEntry.objects.filter(state="counted").count() == 4


def test_a_small_file_is_still_read_while_the_person_waits(client, world):
    response = upload(client, world, sie_file(vouchers(2)))
    sie_import = SieImport.objects.get()
    assert response["Location"] == reverse("finance:import_review", args=[sie_import.pk])
    assert not Job.objects.exists()
