"""The company import as one step (services_import): what a background job runs."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from stdnum import luhn

from dipps.accounts.models import Role
from dipps.companies.models import Company, KeyFigures
from dipps.companies.services_import import (
    PURPOSE,
    companies_import_file,
    companies_import_staged,
    runs_as_job,
)
from dipps.core import staging
from dipps.core.models import StagedUpload
from tests.factories import make_company, make_programme, make_user
from tests.jobs_app.worker import work_off_the_queue

pytestmark = pytest.mark.django_db

HEADER = "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek"


def rows(n: int) -> bytes:
    """`n` firms with valid organisation numbers (check digit by Luhn), one year each."""
    lines = [HEADER + ",programme"]
    for i in range(n):
        nine = f"556{i:06d}"
        lines.append(f"{nine}{luhn.calc_check_digit(nine)},Firma {i} AB,16.101,2380,2024,5,9,1,P")
    return "\n".join(lines).encode()


@pytest.fixture
def coach(db):
    programme = make_programme("P")
    return make_user(Role.COACH, programme)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_reports_progress_while_checking_then_saves_every_row(coach):
    calls = []
    outcome = companies_import_file(
        owner=coach, filename="f.csv", data=rows(300), progress=lambda *a: calls.append(a)
    )
    assert outcome.errors == [] and outcome.result.companies_created == 300
    assert Company.objects.count() == 300 and KeyFigures.objects.count() == 300
    assert calls[0] == (0, 300, "Checking rows")
    assert (300, 300, "Checking rows") in calls
    assert calls[-1] == (300, 300, "Saving")
    assert outcome.as_dict() == {
        "imported": True,
        "companies_created": 300,
        "companies_updated": 0,
        "figures_created": 300,
        "figures_updated": 0,
    }


def test_a_refused_row_saves_nothing_and_names_the_row(coach):
    other = make_programme("Q")
    make_company(orgnr="5560000019", programme=other)
    outcome = companies_import_file(owner=coach, filename="f.csv", data=rows(3))
    assert outcome.result is None
    assert [(e.row, e.column) for e in outcome.errors] == [(3, "orgnr")]
    assert Company.objects.count() == 1
    assert outcome.as_dict()["imported"] is False
    assert outcome.as_dict()["errors"][0].startswith("Row 3, column orgnr:")


def test_a_staged_file_is_kept_until_its_rows_are_saved(coach):
    pk = staging.stage(owner=coach, purpose=PURPOSE, filename="f.csv", data=rows(2))
    bad = staging.stage(owner=coach, purpose="other", filename="b.csv", data=b"orgnr\n1\n")
    assert companies_import_staged(owner=coach, staged=pk).result.companies_created == 2
    assert not StagedUpload.objects.filter(pk=pk).exists()
    with pytest.raises(ValidationError, match="upload the file again"):
        companies_import_staged(owner=coach, staged=pk)
    # someone else's purpose is not found either
    with pytest.raises(ValidationError):
        companies_import_staged(owner=coach, staged=bad)


def test_a_run_that_fails_keeps_the_staged_file_for_a_retry(coach):
    pk = staging.stage(owner=coach, purpose=PURPOSE, filename="f.csv", data=rows(2))

    def killed(done, total, message):
        if message == "Saving":
            raise KeyboardInterrupt  # the worker stops as the saving starts

    with pytest.raises(KeyboardInterrupt):
        companies_import_staged(owner=coach, staged=pk, progress=killed)
    assert Company.objects.count() == 0 and StagedUpload.objects.filter(pk=pk).exists()
    assert companies_import_staged(owner=coach, staged=pk).result.companies_created == 2


def test_only_a_file_over_the_threshold_runs_as_a_job(settings):
    settings.DIPPS_JOB_IMPORT_ROWS = 2000
    assert (runs_as_job(2000), runs_as_job(2001)) == (False, True)


def test_the_job_imports_the_staged_file_and_a_bad_file_fails_naming_rows(coach):

    from dipps.companies.jobs import IMPORT
    from dipps.core.jobs import start_job
    from dipps.core.models import Job

    good = staging.stage(owner=coach, purpose=PURPOSE, filename="f.csv", data=rows(3))
    job = start_job(kind=IMPORT, owner=coach, params={"staged": good})
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["companies_created"] == 3 and job.result_url == "/companies/"
    bad = staging.stage(
        owner=coach, purpose=PURPOSE, filename="b.csv", data=rows(1) + b"\nx,,,,,,,,"
    )
    job = start_job(kind=IMPORT, owner=coach, params={"staged": bad})
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("The file has errors; nothing was imported. Row 3, column orgnr")
    assert Company.objects.count() == 3


def test_a_file_over_the_threshold_is_confirmed_as_a_job_and_a_small_one_inline(
    client, coach, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dipps.core.models import Job

    settings.DIPPS_JOB_IMPORT_ROWS = 2
    client.force_login(coach)
    upload = SimpleUploadedFile("companies.csv", rows(3), "text/csv")
    page = client.post("/companies/import/", {"file": upload})
    assert page.context["as_job"] is True
    response = client.post("/companies/import/confirm/")
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.owner, job.status) == ("companies.import", coach, Job.Status.QUEUED)
    assert Company.objects.count() == 0  # not yet: the worker imports it
    assert StagedUpload.objects.filter(pk=job.params["staged"]).exists()

    upload = SimpleUploadedFile("companies.csv", rows(2), "text/csv")
    assert client.post("/companies/import/", {"file": upload}).context["as_job"] is False
    assert client.post("/companies/import/confirm/").url == "/companies/"
    assert Company.objects.count() == 2 and Job.objects.count() == 1
