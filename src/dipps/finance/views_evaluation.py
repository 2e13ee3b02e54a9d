"""The evaluation plan and reports, and the final report of the last payment claim.

Every READERS role of the programme reads them; the programme manager and the finance
officer write. An observer sees no personal data: the evaluator's contact person is left
out of their page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.models import Role
from dipps.accounts.roles import FINANCE, READERS, has_role_in, role_required
from dipps.core.exporters import file_name
from dipps.core.pdf import pdf_response
from dipps.indicators.selectors import MEASURES, horizontal_display, indicator_set
from dipps.programmes.access import programme_view

from . import evaluation, selectors, services
from .forms_evaluation import EvaluationPlanForm, EvaluationReportForm, FinalReportForm
from .models import FinalReport, ReportingPeriod, category_label


def _writer(user, programme) -> bool:
    return has_role_in(user, programme.pk, FINANCE)


def _errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _plan_initial(plan) -> dict:
    if plan is None:
        return {}
    return {
        "evaluator_name": plan.evaluator_name,
        "evaluator_organisation": plan.evaluator_organisation,
        "procurement_reference": plan.procurement_reference,
        "questions": "\n".join(plan.questions),
        "planned_reports": "\n".join(f"{p['period']} {p['title']}" for p in plan.planned_reports),
    }


@programme_view(*READERS)
def evaluation_page(request, programme):
    plan = selectors.evaluation_plan_of(programme)
    writer = _writer(request.user, programme)
    periods = ReportingPeriod.objects.filter(programme=programme)
    form = EvaluationPlanForm(request.POST or None, initial=_plan_initial(plan))
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.evaluation_plan_set(
                    programme=programme, by=request.user, **form.cleaned_data
                )
                messages.success(request, _("The evaluation plan was saved."))
                return redirect("finance:evaluation", code=programme.code)
            except ValidationError as e:
                for m in e.messages:
                    messages.error(request, m)
        else:
            _errors(request, form)
    by_number = {p.number: p for p in periods}
    last = selectors.last_period(programme)
    final_claim = getattr(last, "claim", None) if last is not None else None
    context = {
        "programme": programme,
        "plan": plan,
        "required": evaluation.evaluation_required(programme.total_budget),
        "threshold": evaluation.EVALUATION_THRESHOLD,
        "reports": selectors.evaluation_reports(programme),
        "planned": [
            (p["period"], by_number.get(p["period"]), p["title"])
            for p in (plan.planned_reports if plan else [])
        ],
        "writer": writer,
        "show_people": not has_role_in(request.user, programme.pk, (Role.OBSERVER,)),
        "form": form,
        "report_form": EvaluationReportForm(periods=periods) if writer else None,
        "final_claim": final_claim,
    }
    return render(request, "finance/evaluation.html", context)


@programme_view(*FINANCE)
@require_POST
def evaluation_report_add(request, programme):
    periods = ReportingPeriod.objects.filter(programme=programme)
    form = EvaluationReportForm(request.POST, request.FILES, periods=periods)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.evaluation_report_add(
                programme=programme,
                when=d["date"],
                title=d["title"],
                summary=d["summary"],
                upload=d["file"],
                period=d["period"],
                by=request.user,
            )
            messages.success(request, _("The evaluation report was added."))
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
    else:
        _errors(request, form)
    return redirect("finance:evaluation", code=programme.code)


@role_required(*READERS)
def evaluation_file(request, pk: int):
    report = selectors.evaluation_report_get(request.user, pk)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = (
        "application/pdf"
        if report.kind == evaluation.PDF
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return FileResponse(
        handle, as_attachment=True, filename=report.filename, content_type=content_type
    )


def _final_context(request, claim):
    if not selectors.is_last_claim(claim):
        raise Http404  # only the last claim carries a final report
    report = FinalReport.objects.filter(claim=claim).first()
    figures = services.final_figures(claim)
    # The programme's set names its indicators; the computed figures name older snapshots'.
    known = {i.code: i for i in [*MEASURES, *indicator_set(claim.period.programme)]}
    indicators = [
        {
            **row,
            "label": known[row["code"]].label if row["code"] in known else row["code"],
            "places": known[row["code"]].places if row["code"] in known else 0,
        }
        for row in figures.indicators
    ]
    costs = [{**row, "label": category_label(row["category"])} for row in figures.costs]
    return {
        "claim": claim,
        "period": claim.period,
        "programme": claim.period.programme,
        "report": report or FinalReport(claim=claim),
        "figures": figures,
        "indicators": indicators,
        "costs": costs,
        "horizontal": horizontal_display(figures.horizontal) if figures.horizontal else None,
        "fields": [
            (name, FinalReportForm.base_fields[name].label) for name in services.FINAL_TEXT_FIELDS
        ],
    }


@role_required(*READERS)
def final_report_page(request, pk: int):
    claim = selectors.claim_read(request.user, pk)
    context = _final_context(request, claim)
    programme = claim.period.programme
    writer = _writer(request.user, programme) and not claim.is_locked
    report = context["report"]
    initial = {name: getattr(report, name) for name in services.FINAL_TEXT_FIELDS}
    form = FinalReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.final_report_update(claim=claim, texts=form.cleaned_data, by=request.user)
                messages.success(request, _("The final report was saved."))
                return redirect("finance:final_report_page", pk=claim.pk)
            except ValidationError as e:
                for m in e.messages:
                    messages.error(request, m)
    context["sections"] = [(label, getattr(report, name)) for name, label in context["fields"]]
    return render(
        request,
        "finance/final_report.html",
        {**context, "form": form if writer else None, "may_write": writer},
    )


@role_required(*READERS)
def final_report_pdf(request, pk: int):
    claim = selectors.claim_read(request.user, pk)
    context = _final_context(request, claim)
    report = context["report"]
    context["sections"] = [(label, getattr(report, name)) for name, label in context["fields"]]
    return pdf_response(
        "finance/final_report_pdf.html",
        context,
        filename=file_name(_("final report"), claim.period.programme.code, ext="pdf"),
        request=request,
    )
