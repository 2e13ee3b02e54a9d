"""All firms' maturity reports of a programme in one ZIP file (maturity/batch.py)."""

import zipfile

import pytest
from django.utils import translation

from dipps.accounts.models import Role
from dipps.maturity.batch import report_firms, reports_zip
from tests.factories import make_company, make_programme, make_user
from tests.jobs_app.worker import work_off_the_queue

from .builders import submitted

pytestmark = pytest.mark.django_db


def test_every_firm_with_a_submitted_assessment_gets_its_report_in_the_zip(world, tmp_path):
    submitted(world.company, world.programme, level=2)
    submitted(world.other_company, world.programme, level=4)
    make_company("Utan bedömning AB", programme=world.programme)  # no assessment: no report
    elsewhere = make_programme("OTHER")
    submitted(make_company("Annat program AB", programme=elsewhere), elsewhere)
    calls = []
    path = tmp_path / "out" / "reports.zip"
    with translation.override("sv"):
        result = reports_zip(
            user=world.users[Role.COACH],
            programme=world.programme,
            path=path,
            progress=lambda *a: calls.append(a),
        )
    assert result == {"programme": "DIPPS", "reports": 2, "file": "reports.zip"}
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert names == [  # name order: Jämtlands Trä, then Sundsvalls Mekaniska
            f"mognadsrapport-{world.company.pk}-sv.pdf",
            f"mognadsrapport-{world.other_company.pk}-sv.pdf",
        ]
        assert all(z.read(n).startswith(b"%PDF-") for n in names)
    assert [c[:2] for c in calls] == [(0, 2), (1, 2), (2, 2)]
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no partial file left


def test_the_batch_holds_only_firms_the_user_sees_as_staff(world):
    submitted(world.company, world.programme)
    assert list(report_firms(world.users[Role.MANAGER], world.programme)) == [world.company]
    for role in (Role.COMPANY, Role.OBSERVER):
        assert list(report_firms(world.users[role], world.programme)) == []
    stranger = make_user(Role.COACH, make_programme("OTHER"))
    assert list(report_firms(stranger, world.programme)) == []


def test_a_batch_that_fails_half_way_leaves_no_file(world, tmp_path):
    submitted(world.company, world.programme)
    submitted(world.other_company, world.programme)

    def stop(done, total, message):
        if done == 1:
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        reports_zip(
            user=world.users[Role.COACH],
            programme=world.programme,
            path=tmp_path / "r.zip",
            progress=stop,
        )
    assert list(tmp_path.iterdir()) == []


def test_the_job_makes_the_zip_and_only_its_owner_downloads_it(world, client_as):
    from django.urls import reverse

    from dipps.core.jobs import start_job
    from dipps.core.models import Job
    from dipps.maturity.jobs import REPORTS

    submitted(world.company, world.programme)
    coach = world.users[Role.COACH]
    job = start_job(
        kind=REPORTS, owner=coach, params={"programme": "DIPPS"}, programme_code="DIPPS"
    )
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    url = reverse("maturity:reports_download", args=["DIPPS", job.pk])
    assert job.result["reports"] == 1 and job.result_url == url
    response = client_as(Role.COACH).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"PK")
    assert client_as(Role.MANAGER).get(url).status_code == 404  # staff, but not the owner
    assert client_as(Role.OBSERVER).get(url).status_code == 403


def test_the_button_starts_the_job_and_leads_to_its_page(world, client_as):
    from dipps.core.models import Job

    response = client_as(Role.COACH).post(f"/maturity/programme/{world.programme.code}/reports/")
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.programme_code, job.params) == (
        "maturity.reports_zip",
        "DIPPS",
        {"programme": "DIPPS"},
    )
    page = client_as(Role.COACH).get(f"/maturity/programme/{world.programme.code}/")
    assert b"/maturity/programme/DIPPS/reports/" in page.content
    page = client_as(Role.OBSERVER).get(f"/maturity/programme/{world.programme.code}/")
    assert b"/maturity/programme/DIPPS/reports/" not in page.content
