"""Reads of the automation pre-studies, always scoped to the asking user.

A pre-study belongs to a firm, so who may read or change it is decided as for the firm's
other pages (``companies.selectors.company_check``): the programme's staff read it, its
programme managers and coaches change it, the firm's representative reads their own. The
programme pipeline is counts and sums only, so an observer may see it and no firm is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import FIRM_READERS, WRITERS
from dipps.companies.selectors import company_check, company_for, roles_for_company
from dipps.programmes.selectors import programmes_visible_to

from .models import PreStudy, ProcessStep, Quote, Solution, Status


def _steps() -> Prefetch:
    return Prefetch(
        "steps",
        ProcessStep.objects.select_related("action_item", "measure__cost_structure")
        .prefetch_related(Prefetch("quotes", Quote.objects.order_by("id")))
        .order_by("id"),
    )


def can_edit(user, company) -> bool:
    return bool(roles_for_company(user, company) & set(WRITERS))


def company_prestudies(user, company_pk: int):
    """The firm and its pre-studies, for a role that may read the firm's pages."""
    company = company_for(user, company_pk, FIRM_READERS)
    studies = (
        PreStudy.objects.filter(company=company)
        .select_related("programme")
        .prefetch_related(_steps())
        .order_by("-created", "-id")
    )
    return company, studies


def prestudy_get(user, pk: int, roles=FIRM_READERS) -> PreStudy:
    """One pre-study: 404 when the user may not see its firm at all, 403 with another role."""
    study = get_object_or_404(
        PreStudy.objects.select_related("company", "programme").prefetch_related(_steps()),
        pk=pk,
    )
    company_check(user, study.company, roles)
    return study


def step_get(user, pk: int, roles=WRITERS) -> ProcessStep:
    step = get_object_or_404(
        ProcessStep.objects.select_related(
            "prestudy__company", "prestudy__programme", "action_item", "measure"
        ).prefetch_related(Prefetch("quotes", Quote.objects.order_by("id"))),
        pk=pk,
    )
    company_check(user, step.prestudy.company, roles)
    return step


def programmes_for_new(user, company) -> QuerySet:
    """The programmes in which the user may start a pre-study of this firm."""
    return programmes_visible_to(user, WRITERS).filter(participations__company=company)


# --- the programme pipeline: counts and sums only ----------------------------------------


@dataclass
class PipelineRow:
    """Pre-studies of one status (or one solution): how many, their steps, the investment of
    the chosen quotes and the hours a year the steps would free."""

    key: str
    label: str
    prestudies: int = 0
    steps: int = 0
    investment: Decimal = Decimal(0)
    hours_freed: Decimal = Decimal(0)
    firms: set[int] = field(default_factory=set)


@dataclass
class Pipeline:
    by_status: list[PipelineRow]
    by_solution: list[PipelineRow]
    total: PipelineRow


def pipeline(programme) -> Pipeline:
    """The programme's pre-studies by status and by proposed solution."""
    statuses = {s.value: PipelineRow(s.value, str(s.label)) for s in Status}
    solutions = {s.value: PipelineRow(s.value, str(s.label)) for s in Solution}
    total = PipelineRow("total", "")
    studies = PreStudy.objects.filter(programme=programme).prefetch_related(
        Prefetch("steps", ProcessStep.objects.prefetch_related("quotes"))
    )
    for study in studies:
        row = statuses[study.status]
        for target in (row, total):
            target.prestudies += 1
            target.firms.add(study.company_id)
        for step in study.steps.all():
            quote = step.chosen_quote()
            investment = quote.investment if quote else Decimal(0)
            for target in (row, total, solutions[step.solution]):
                target.steps += 1
                target.investment += investment
                target.hours_freed += step.hours_saved_per_year
            solutions[step.solution].firms.add(study.company_id)
    return Pipeline(list(statuses.values()), list(solutions.values()), total)
