"""The role start pages ("desks"): each gathers, from the apps that own the data, what a
role needs first. Nothing is computed here: every figure comes from the app's own
selector (the finance overview's totals, the indicator page's rows, the maturity
results' scores), so a desk never shows a second figure for one fact.

Each function takes programmes already scoped to the user's role (the start page lists
`programmes_visible_to(user, (role,))`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from dipps.accounts.models import Role
from dipps.companies.selectors import companies_visible_to
from dipps.engagements.selectors_desk import CompanyDesk, coach_firms, company_desk
from dipps.engagements.time_selectors import missing_timesheets
from dipps.finance.selectors_desk import (
    BudgetHealth,
    ClaimPeriod,
    budget_health,
    open_claim_period,
    pending_imports,
)
from dipps.indicators.selectors import Row, indicator_page
from dipps.maturity.present import score_text, signed_score_text
from dipps.maturity.selectors import company_results
from dipps.scenarios.presenters import CompanySummary, company_summary
from dipps.stateaid.selectors_case import cases_awaiting_decision, cases_to_sign


def coach(user, today: date | None = None) -> dict:
    """The coach's firms with their next steps, and the follow-ups due among them (the
    list `engagements.selectors.my_follow_ups` gives, without asking twice)."""
    firms = coach_firms(user, today)
    due = [f.follow_up for f in firms if f.follow_up is not None]
    due.sort(key=lambda f: (f.due, f.engagement.company.name, f.engagement.pk))
    return {"firms": firms, "follow_ups": due}


@dataclass
class FinanceProgramme:
    programme: object
    claim_period: ClaimPeriod | None
    imports: list


def finance(user, programmes, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "finance_programmes": [
            FinanceProgramme(p, open_claim_period(p, today), pending_imports(p)) for p in programmes
        ],
        "missing_timesheets": missing_timesheets(user, today),
    }


@dataclass
class Health:
    programme: object
    budget: BudgetHealth
    indicators: list[Row]
    awaiting_decision: list
    claim_period: ClaimPeriod | None


def manager(programmes, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    health = []
    for p in programmes:
        _values, rows = indicator_page(p)
        health.append(
            Health(
                p,
                budget_health(p),
                [r for r in rows if r.target],
                list(cases_awaiting_decision(p)),
                open_claim_period(p, today),
            )
        )
    return {"health": health}


@dataclass
class OwnFirm:
    company: object
    score: str = ""
    change: str = ""
    stage_label: str = ""
    assessed: date | None = None
    desk: CompanyDesk | None = None
    scenario: CompanySummary | None = None
    to_sign: list = field(default_factory=list)


def company(user, today: date | None = None) -> dict:
    """The representative's firms: latest maturity score and its change since T0 (as the
    results page shows them), open plan items, activities, scenario and what comes next."""
    today = today or timezone.localdate()
    signing = list(cases_to_sign(user))
    firms = []
    for c in companies_visible_to(user, (Role.COMPANY,)).order_by("name"):
        firm = OwnFirm(c, desk=company_desk(user, c.pk, today))
        results = company_results(user, c.pk)
        if results.latest is not None and results.latest.exact is not None:
            firm.score = score_text(results.latest.exact.overall)
            firm.change = signed_score_text(results.overall_gain)
            firm.stage_label = results.latest.get_stage_display()
            firm.assessed = timezone.localdate(results.latest.submitted)
        firm.scenario = company_summary(user, c)
        firm.to_sign = [case for case in signing if case.company_id == c.pk]
        firms.append(firm)
    return {"firms": firms, "cases_to_sign": signing}
