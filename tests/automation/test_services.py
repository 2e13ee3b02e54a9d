"""Pre-study writes on the database: quotes all or nothing, and the one click to the plan and
the scenario (labour share = hours saved × hourly cost / the structure's labour cost)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from dipps.automation import selectors, services
from dipps.automation.models import ProcessStep
from dipps.core.audit import history_for
from dipps.engagements.models import ActionItem
from dipps.scenarios import services as scenarios
from dipps.scenarios.models import Measure
from tests.factories import approve_cases

D = Decimal
HOURS = D(1600)
LABOUR = D(4_000_000)


@pytest.fixture
def study(world):
    approve_cases(world.programme)
    return services.prestudy_save(
        company=world.company,
        programme=world.programme,
        values={
            "title": "Maskinbetjäning",
            "status": "prestudy",
            "hourly_labour_cost": D(420),
            "years": 7,
            "discount_rate_percent": D(6),
        },
        by=world.users["coach"],
    )


def _step(study, hours=HOURS, quotes=None, solution="robot"):
    if quotes is None:
        quotes = [
            services.QuoteInput("Robotbolaget AB", D(1300000), D(50000)),
            services.QuoteInput("Cellteknik AB", D(1200000), D(40000), chosen=True),
        ]
    return services.step_save(
        prestudy=study,
        values={"name": "CNC-betjäning", "solution": solution, "hours_saved_per_year": hours},
        quotes=quotes,
        by=None,
    )


def _structure(world, labour=LABOUR):
    figures = {"revenue_sek": D(20_000_000), "labour": labour}
    return scenarios.cost_structure_save(company=world.company, year=2024, figures=figures, by=None)


def test_the_chosen_quote_gives_the_contract_figures(study):
    result = _step(study).payback()
    assert (result.annual_saving, result.payback_years) == (D("632000.00"), D("1.90"))
    assert (result.npv, result.irr_percent) == (D("2328065.07"), D("49.51"))


def test_two_chosen_quotes_are_refused_and_nothing_is_saved(study):
    quotes = [
        services.QuoteInput("A", D(1), chosen=True),
        services.QuoteInput("B", D(2), chosen=True),
    ]
    with pytest.raises(ValidationError):
        _step(study, quotes=quotes)
    assert not ProcessStep.objects.exists()


def test_saving_the_step_again_replaces_its_quotes(study):
    step = _step(study)
    services.step_save(
        prestudy=study,
        step=step,
        values={"name": "CNC-betjäning"},
        quotes=[services.QuoteInput("Ny AB", D(900000), chosen=True)],
        by=None,
    )
    assert [(q.supplier, q.chosen) for q in step.quotes.all()] == [("Ny AB", True)]


def test_the_step_becomes_a_plan_item_and_an_automation_measure(world, study):
    cs = _structure(world)
    link = services.step_to_scenario(step=_step(study), by=world.users["coach"])
    # 1600 h × 420 kr = 672 000 kr of a labour cost of 4 000 000 kr: 0.168.
    assert link.labour_reduction == D("0.1680") and not link.capped
    measure = Measure.objects.get(cost_structure=cs)
    assert (measure.type, measure.labour_reduction) == ("automation", D("0.1680"))
    assert (measure.investment, measure.years) == (D("1200000.00"), 7)
    item = measure.action_item
    assert item.intervention == "robot_cell_pilot" and item.dimensions == ["automation"]
    assert item.engagement.company == world.company
    assert history_for(ProcessStep.objects.get()).filter(action="update").exists()


def test_the_scenario_shows_the_changed_costs(world, study):
    cs = _structure(world)
    services.step_to_scenario(step=_step(study), by=None)
    from dipps.scenarios.model import apply_measures

    cs.refresh_from_db()
    after = apply_measures(cs.to_core(), [m.to_core() for m in cs.measures.all()])
    # Labour 4 000 000 × (1 − 0.168) = 3 328 000; depreciation 1 200 000 / 7 more.
    assert after.labour == D("3328000.0000")
    assert after.depreciation.quantize(D("0.01")) == D("171428.57")


def test_a_second_click_updates_the_same_item_and_measure(world, study):
    _structure(world)
    step = _step(study)
    services.step_to_scenario(step=step, by=None)
    step = selectors.step_get(world.users["coach"], step.pk)
    services.step_save(
        prestudy=study,
        step=step,
        values={"hours_saved_per_year": D(800), "solution": "vision"},
        quotes=[services.QuoteInput("Cellteknik AB", D(600000), chosen=True)],
        by=None,
    )
    step.refresh_from_db()
    services.step_to_scenario(step=step, by=None)
    assert Measure.objects.count() == 1 and ActionItem.objects.count() == 1
    measure = Measure.objects.get()
    assert (measure.labour_reduction, measure.investment) == (D("0.0840"), D("600000.00"))
    assert measure.action_item.intervention == "ai_vision_pilot"


def test_hours_worth_more_than_the_labour_cost_are_capped_at_all_of_it(world, study):
    _structure(world, labour=D(500_000))
    link = services.step_to_scenario(step=_step(study), by=None)
    assert (link.labour_reduction, link.capped) == (D(1), True)


@override("en")
def test_without_a_cost_structure_or_a_chosen_quote_it_says_what_to_do_first(world, study):
    with pytest.raises(ValidationError, match="no cost structure"):
        services.step_to_scenario(step=_step(study), by=None)
    _structure(world)
    no_quote = _step(study, quotes=[])
    with pytest.raises(ValidationError, match="Choose a supplier quote"):
        services.step_to_scenario(step=no_quote, by=None)
    assert not Measure.objects.exists() and not ActionItem.objects.exists()


@override("en")
def test_a_structure_without_labour_is_refused(world, study):
    _structure(world, labour=D(0))
    with pytest.raises(ValidationError, match="no labour cost"):
        services.step_to_scenario(step=_step(study), by=None)


def test_the_pipeline_counts_and_sums_by_status_and_solution(world, study):
    _step(study)
    _step(
        study,
        hours=D(400),
        solution="cobot",
        quotes=[services.QuoteInput("C", D(300000), chosen=True)],
    )
    services.prestudy_save(
        company=world.other_company,
        programme=world.programme,
        values={
            "title": "Lager",
            "status": "installed",
            "hourly_labour_cost": D(400),
            "years": 5,
            "discount_rate_percent": D(6),
        },
        by=None,
    )
    p = selectors.pipeline(world.programme)
    rows = {r.key: (r.prestudies, r.steps, r.investment, r.hours_freed) for r in p.by_status}
    assert rows == {
        "prestudy": (1, 2, D(1500000), D(2000)),
        "decided": (0, 0, D(0), D(0)),
        "installed": (1, 0, D(0), D(0)),
    }
    assert (p.total.prestudies, len(p.total.firms), p.total.investment) == (2, 2, D(1500000))
    by_solution = {r.key: (r.steps, r.investment) for r in p.by_solution}
    assert by_solution["robot"] == (1, D(1200000)) and by_solution["cobot"] == (1, D(300000))


def test_years_outside_1_to_100_are_refused(world):
    with pytest.raises(ValidationError):
        services.prestudy_save(
            company=world.company,
            programme=world.programme,
            values={
                "title": "x",
                "hourly_labour_cost": D(1),
                "years": 0,
                "discount_rate_percent": D(6),
            },
            by=None,
        )


def test_the_history_keeps_what_changed_in_the_quotes(study):
    step = _step(study)
    quotes = [services.QuoteInput("Cellteknik AB", D(1200000), D(40000), chosen=True)]
    services.step_save(prestudy=study, step=step, values={}, quotes=quotes, by=None)
    entry = history_for(step).filter(action="update").latest("id")
    assert entry.changes["quotes"] == [
        [
            "Robotbolaget AB: 1300000.00 + 50000.00/y",
            "Cellteknik AB: 1200000.00 + 40000.00/y *",
        ],
        ["Cellteknik AB: 1200000.00 + 40000.00/y *"],
    ]
    services.step_save(prestudy=study, step=step, values={}, quotes=quotes, by=None)
    assert history_for(step).filter(action="update").count() == 1  # nothing changed
