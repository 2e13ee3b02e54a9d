"""The evaluation plan, its reports, and the final report that goes with the last claim.

Rules: `finance.evaluation` (when an evaluation is required; how the plan's lines read;
which files are accepted). The final report is editable while the programme's last
payment claim is a draft; `final_report_freeze` is called when that claim is submitted and
keeps the figures drawn from the data, so the report reads the same ever after.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.uploads import DOCUMENT, OverLimit, check_size, limits_for
from dipps.indicators.selectors import horizontal_criteria, indicator_page
from dipps.programmes.models import Programme

from .. import evaluation
from ..models import EvaluationPlan, EvaluationReport, FinalReport, PaymentClaim, ReportingPeriod
from ..selectors import is_last_claim
from .claims import claim_figures

FINAL_TEXT_FIELDS = (
    "summary",
    "activities",
    "results",
    "equality",
    "environment",
    "non_discrimination",
    "continuation",
    "lessons",
)


@transaction.atomic
def evaluation_plan_set(
    *,
    programme: Programme,
    evaluator_name: str,
    evaluator_organisation: str,
    procurement_reference: str,
    questions: str,
    planned_reports: str,
    by=None,
) -> EvaluationPlan:
    """Write the plan; questions and planned reports are typed one a line."""
    numbers = set(
        ReportingPeriod.objects.filter(programme=programme).values_list("number", flat=True)
    )
    planned, problems = evaluation.planned_reports(planned_reports, numbers)
    if problems:
        raise ValidationError(
            [
                (
                    _(
                        "Planned reports, line %(line)s (“%(text)s”): write the reporting "
                        "period's number, then the report's title, e.g. “2 Midterm report”."
                    )
                    if p.reason == "format"
                    else _(
                        "Planned reports, line %(line)s (“%(text)s”): the programme has no "
                        "reporting period with that number."
                    )
                )
                % {"line": p.line, "text": p.text}
                for p in problems
            ]
        )
    plan, created = EvaluationPlan.objects.get_or_create(programme=programme)
    fields = [
        "evaluator_name",
        "evaluator_organisation",
        "procurement_reference",
        "questions",
        "planned_reports",
    ]
    before = audit.snapshot(plan, fields)
    plan.evaluator_name = evaluator_name.strip()
    plan.evaluator_organisation = evaluator_organisation.strip()
    plan.procurement_reference = procurement_reference.strip()
    plan.questions = evaluation.questions(questions)
    plan.planned_reports = [{"period": p.period, "title": p.title} for p in planned]
    plan.save()
    audit.record(
        instance=plan,
        action="create" if created else "update",
        by=by,
        changes=audit.diff(before, audit.snapshot(plan, fields)),
    )
    return plan


def _document_kind(upload) -> str:
    """The upload's kind (PDF or DOCX), or a ValidationError that says what is accepted."""
    try:
        check_size(upload.size, upload.name, limits_for(DOCUMENT))
    except OverLimit as error:
        raise ValidationError(str(error)) from error
    upload.seek(0)
    kind = evaluation.document_kind(upload.name, upload.read(8))
    if kind == evaluation.DOCX:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" not in archive.namelist():
                    kind = None
        except zipfile.BadZipFile:
            kind = None
    upload.seek(0)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF or Word (DOCX) document; upload the report as one.")
            % {"name": upload.name}
        )
    return kind


@transaction.atomic
def evaluation_report_add(
    *,
    programme: Programme,
    when: date,
    title: str,
    summary: str,
    upload,
    period: ReportingPeriod | None = None,
    by=None,
) -> EvaluationReport:
    """An evaluation report with its file (PDF or DOCX, within the document size limit)."""
    if period is not None and period.programme_id != programme.pk:
        raise ValidationError(_("Choose one of the programme's reporting periods."))
    if not title.strip():
        raise ValidationError(_("Give the report a title."))
    kind = _document_kind(upload)
    report = EvaluationReport(
        programme=programme,
        period=period,
        date=when,
        title=title.strip(),
        summary=summary.strip(),
        filename=upload.name[-255:],
        kind=kind,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    report.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(upload.read()), save=False)
    try:
        report.save()
        audit.record(instance=report, action="create", by=by, changes={"title": report.title})
    except Exception:
        report.file.delete(save=False)  # nothing half-saved: no file without its row
        raise
    return report


# --- the final report ----------------------------------------------------------------------


def _editable(claim: PaymentClaim) -> None:
    if not is_last_claim(claim):
        raise ValidationError(_("Only the programme's last payment claim carries a final report."))
    if claim.is_locked:
        raise ValidationError(
            _("The last payment claim has been submitted; its final report is frozen.")
        )


@transaction.atomic
def final_report_update(*, claim: PaymentClaim, texts: dict[str, str], by=None) -> FinalReport:
    # The claim as it stands now (locked against a submission racing this edit).
    claim = PaymentClaim.objects.select_for_update().select_related("period").get(pk=claim.pk)
    _editable(claim)
    report, created = FinalReport.objects.get_or_create(claim=claim)
    before = audit.snapshot(report, list(FINAL_TEXT_FIELDS))
    for name in FINAL_TEXT_FIELDS:
        if name in texts:
            setattr(report, name, texts[name])
    report.save()
    audit.record(
        instance=report,
        action="create" if created else "update",
        by=by,
        changes=audit.diff(before, audit.snapshot(report, list(FINAL_TEXT_FIELDS))),
    )
    return report


@dataclass
class FinalFigures:
    """What the final report draws from the data, as of the last claim."""

    progress: list[dict]  # earlier claims' progress reports, by period
    indicators: list[dict]  # code, value, target, percent (strings or None)
    costs: list[dict]  # category, cumulative, budget, percent
    cost_total: Decimal
    budget_total: Decimal
    evaluations: list[dict]  # date, title, period, summary
    evaluator: str  # the evaluator's organisation
    # The programme's horizontal criteria from its start to the last period's end
    # (indicators.selectors.horizontal_criteria); None in snapshots from before issue 14.
    horizontal: dict | None = None

    def to_json(self) -> dict:
        return {
            "progress": self.progress,
            "indicators": self.indicators,
            "costs": self.costs,
            "cost_total": str(self.cost_total),
            "budget_total": str(self.budget_total),
            "evaluations": self.evaluations,
            "evaluator": self.evaluator,
            "horizontal": self.horizontal,
        }

    @classmethod
    def from_json(cls, data: dict) -> FinalFigures:
        return cls(
            progress=data["progress"],
            indicators=data["indicators"],
            costs=data["costs"],
            cost_total=Decimal(data["cost_total"]),
            budget_total=Decimal(data["budget_total"]),
            evaluations=data["evaluations"],
            evaluator=data["evaluator"],
            horizontal=data.get("horizontal"),
        )


def _s(value) -> str | None:
    return None if value is None else str(value)


def final_figures_live(claim: PaymentClaim) -> FinalFigures:
    period = claim.period
    programme = period.programme
    earlier = (
        PaymentClaim.objects.filter(period__programme=programme, period__start__lt=period.start)
        .select_related("period")
        .order_by("period__start")
    )
    progress = [
        {
            "period": c.period.number,
            "start": c.period.start.isoformat(),
            "end": c.period.end.isoformat(),
            "submitted": c.is_locked,
            "general": c.general,
            "working_method": c.working_method,
            "activities": c.activities,
            "results": c.results,
        }
        for c in earlier
    ]
    values, rows = indicator_page(programme, None, period.end)
    indicators = [
        {
            "code": r.indicator.code,
            "value": _s(r.value),
            "target": _s(r.target),
            "percent": _s(r.percent),
        }
        for r in rows
    ]
    figures = claim_figures(claim)
    costs = [
        {"category": key, "cumulative": str(cum), "budget": str(plan), "percent": _s(pct)}
        for key, _period, cum, plan, pct in figures.rows()
    ]
    plan = EvaluationPlan.objects.filter(programme=programme).first()
    evaluations = [
        {
            "date": r.date.isoformat(),
            "title": r.title,
            "period": r.period.number if r.period_id else None,
            "summary": r.summary,
        }
        for r in EvaluationReport.objects.filter(programme=programme).select_related("period")
    ]
    return FinalFigures(
        progress=progress,
        indicators=indicators,
        costs=costs,
        cost_total=figures.cumulative_total,
        budget_total=figures.budget_total,
        evaluations=evaluations,
        evaluator=plan.evaluator_organisation if plan else "",
        horizontal=horizontal_criteria(programme, None, period.end, values),
    )


def final_figures(claim: PaymentClaim) -> FinalFigures:
    report = FinalReport.objects.filter(claim=claim).first()
    if claim.is_locked and report is not None and report.snapshot:
        return FinalFigures.from_json(report.snapshot)
    return final_figures_live(claim)


def final_report_freeze(claim: PaymentClaim) -> None:
    """Called by `claim_submit` inside its transaction, after the claim is frozen: the last
    claim's final report keeps its figures (a report is created if none was written)."""
    if not is_last_claim(claim):
        return
    report, _created = FinalReport.objects.get_or_create(claim=claim)
    report.snapshot = final_figures_live(claim).to_json()
    report.save(update_fields=["snapshot", "updated"])
