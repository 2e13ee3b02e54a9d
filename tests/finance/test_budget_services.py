from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.finance import selectors, services
from dipps.finance.models import BudgetLine, FinancingLine
from dipps.finance.services import BudgetInput, FinancingInput

from .helpers import partner

pytestmark = pytest.mark.django_db


def plan(world, eruf="784000"):
    org = partner(world.programme)
    fin = {f.name: f for f in world.programme.financiers.all()}
    lines = [
        BudgetInput(2024, org, "staff", D("1400000")),
        BudgetInput(2024, org, "external_services", D("200000")),
        BudgetInput(2024, org, "travel", D("50000")),
        BudgetInput(2024, org, "in_kind", D("100000")),
    ]
    financing = [
        FinancingInput(fin["IUC Z-Group"], 2024, D("196000")),
        FinancingInput(fin["Region Jämtland Härjedalen"], 2024, D("980000")),
        FinancingInput(fin["ERUF"], 2024, D(eruf)),
    ]
    return lines, financing


def test_a_plan_that_adds_up_is_saved(world):
    lines, financing = plan(world)
    services.budget_set(programme=world.programme, lines=lines, financing=financing)
    assert BudgetLine.objects.count() == 4
    assert FinancingLine.objects.count() == 3
    # Against the programme's 22 MSEK the one-year plan is short, and says so.
    assert selectors.budget_check(world.programme) == [
        "The budget totals 1,960,000.00 kr but the programme's total budget is 22,185,000.00 kr."
    ]


def test_financing_that_does_not_add_up_saves_nothing(world):
    lines, financing = plan(world, eruf="700000")
    with pytest.raises(ValidationError) as e:
        services.budget_set(programme=world.programme, lines=lines, financing=financing)
    assert e.value.messages[0] == (
        "2024: costs are 1,960,000.00 kr but financing is 1,876,000.00 kr; financing must "
        "equal costs (difference -84,000.00 kr)."
    )
    assert BudgetLine.objects.count() == 0
