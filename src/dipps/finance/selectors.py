"""Reads for finance, scoped to the asking user.

Finance pages are for the programme manager and the finance officer *of the programme
the page is about*. Programme pages check that through `programme_view(*FINANCE)`;
every object (import, claim, period, cost entry) is looked up among the programmes where
the user holds a FINANCE role, so a role held in another programme, or another
programme's object, is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.accounts.roles import FINANCE, READERS, in_programmes
from dipps.core.models import Job
from dipps.programmes.models import Financier, Organisation, Programme

from . import budget, claim_model, ledger
from .messages import budget_messages
from .models import (
    BudgetVersion,
    CostEntry,
    EvaluationPlan,
    EvaluationReport,
    FinancePlan,
    FinancingLine,
    PaymentClaim,
    ReportingPeriod,
    SieImport,
    StaffCostMethod,
    StaffSalary,
)


def partners_of(programme):
    """The organisations that may book costs: the owner and the partners."""
    return Organisation.objects.filter(
        Q(partner_programmes=programme) | Q(pk=programme.owner_id)
    ).distinct()


# How long a failed SIE job stays listed beside the imports (its page stays reachable).
FAILED_JOBS_SHOWN_HOURS = 24


def sie_jobs(programme: Programme) -> list[Job]:
    """The programme's SIE files being read or confirmed in the background, and the ones
    that failed lately: the import pages link them, so a person who left can come back."""
    since = timezone.now() - timedelta(hours=FAILED_JOBS_SHOWN_HOURS)
    return list(
        Job.objects.filter(programme_code=programme.code, kind__startswith="finance.sie_")
        .filter(
            Q(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
            | Q(status=Job.Status.FAILED, finished_at__gte=since)
        )
        .select_related("owner")
        .order_by("-created_at")[:20]
    )


def sie_import_get(user, pk: int) -> SieImport:
    imports = SieImport.objects.select_related("programme", "organisation")
    return get_object_or_404(in_programmes(imports, user, FINANCE), pk=pk)


def claims_visible_to(user, roles=FINANCE) -> QuerySet[PaymentClaim]:
    """The payment claims of the programmes where the user holds one of `roles`."""
    claims = PaymentClaim.objects.select_related("period__programme", "submitted_by")
    return in_programmes(claims, user, roles, "period__programme")


def claim_get(user, pk: int) -> PaymentClaim:
    return get_object_or_404(claims_visible_to(user), pk=pk)


def period_get(user, pk: int) -> ReportingPeriod:
    periods = ReportingPeriod.objects.select_related("programme")
    return get_object_or_404(in_programmes(periods, user, FINANCE), pk=pk)


def entry_get(user, pk: int) -> CostEntry:
    entries = CostEntry.objects.select_related("programme")
    return get_object_or_404(in_programmes(entries, user, FINANCE), pk=pk)


def rate_of(programme: Programme) -> Decimal:
    """The programme's flat rate for indirect costs (the default until a plan sets one)."""
    plan = FinancePlan.objects.filter(programme=programme).first()
    return plan.indirect_rate_percent if plan else budget.DEFAULT_FLAT_RATE


def cost_model_of(programme: Programme) -> str:
    """The programme's cost model (`claim_model.COST_MODELS`; the default until a plan sets one)."""
    plan = FinancePlan.objects.filter(programme=programme).first()
    return plan.cost_model if plan else budget.DEFAULT_COST_MODEL


def staff_cost_method_of(programme: Programme) -> tuple[str, Decimal]:
    """The programme's staff cost method and yearly uplift (the defaults until a plan sets them)."""
    plan = FinancePlan.objects.filter(programme=programme).first()
    if plan is None:
        return StaffCostMethod.UNIT_COST, claim_model.DEFAULT_UPLIFT_PERCENT
    return plan.staff_cost_method, plan.uplift_percent


def staff_salaries(programme: Programme) -> list[StaffSalary]:
    """The programme's salary records for the unit cost, by person (finance pages only)."""
    return list(StaffSalary.objects.filter(programme=programme).select_related("user"))


def budget_versions(programme: Programme) -> list[BudgetVersion]:
    """Every version of the programme's budget, the first first."""
    return list(
        BudgetVersion.objects.filter(programme=programme)
        .select_related("created_by")
        .order_by("number")
    )


def version_in_force(programme: Programme, day: date) -> BudgetVersion | None:
    """The approved version in force on `day` (`budget.version_in_force`), or None."""
    approved = {
        v.number: v
        for v in BudgetVersion.objects.filter(
            programme=programme, status=BudgetVersion.Status.APPROVED
        )
    }
    number = budget.version_in_force(
        [budget.ApprovedVersion(v.number, v.in_force_from) for v in approved.values()], day
    )
    return approved.get(number) if number is not None else None


def open_version(programme: Programme) -> BudgetVersion | None:
    """The version being worked on (a draft, or submitted and awaiting its decision)."""
    return BudgetVersion.objects.filter(programme=programme, status__in=BudgetVersion.OPEN).first()


def version_shown(programme: Programme, number: str | int | None = None) -> BudgetVersion | None:
    """The version a budget page shows: the one asked for (404 if there is none), else the
    one in force today, else the latest (a programme whose first budget is not approved)."""
    versions = BudgetVersion.objects.filter(programme=programme)
    if number not in (None, ""):
        if not str(number).isdigit():
            raise Http404
        return get_object_or_404(versions, number=int(number))
    return version_in_force(programme, timezone.localdate()) or versions.order_by("number").last()


def version_lines(version: BudgetVersion | None) -> list[budget.BudgetLine]:
    if version is None:
        return []
    return [
        budget.BudgetLine(b.year, b.organisation.name, b.category, b.amount)
        for b in version.lines.select_related("organisation")
    ]


def version_financing(version: BudgetVersion | None) -> list[FinancingLine]:
    if version is None:
        return []
    return list(version.financing.select_related("financier").order_by("year", "financier"))


def version_totals(version: BudgetVersion | None) -> budget.BudgetTotals:
    """A version's totals with its own cost model and rate (empty without a version)."""
    if version is None:
        return budget.BudgetTotals()
    return budget.budget_totals(version_lines(version), version.rate_percent, version.cost_model)


def version_differences(version: BudgetVersion, base: BudgetVersion | None):
    """What a version changes against `base` (usually the version in force)."""
    return budget.differences(version_totals(base), version_totals(version))


def budget_check(programme: Programme, version: BudgetVersion | None = None) -> list[str]:
    """A stored version's problems (the shown one by default), the comparison with the
    programme's total included."""
    version = version or version_shown(programme)
    lines = version_lines(version)
    if version is None or not lines:
        return [_("No budget has been entered yet.")]
    financing = [
        budget.FinancingLine(f.financier.name, f.year, f.amount) for f in version_financing(version)
    ]
    return budget_messages(
        budget.budget_problems(
            lines=lines,
            financing=financing,
            financiers=financier_shares(programme),
            rate_percent=version.rate_percent,
            programme_total=programme.total_budget,
            cost_model=version.cost_model,
        )
    )


def financier_shares(programme: Programme) -> list[budget.FinancierShare]:
    return [
        budget.FinancierShare(
            f.name, f.share_percent, in_kind=f.contribution == Financier.Contribution.IN_KIND
        )
        for f in programme.financiers.all()
    ]


def ledger_dates(programme: Programme) -> ledger.LedgerDates:
    """The dates a new cost may carry: the programme period, minus the claimed periods."""
    claimed = PaymentClaim.objects.filter(
        period__programme=programme, status=PaymentClaim.Status.SUBMITTED
    ).values_list("period__start", "period__end", "period__number")
    return ledger.LedgerDates(programme.start, programme.end, tuple(claimed))


def counted(programme: Programme):
    return CostEntry.objects.filter(programme=programme, state="counted", excluded=False)


@dataclass
class Overview:
    programme: Programme
    rate: Decimal
    budget: dict[str, Decimal]
    budget_total: Decimal
    actual: dict[str, Decimal]
    actual_total: Decimal
    problems: list[str]
    imports: list[SieImport]
    periods: list[ReportingPeriod]
    cost_model: str = budget.DEFAULT_COST_MODEL
    income: Decimal = Decimal("0.00")  # counted project income, never a cost

    def rows(self):
        for key in self.budget:
            b, a = self.budget[key], self.actual.get(key, Decimal(0))
            yield key, b, a, (a * 100 / b if b else None)


def budget_table(programme: Programme, version: BudgetVersion | None = None):
    """(totals, financing lines, rate) of a version: the shown one by default."""
    version = version or version_shown(programme)
    rate = version.rate_percent if version else rate_of(programme)
    return version_totals(version), version_financing(version), rate


def overview(programme: Programme) -> Overview:
    totals, _financing, rate = budget_table(programme)
    by_cat = dict(counted(programme).values_list("category").annotate(s=Sum("amount")).order_by())
    model = cost_model_of(programme)
    actual = budget.with_flat_rate(by_cat, rate, model)
    plan = totals.by_category or budget.with_flat_rate({}, rate, model)
    return Overview(
        programme=programme,
        rate=rate,
        budget=plan,
        budget_total=budget.total(plan),
        actual=actual,
        actual_total=budget.total(actual),
        problems=budget_check(programme),
        imports=list(
            SieImport.objects.filter(programme=programme)
            .select_related("organisation")
            .order_by("-created")[:10]
        ),
        periods=list(ReportingPeriod.objects.filter(programme=programme).select_related("claim")),
        cost_model=model,
        income=budget.money(by_cat.get(budget.INCOME, Decimal(0))),
    )


def ledger_entries(programme: Programme, *, category="", organisation="", source=""):
    """The counted ledger rows, costs and project income (category `income`), newest first."""
    qs = CostEntry.objects.filter(programme=programme, state="counted").select_related(
        "organisation", "claim__period"
    )
    if category:
        qs = qs.filter(category=category)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by("-date", "-id")


def import_rows(sie_import: SieImport):
    return sie_import.entries.order_by("date", "series", "number", "natural_key")


def import_summary(sie_import: SieImport) -> list[dict]:
    return list(
        sie_import.entries.values("category", "excluded")
        .annotate(n=Count("id"), s=Sum("amount"))
        .order_by("category", "excluded")
    )


# --- the evaluation and the final report (READERS read; FINANCE writes) -------------------


def last_period(programme: Programme) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(programme=programme).order_by("-start").first()


def is_last_claim(claim: PaymentClaim) -> bool:
    """Does the claim cover the programme's last reporting period (and so carry the final
    report)?"""
    last = last_period(claim.period.programme)
    return last is not None and last.pk == claim.period_id


def claim_read(user, pk: int) -> PaymentClaim:
    """A claim as the final report's readers see it: every READERS role in its programme."""
    claims = PaymentClaim.objects.select_related("period__programme")
    return get_object_or_404(in_programmes(claims, user, READERS, "period__programme"), pk=pk)


def evaluation_plan_of(programme: Programme) -> EvaluationPlan | None:
    return EvaluationPlan.objects.filter(programme=programme).first()


def evaluation_reports(programme: Programme):
    return EvaluationReport.objects.filter(programme=programme).select_related("period")


def evaluation_report_get(user, pk: int) -> EvaluationReport:
    reports = EvaluationReport.objects.select_related("programme")
    return get_object_or_404(in_programmes(reports, user, READERS), pk=pk)
