"""The programme's cost model (issue 12, item 1): the rate's range per model, the flat-rate
line of a claim under each model, the model named in words on the pages and the PDF."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core import pdf
from dipps.finance import budget, services
from dipps.finance.claim_model import STAFF_PLUS_15_ACTUAL, STAFF_PLUS_40
from dipps.finance.models import FinancePlan, ReportingPeriod
from dipps.finance.services import BudgetInput, FinancingInput
from dipps.finance.services.claims import ClaimFigures

from .helpers import ledger_for_claims, partner, salary
from .test_plan_forms import BALANCED, budget_post

pytestmark = pytest.mark.django_db

REFUSED_40 = (
    "Under the cost model staff costs + 40 % the flat rate must be above 0 and at most 40 %."
)
REFUSED_15 = (
    "Under the cost model staff costs + actual purchases + 15 % the flat rate must be between "
    "0 and 15 %."
)


def _plan(programme, model, rate):
    FinancePlan.objects.update_or_create(
        programme=programme, defaults={"cost_model": model, "indirect_rate_percent": D(rate)}
    )


@pytest.fixture
def claim(world):
    """Period 1 holds staff 13,000.00 (voucher 1: a salary of 10,000 with its fees, see
    helpers.salary) and travel 1,234.50; voucher 2 falls in period 2."""
    ledger_for_claims(world, [salary(1, date(2024, 1, 25)), salary(2, date(2024, 7, 25))])
    period = ReportingPeriod.objects.get(programme=world.programme, number=1)
    return services.claim_open(period=period)


def test_under_staff_plus_15_actual_purchases_count_and_the_rate_is_of_staff(world, claim):
    _plan(world.programme, STAFF_PLUS_15_ACTUAL, "12")
    figures = services.claim_figures(claim)
    # 13,000.00 × 12 % = 1,560.00; + travel 1,234.50 → 15,794.50.
    assert figures.costs["staff"] == D("13000.00")
    assert figures.costs["travel"] == D("1234.50")
    assert figures.costs["indirect"] == D("1560.00")
    assert figures.total == D("15794.50")
    assert figures.not_eligible == D("0.00")
    assert figures.cost_model == STAFF_PLUS_15_ACTUAL


def test_under_staff_plus_40_the_flat_rate_covers_purchases(world, claim):
    _plan(world.programme, STAFF_PLUS_40, "40")
    figures = services.claim_figures(claim)
    # 13,000.00 × 40 % = 5,200.00; travel is not eligible → 18,200.00, 1,234.50 shown apart.
    assert figures.costs == {
        "staff": D("13000.00"),
        "external_services": D("0.00"),
        "travel": D("0.00"),
        "investments": D("0.00"),
        "indirect": D("5200.00"),
        "in_kind": D("0.00"),
    }
    assert figures.total == D("18200.00")
    assert figures.not_eligible == D("1234.50")
    assert figures.cumulative["travel"] == D("0.00")
    # The frozen snapshot keeps the model and the ineligible sum.
    again = ClaimFigures.from_json(figures.to_json())
    assert (again.cost_model, again.not_eligible) == (STAFF_PLUS_40, D("1234.50"))


def test_an_old_snapshot_reads_as_the_15_model():
    data = ClaimFigures(
        costs={}, total=D(0), cumulative={}, cumulative_total=D(0), budget={},
        budget_total=D(0), cofinancing=[], rate_percent=D(15), entries=0, indicators={},
    ).to_json()  # fmt: skip
    del data["cost_model"], data["not_eligible"]
    old = ClaimFigures.from_json(data)
    assert (old.cost_model, old.not_eligible) == (STAFF_PLUS_15_ACTUAL, D(0))


@pytest.mark.parametrize(
    ("language", "label", "not_eligible"),
    [
        ("en", "staff costs + flat rate of up to 40 per cent for all other costs", "not eligible"),
        (
            "sv",
            "personalkostnader + schablon på upp till 40 procent för alla övriga kostnader",
            "ej stödberättigande",
        ),
    ],
)
def test_the_claim_page_and_pdf_name_the_model_in_words(
    world, claim, client_as, monkeypatch, language, label, not_eligible
):
    _plan(world.programme, STAFF_PLUS_40, "40")
    pages: list[str] = []
    render = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: pages.append(render(*a, **k)) or pages[-1]
    )
    c = client_as("finance")
    c.cookies["django_language"] = language
    page = c.get(reverse("finance:claim", args=[claim.pk])).content.decode()
    c.get(reverse("finance:claim_pdf", args=[claim.pk]))
    for html in (page, pages[0]):
        assert label in html
        assert STAFF_PLUS_40 not in html
        assert not_eligible in html
        assert 'id="claim-not-eligible"' in html


def _budget(world, model, rate, *, travel=None):
    org = partner(world.programme)
    fin = {f.name: f for f in world.programme.financiers.all()}
    lines = [BudgetInput(2024, org, "staff", D("100000"))]
    if travel:
        lines.append(BudgetInput(2024, org, "travel", D(travel)))
    total = D("100000") * (1 + D(rate) / 100) + D(travel or 0)
    financing = [
        FinancingInput(fin["IUC Z-Group"], 2024, total / 10),
        FinancingInput(fin["Region Jämtland Härjedalen"], 2024, total / 2),
        FinancingInput(fin["ERUF"], 2024, total * 4 / 10),
    ]
    services.budget_set(
        programme=world.programme,
        lines=lines,
        financing=financing,
        rate_percent=D(rate),
        cost_model=model,
    )


@pytest.mark.parametrize(
    ("model", "rate", "message"),
    [
        (STAFF_PLUS_40, "40.01", REFUSED_40),
        (STAFF_PLUS_40, "0", REFUSED_40),
        (STAFF_PLUS_15_ACTUAL, "15.01", REFUSED_15),
    ],
)
def test_a_rate_outside_the_models_range_is_refused(world, model, rate, message):
    with pytest.raises(ValidationError) as e:
        _budget(world, model, rate)
    assert e.value.messages == [message]
    assert not FinancePlan.objects.filter(programme=world.programme).exists()


@pytest.mark.parametrize(
    ("model", "rate"),
    [(STAFF_PLUS_40, "40"), (STAFF_PLUS_15_ACTUAL, "15"), (STAFF_PLUS_15_ACTUAL, "0")],
)
def test_a_rate_inside_the_range_is_saved_with_its_model(world, model, rate):
    _budget(world, model, rate)
    plan = FinancePlan.objects.get(programme=world.programme)
    assert (plan.cost_model, plan.indirect_rate_percent) == (model, D(rate))


def test_no_purchases_may_be_budgeted_under_staff_plus_40(world):
    with pytest.raises(ValidationError) as e:
        _budget(world, STAFF_PLUS_40, "40", travel="5000")
    assert e.value.messages == [
        "2024, IUC Z-Group: under the cost model staff costs + 40 % the flat rate covers every "
        "other cost; no purchases may be budgeted."
    ]


def test_the_budget_form_refuses_a_rate_outside_the_model_and_saves_nothing(world, client_as):
    data = {**budget_post(world, BALANCED), "cost_model": STAFF_PLUS_40, "rate_percent": "40.01"}
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    response = c.post(reverse("finance:budget_edit", args=[world.programme.code]), data)
    assert response.status_code == 200
    assert REFUSED_40 in response.content.decode()
    assert not FinancePlan.objects.filter(programme=world.programme).exists()


def test_the_budget_page_names_the_model(world, client_as):
    _budget(world, STAFF_PLUS_40, "40")
    c = client_as("finance")
    c.cookies["django_language"] = "sv"
    page = c.get(reverse("finance:budget", args=[world.programme.code])).content.decode()
    assert "Kostnadsmodell: personalkostnader + schablon på upp till 40 procent" in page
    # 100,000 staff + 40,000 flat rate.
    assert budget.budget_totals(
        [budget.BudgetLine(2024, "X", "staff", D("100000"))], D(40), STAFF_PLUS_40
    ).total == D("140000.00")


def test_the_pure_range_check_reuses_the_claim_core():
    assert budget.rate_allowed(STAFF_PLUS_40, D(40))
    assert not budget.rate_allowed(STAFF_PLUS_40, D("40.01"))
    assert not budget.rate_allowed(STAFF_PLUS_40, D(0))
    assert budget.rate_allowed(STAFF_PLUS_15_ACTUAL, D(0))
    assert not budget.rate_allowed(STAFF_PLUS_15_ACTUAL, D("15.01"))
    assert budget.not_eligible({"travel": D("10"), "staff": D("5")}, STAFF_PLUS_40) == D("10.00")
