"""Monte Carlo for every firm of a programme (services_programme): what a job runs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dipps.accounts.models import Role
from dipps.scenarios import risk, services
from dipps.scenarios.models import RunKind, ScenarioRun
from dipps.scenarios.services_programme import programme_montecarlo
from tests.factories import make_company, make_programme
from tests.jobs_app.worker import work_off_the_queue

from .test_services import FIGURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def firms(world):
    coach = world.users[Role.COACH]
    old = services.cost_structure_save(company=world.company, year=2023, figures=FIGURES, by=coach)
    new = services.cost_structure_save(
        company=world.company, year=2024, figures={**FIGURES, "labour": Decimal(6e6)}, by=coach
    )
    other = services.cost_structure_save(
        company=world.other_company, year=2024, figures=FIGURES, by=coach
    )
    outside = make_company("Utanför AB", programme=make_programme("OTHER"))
    services.cost_structure_save(company=outside, year=2024, figures=FIGURES, by=None)
    return old, new, other


def test_each_firms_latest_cost_structure_gets_the_run_its_own_page_would_make(world, firms):
    _old, new, other = firms
    calls = []
    result = programme_montecarlo(
        user=world.users[Role.COACH],
        programme=world.programme,
        factor_model=risk.DEFAULT_FACTORS,
        draws=2000,
        seed=7,
        progress=lambda *a: calls.append(a),
    )
    assert result == {"programme": "DIPPS", "runs": 2, "left_out": 0}
    made = {r.cost_structure_id: r for r in ScenarioRun.objects.all()}
    assert set(made) == {new.pk, other.pk}
    new.refresh_from_db()  # the figures as stored, which the programme's runs read
    single = services.montecarlo_run(
        cost_structure=new, factor_model=risk.DEFAULT_FACTORS, draws=2000, seed=7, by=None
    )
    assert made[new.pk].result_json == single.result_json
    assert made[new.pk].input_json == single.input_json
    assert (made[new.pk].kind, made[new.pk].draws, made[new.pk].seed) == (
        RunKind.MONTECARLO,
        2000,
        7,
    )
    assert made[new.pk].created_by == world.users[Role.COACH]
    assert [c[:2] for c in calls] == [(0, 2), (1, 2), (2, 2), (2, 2)]


def test_a_run_killed_before_saving_saves_nothing(world, firms):
    def killed(done, total, message):
        if done == total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        programme_montecarlo(
            user=world.users[Role.MANAGER],
            programme=world.programme,
            factor_model=risk.DEFAULT_FACTORS,
            draws=1000,
            seed=1,
            progress=killed,
        )
    assert ScenarioRun.objects.count() == 0


def test_only_a_programme_manager_or_coach_runs_the_firms(world, firms):
    for role in (Role.OBSERVER, Role.FINANCE, Role.COMPANY):
        result = programme_montecarlo(
            user=world.users[role],
            programme=world.programme,
            factor_model=risk.DEFAULT_FACTORS,
            draws=1000,
            seed=1,
        )
        assert result["runs"] == 0
    assert ScenarioRun.objects.count() == 0


def test_an_invalid_factor_model_is_refused(world, firms):
    bad = risk.FactorModel(
        risk.DEFAULT_FACTORS.factors,
        risk.DEFAULT_FACTORS.marginals,
        risk.DEFAULT_FACTORS.correlation * 2,
    )
    with pytest.raises(ValidationError):
        programme_montecarlo(
            user=world.users[Role.COACH],
            programme=world.programme,
            factor_model=bad,
            draws=1000,
            seed=1,
        )


def test_the_job_saves_every_firms_run(world, firms):

    from dipps.core.jobs import start_job
    from dipps.core.models import Job
    from dipps.scenarios.jobs import MONTECARLO

    job = start_job(
        kind=MONTECARLO,
        owner=world.users[Role.COACH],
        params={"programme": "DIPPS", "draws": 1000, "seed": 5},
        programme_code="DIPPS",
    )
    work_off_the_queue()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["runs"] == 2 and ScenarioRun.objects.filter(seed=5, draws=1000).count() == 2
    assert job.result_url == "/scenarios/programme/?programme=DIPPS"


def test_the_programme_page_offers_the_run_to_its_writers_and_starts_a_job(world, client_as):
    from dipps.core.models import Job

    page = client_as(Role.COACH).get("/scenarios/programme/?programme=DIPPS")
    assert b"/scenarios/programme/DIPPS/montecarlo/" in page.content
    page = client_as(Role.OBSERVER).get("/scenarios/programme/?programme=DIPPS")
    assert b"/scenarios/programme/DIPPS/montecarlo/" not in page.content
    url = "/scenarios/programme/DIPPS/montecarlo/"
    refused = client_as(Role.COACH).post(url, {"draws": 10, "seed": 1})
    assert refused.url == "/scenarios/programme/?programme=DIPPS" and not Job.objects.exists()
    response = client_as(Role.COACH).post(url, {"draws": 5000, "seed": 9})
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    assert job.params == {"programme": "DIPPS", "draws": 5000, "seed": 9}
