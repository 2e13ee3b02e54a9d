"""The programme's DiD estimate with many draws, kept (services_comparison.did_estimate_save):
what the background job runs."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dipps.impact import did
from dipps.impact.models import DidEstimate
from dipps.impact.selectors_comparison import evaluation
from dipps.impact.services_comparison import did_estimate_save
from tests.jobs_app.worker import work_off_the_queue

from .test_comparison import example  # noqa: F401 (the hand-worked example's fixture)

pytestmark = pytest.mark.django_db


def test_the_kept_estimate_is_the_pages_with_the_same_draws_and_seed(world, example):  # noqa: F811
    calls = []
    with translation.override("en"):
        kept = did_estimate_save(
            programme=world.programme,
            draws=did.DEFAULT_DRAWS,
            seed=did.DEFAULT_SEED,
            by=world.users["manager"],
            progress=lambda *a: calls.append(a),
        )
    page = evaluation(world.programme).estimate
    assert (kept.treated, kept.comparison, kept.dropped) == (2, 2, 1)
    assert (kept.treated_change, kept.comparison_change, kept.att) == (
        D("20000.00"),
        D("5000.00"),
        D("15000.00"),
    )
    assert kept.ci95 == page.ci95
    assert kept.computed_by == world.users["manager"]
    assert calls[0] == (0, 4000, "Matching the firms")
    assert (2000, 4000, "Bootstrap draws") in calls and (4000, 4000, "Bootstrap draws") in calls
    assert calls[-1] == (4000, 4000, "Saving")


def test_more_draws_give_another_interval_around_the_same_effect(world, example):  # noqa: F811
    kept = did_estimate_save(programme=world.programme, draws=20_000, seed=3)
    assert kept.att == D("15000.00") and kept.draws == 20_000
    assert D(2000) <= kept.ci_low <= kept.att <= kept.ci_high <= D(28000)
    assert DidEstimate.objects.count() == 1


def test_no_comparison_group_gives_a_reason_and_keeps_nothing(world):
    with (
        pytest.raises(ValidationError, match="No estimate: the treated group"),
        translation.override("en"),
    ):
        did_estimate_save(programme=world.programme, draws=100, seed=1)
    assert DidEstimate.objects.count() == 0


def test_the_job_keeps_the_estimate_and_the_page_shows_it(world, example, client_as):  # noqa: F811

    from dipps.core.jobs import start_job
    from dipps.core.models import Job
    from dipps.impact.jobs import DID

    job = start_job(
        kind=DID,
        owner=world.users["manager"],
        params={"programme": "DIPPS", "draws": 5000, "seed": 2},
        programme_code="DIPPS",
    )
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["att"] == "15000.00"
    with translation.override("sv"):
        page = client_as("observer").get("/impact/programme/DIPPS/comparison/")
    html = page.content.decode()
    assert 'data-testid="kept-estimate"' in html and "5\xa0000 dragningar" in html


def test_the_manager_starts_the_estimate_from_the_page(world, client_as):
    from dipps.core.models import Job

    page = client_as("manager").get("/impact/programme/DIPPS/comparison/")
    assert b"/impact/programme/DIPPS/comparison/estimate/" in page.content
    page = client_as("coach").get("/impact/programme/DIPPS/comparison/")
    assert b"/impact/programme/DIPPS/comparison/estimate/" not in page.content
    response = client_as("manager").post(
        "/impact/programme/DIPPS/comparison/estimate/", {"draws": 20000, "seed": 4}
    )
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert (job.kind, job.params) == (
        "impact.did_estimate",
        {"programme": "DIPPS", "draws": 20000, "seed": 4},
    )
