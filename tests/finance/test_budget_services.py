from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.finance import selectors, services
from dipps.finance.models import BudgetLine, FinancingLine
from dipps.finance.services import BudgetInput, FinancingInput

from .helpers import partner

pytestmark = pytest.mark.django_db


def plan(world, eruf="744000"):
    org = partner(world.programme)
    fin = {f.name: f for f in world.programme.financiers.all()}
    lines = [
        BudgetInput(2024, org, "staff", D("1400000")),
        BudgetInput(2024, org, "external_services", D("200000")),
        BudgetInput(2024, org, "travel", D("50000")),
        BudgetInput(2024, org, "in_kind", D("100000")),
    ]
    financing = [
        # 1 960 000 of costs less 100 000 in kind, financed 10/50/40 % in cash
        FinancingInput(fin["IUC Z-Group"], 2024, D("186000")),
        FinancingInput(fin["Region Jämtland Härjedalen"], 2024, D("930000")),
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
        "2024: costs other than in kind are 1,860,000.00 kr but the cash financing is "
        "1,816,000.00 kr; the cash financing must equal them (difference -44,000.00 kr). The "
        "in-kind costs, 100,000.00 kr, are financed by contributions in kind of the same "
        "amount, not by the cash financiers."
    )
    assert BudgetLine.objects.count() == 0
