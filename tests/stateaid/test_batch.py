"""All firms' de minimis certificates of a programme in one ZIP file (stateaid/batch.py)."""

import zipfile

import pytest
from django.utils import translation

from dipps.accounts.models import Role
from dipps.stateaid.batch import certificate_firms, certificates_zip
from tests.engagements.helpers import rates, record
from tests.factories import make_programme, make_user
from tests.jobs_app.worker import work_off_the_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def test_every_firm_with_the_programmes_aid_gets_its_certificate(w, tmp_path):
    record(w, companies=[w.company, w.other_company])
    calls = []
    with translation.override("en"):
        result = certificates_zip(
            user=w.users[Role.MANAGER],
            programme=w.programme,
            path=tmp_path / "c.zip",
            progress=lambda *a: calls.append(a),
        )
    assert result == {"programme": "DIPPS", "certificates": 2, "file": "c.zip"}
    with zipfile.ZipFile(tmp_path / "c.zip") as z:
        assert z.namelist() == [
            f"de-minimis-certificate-{w.company.pk}-DIPPS.pdf",
            f"de-minimis-certificate-{w.other_company.pk}-DIPPS.pdf",
        ]
        assert all(z.read(n).startswith(b"%PDF-") for n in z.namelist())
    assert calls[-1][:2] == (2, 2)


def test_only_staff_who_see_the_firm_get_its_certificate(w):
    record(w)
    assert list(certificate_firms(w.users[Role.COACH], w.programme)) == [w.company]
    for role in (Role.COMPANY, Role.OBSERVER):
        assert list(certificate_firms(w.users[role], w.programme)) == []
    assert list(certificate_firms(make_user(Role.COACH, make_programme("X")), w.programme)) == []


def test_the_job_makes_the_zip_for_its_owner(w, client_as):
    from django.urls import reverse

    from dipps.core.jobs import start_job
    from dipps.core.models import Job
    from dipps.stateaid.jobs import CERTIFICATES

    record(w)
    job = start_job(
        kind=CERTIFICATES,
        owner=w.users[Role.FINANCE],
        params={"programme": "DIPPS"},
        programme_code="DIPPS",
    )
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["certificates"] == 1
    url = reverse("stateaid:certificates_download", args=["DIPPS", job.pk])
    assert client_as(Role.FINANCE).get(url).status_code == 200
    assert client_as(Role.COACH).get(url).status_code == 404
