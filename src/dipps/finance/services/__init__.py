"""The finance app's writes, one module per part of the domain.

- `budget`: the budget and financing plan and its versions (drafts, decisions), the flat
  rate, the partners' ledger settings;
- `ledger`: costs entered by hand;
- `ledger_import`: SIE files staged for review, then confirmed or discarded;
- `salaries`: the monthly salaries behind the handbook's unit cost per hour;
- `staff_costs`: the ledger's staff costs from the timesheets;
- `claims`: reporting periods and payment claims (and a claim's figures, frozen when it is
  submitted);
- `evaluation`: the evaluation plan and reports, and the final report of the last claim.

Reads live in `finance.selectors`, which never imports from here. Callers use the names
below (`services.budget_set(...)`).
"""

from .budget import (
    BudgetInput,
    FinancingInput,
    PartnerInput,
    budget_set,
    budget_version_decide,
    budget_version_submit,
    partner_ledgers_set,
)
from .claims import (
    TEXT_FIELDS,
    claim_figures,
    claim_open,
    claim_submit,
    claim_update,
    reporting_periods_set,
)
from .evaluation import (
    FINAL_TEXT_FIELDS,
    evaluation_plan_set,
    evaluation_report_add,
    final_figures,
    final_report_freeze,
    final_report_update,
)
from .ledger import cost_entry_create, cost_entry_delete
from .ledger_import import (
    OrgnrMismatch,
    sie_import_confirm,
    sie_import_discard,
    sie_import_exclude,
    sie_import_stage,
)
from .salaries import SalaryInput, staff_salaries_set
from .staff_costs import staff_costs_from_timesheets

__all__ = [
    "FINAL_TEXT_FIELDS",
    "evaluation_plan_set",
    "evaluation_report_add",
    "final_figures",
    "final_report_freeze",
    "final_report_update",
    "TEXT_FIELDS",
    "BudgetInput",
    "FinancingInput",
    "OrgnrMismatch",
    "PartnerInput",
    "SalaryInput",
    "budget_set",
    "budget_version_decide",
    "budget_version_submit",
    "claim_figures",
    "claim_open",
    "claim_submit",
    "claim_update",
    "cost_entry_create",
    "cost_entry_delete",
    "partner_ledgers_set",
    "reporting_periods_set",
    "sie_import_confirm",
    "sie_import_discard",
    "sie_import_exclude",
    "sie_import_stage",
    "staff_costs_from_timesheets",
    "staff_salaries_set",
]
