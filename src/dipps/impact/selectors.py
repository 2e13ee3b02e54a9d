"""Reads of the impact app, scoped to the asking user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import pgettext

from dipps.accounts.models import Role
from dipps.accounts.roles import FIRM_READERS, WRITERS
from dipps.companies.models import Company, KeyFigures
from dipps.companies.selectors import company_for, roles_for_company
from dipps.engagements.models import CompanySupport, StageChange
from dipps.engagements.models import Stage as EngagementStage
from dipps.maturity.followup import T2_AFTER_MONTHS, months_later
from dipps.maturity.models import Assessment
from dipps.maturity.models import Stage as AssessmentStage

from . import pictures, productivity
from .models import ProductivityYear

# Who reads a firm's impact page: its staff and representative, and observers, for whom a
# firm's accounts are not personal data, unless the firm is a sole trader (DESIGN.md §4).
IMPACT_READERS = (*FIRM_READERS, Role.OBSERVER)


def mark_label(mark: str) -> str:
    return {
        "baseline": pgettext("productivity", "baseline"),
        "t1": pgettext("productivity", "T1"),
        "t2": pgettext("productivity", "T2"),
        "latest": pgettext("productivity", "latest year"),
    }[mark]


@dataclass
class YearRow:
    fiscal_year: int
    row: ProductivityYear
    employees: Decimal | None
    value_added: Decimal
    per_employee: Decimal | None
    marks: list[str]

    @property
    def mark_text(self) -> str:
        return ", ".join(mark_label(m) for m in self.marks)

    @property
    def source_text(self) -> str:
        text = str(self.row.get_source_display())
        return f"{text}: {self.row.source_name}" if self.row.source_name else text


@dataclass
class Comparison:
    mark: str
    year: int
    per_employee: Decimal | None
    change: productivity.Change | None
    too_early: bool = False  # the follow-up's year is not after the baseline: nothing to compare

    @property
    def label(self) -> str:
        return mark_label(self.mark)


@dataclass
class ImpactPage:
    company: Company
    can_write: bool
    rows: list[YearRow]
    marks: productivity.Marks
    first_support: date | None
    t1_day: date | None
    t2_day: date | None
    baseline: YearRow | None
    comparisons: list[Comparison] = field(default_factory=list)
    chart: str = ""


def impact_company(user, pk: int, roles=IMPACT_READERS) -> tuple[Company, set[str]]:
    """The firm `pk` for its impact pages: 404/403 as `company_for`; an observer is refused a
    sole trader's page (a sole trader's accounts are a person's)."""
    company = company_for(user, pk, roles)
    held = roles_for_company(user, company)
    if company.is_sole_trader and not held & set(FIRM_READERS):
        raise PermissionDenied
    return company, held


def follow_up_days(company: Company) -> tuple[date | None, date | None, date | None]:
    """The first support, and the T1 and T2 days: the day the follow-up was submitted, or
    when it is not yet, the day it is due (`maturity.followup`)."""
    first = CompanySupport.objects.filter(company=company).aggregate(m=Min("first_date"))["m"]
    made: dict[str, date] = {}
    for stage, when in Assessment.objects.filter(
        company=company,
        stage__in=(AssessmentStage.T1, AssessmentStage.T2),
        submitted__isnull=False,
    ).values_list("stage", "submitted"):
        day = timezone.localdate(when)
        made[stage] = min(day, made.get(stage, day))
    t1 = made.get(AssessmentStage.T1)
    if t1 is None:
        t1 = StageChange.objects.filter(
            engagement__company=company, to_stage=EngagementStage.FOLLOW_UP
        ).aggregate(m=Min("on"))["m"]
    t2 = made.get(AssessmentStage.T2)
    if t2 is None and AssessmentStage.T1 in made:
        t2 = months_later(made[AssessmentStage.T1], T2_AFTER_MONTHS)
    return first, t1, t2


def impact_page(user, pk: int) -> ImpactPage:
    company, held = impact_company(user, pk)
    page = firm_productivity(company, can_write=bool(held & set(WRITERS)))
    page.chart = pictures.productivity_chart(page.rows, page.comparisons)
    return page


def firm_productivity(company: Company, *, can_write: bool = False) -> ImpactPage:
    """The firm's productivity years, marks and comparisons (no access check: callers
    check the firm or the programme first)."""
    first, t1, t2 = follow_up_days(company)
    marks = productivity.marks(
        first_support=first, t1_day=t1, t2_day=t2, year_end=company.fiscal_year_end
    )
    staff = dict(KeyFigures.objects.filter(company=company).values_list("fiscal_year", "headcount"))
    rows = []
    for year in ProductivityYear.objects.filter(company=company).order_by("fiscal_year"):
        value = year.value_added
        employees = staff.get(year.fiscal_year)
        rows.append(
            YearRow(
                fiscal_year=year.fiscal_year,
                row=year,
                employees=employees,
                value_added=value,
                per_employee=productivity.per_employee(value, employees),
                marks=marks.label_of(year.fiscal_year),
            )
        )
    by_year = {r.fiscal_year: r for r in rows}
    baseline = by_year.get(marks.baseline) if marks.baseline is not None else None
    comparisons = []
    for mark, year in (("t1", marks.t1), ("t2", marks.t2)):
        if year is None:
            continue
        later = by_year.get(year)
        if marks.baseline is not None and year <= marks.baseline:
            comparisons.append(Comparison(mark, year, None, None, too_early=True))
            continue
        comparisons.append(
            Comparison(
                mark=mark,
                year=year,
                per_employee=later.per_employee if later else None,
                change=productivity.change(
                    baseline.per_employee if baseline else None,
                    later.per_employee if later else None,
                ),
            )
        )
    # The latest year with figures, when it is after the baseline and no follow-up's year:
    # the change so far, before (or beyond) the follow-ups.
    latest = rows[-1] if rows else None
    if (
        latest is not None
        and baseline is not None
        and latest.fiscal_year > baseline.fiscal_year
        and latest.fiscal_year not in (marks.t1, marks.t2)
    ):
        comparisons.append(
            Comparison(
                mark="latest",
                year=latest.fiscal_year,
                per_employee=latest.per_employee,
                change=productivity.change(baseline.per_employee, latest.per_employee),
            )
        )
    return ImpactPage(
        company=company,
        can_write=can_write,
        rows=rows,
        marks=marks,
        first_support=first,
        t1_day=t1,
        t2_day=t2,
        baseline=baseline,
        comparisons=comparisons,
    )
