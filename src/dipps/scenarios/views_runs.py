"""Stress tests, Monte Carlo runs, their report and download, the programme view, price history."""

from __future__ import annotations

import numpy as np
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FIRM_READERS, READERS, WRITERS, has_role_in, role_required
from dipps.core import staging
from dipps.core.exporters import Table, file_name, table_response
from dipps.core.pdf import pdf_response
from dipps.core.tabular import TableError
from dipps.programmes.access import programme_for
from dipps.programmes.selectors import programmes_visible_to

from . import aggregate, presenters, risk, runs, selectors, services
from .correlation import HistoryError
from .forms import (
    PRESET_LABELS,
    EstimateForm,
    HistoryUploadForm,
    MonteCarloForm,
    SeriesFactorForm,
)
from .forms_stress import StressForm
from .history_import import parse_history
from .selectors import cost_structure_get, run_get
from .views_programme import ProgrammeMonteCarloForm

HISTORY_KEY = "scenario_history_import"


@role_required(*WRITERS)
def stress(request, pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    form = StressForm(request.POST or None, preset_labels=PRESET_LABELS)
    if request.method == "POST" and "add_row" in request.POST:
        form = form.with_another_row()
    elif request.method == "POST" and form.is_valid():
        try:
            run = services.stress_run(
                cost_structure=cs, shocks=form.shocks(runs.PRESET_SHOCKS), by=request.user
            )
            return redirect("scenarios:run", run.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    if cs.to_core().total_revenue == 0:
        messages.warning(request, _("Revenue is zero, so the margin is undefined: enter revenue."))
    return render(
        request, "scenarios/stress.html", {"cs": cs, "form": form, "presets": runs.PRESET_SHOCKS}
    )


def _estimated_model(horizon_days: int) -> risk.FactorModel:
    """The illustrative defaults, with the mapped factors replaced by the history estimate."""
    estimate = selectors.history_estimate(horizon_days)
    if estimate is None:
        raise HistoryError([_("No price series is linked to a shock factor yet.")])
    base = risk.DEFAULT_FACTORS
    marginals = list(base.marginals)
    matrix = np.array(base.correlation, dtype=float)
    index = {f: i for i, f in enumerate(base.factors)}
    for a, fa in enumerate(estimate.series):
        marginals[index[fa]] = risk.Normal(0.0, round(estimate.sd[fa], 4))
        for b, fb in enumerate(estimate.series):
            matrix[index[fa], index[fb]] = round(float(estimate.correlation[a, b]), 4)
    return risk.FactorModel(
        base.factors,
        tuple(marginals),
        matrix,
        source=_("estimated from price series (%(n)s returns of %(d)s days) for %(f)s")
        % {"n": estimate.returns, "d": horizon_days, "f": ", ".join(estimate.series)},
    )


@role_required(*WRITERS)
def montecarlo(request, pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    model = risk.DEFAULT_FACTORS
    estimate_form = EstimateForm(request.GET or None)
    if "horizon_days" in request.GET and estimate_form.is_valid():
        try:
            model = _estimated_model(estimate_form.cleaned_data["horizon_days"])
            messages.info(request, model.source)
        except HistoryError as exc:
            estimate_form.add_error(None, exc.problems)
    form = MonteCarloForm(request.POST or None, model=model)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.montecarlo_run(
                cost_structure=cs,
                factor_model=form.cleaned_data["model"],
                draws=form.cleaned_data["draws"],
                seed=form.cleaned_data["seed"],
                by=request.user,
            )
            return redirect("scenarios:run", run.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "cs": cs,
        "form": form,
        "estimate_form": estimate_form,
        "model": model,
        "has_series": selectors.price_series().exclude(factor="").exists(),
    }
    return render(request, "scenarios/montecarlo.html", context)


@role_required(*FIRM_READERS)
def run_detail(request, pk: int):
    run = run_get(request.user, pk, FIRM_READERS)
    context = presenters.run_context(run)
    context["can_edit"] = selectors.can_edit(request.user, run.cost_structure.company)
    return render(request, "scenarios/run.html", context)


@role_required(*FIRM_READERS)
def run_pdf(request, pk: int):
    run = run_get(request.user, pk, FIRM_READERS)
    language = request.GET.get("lang", translation.get_language() or "sv")[:2]
    if language not in ("sv", "en"):
        raise Http404("unknown language")
    with translation.override(language):
        context = presenters.run_context(run)
        # The firm's id, not its number, names the file: a sole trader's number is personal.
        company = run.cost_structure.company_id
        filename = file_name(_("Scenario report"), company, run.pk, language, ext="pdf")
        return pdf_response("scenarios/report.html", context, filename=filename, request=request)


@role_required(*FIRM_READERS)
def run_export(request, pk: int, fmt: str):
    run = run_get(request.user, pk, FIRM_READERS)
    return table_response(presenters.run_table(run, presenters.run_context(run)), fmt)


def _programme(request):
    """The programme asked for (``?programme=CODE``, else the user's first), checked for a
    reader's role held in that programme; and the programmes to switch between."""
    programmes = list(programmes_visible_to(request.user, READERS))
    code = request.GET.get("programme") or (programmes[0].code if programmes else "")
    if not code:
        raise Http404("no programme")
    return programme_for(request.user, code, READERS), programmes


@role_required(*READERS)
def programme(request):
    current, programmes = _programme(request)
    firms = selectors.programme_firms(current)
    context = {
        "programme": current,
        "programmes": programmes,
        "exposure": aggregate.programme_exposure(firms, runs.PRESET_SHOCKS),
        "min_firms": aggregate.MIN_FIRMS,
        "labels": PRESET_LABELS,
        "montecarlo_form": (
            ProgrammeMonteCarloForm() if has_role_in(request.user, current.pk, WRITERS) else None
        ),
    }
    return render(request, "scenarios/programme.html", context)


@role_required(*READERS)
def programme_export(request, fmt: str):
    current, _programmes = _programme(request)
    e = aggregate.programme_exposure(selectors.programme_firms(current), runs.PRESET_SHOCKS)
    headers = [
        _("Shock"),
        _("Firms"),
        _("Median change in margin (points)"),
        _("Median change with measures (points)"),
        _("Firms with a loss"),
        _("Firms with a loss, with measures"),
    ]
    rows = [
        [
            str(PRESET_LABELS[s.key]),
            s.firms,
            None if s.median_change is None else s.median_change * 100,
            None if s.median_change_with_measures is None else s.median_change_with_measures * 100,
            s.losses,
            s.losses_with_measures,
        ]
        for s in e.shocks
    ]
    return table_response(Table(f"{_('Exposure')} {current.code}", headers, rows), fmt)


# Price series are market prices shared by every programme, not a firm's or a programme's
# data: a programme manager or coach in any programme keeps them.
@role_required(*WRITERS)
def series(request):
    """Price history: list, upload with a preview; nothing is saved until confirmed."""
    form = HistoryUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "series": selectors.price_series().prefetch_related("points")}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            parsed = parse_history(data, upload.name)
        except TableError as exc:
            context["file_error"] = str(exc)
            return render(request, "scenarios/series.html", context)
        context["parsed"] = parsed
        if not parsed.errors:
            request.session[HISTORY_KEY] = staging.stage(
                owner=request.user, purpose=HISTORY_KEY, filename=upload.name, data=data
            )
    context["factor_forms"] = [
        (s, SeriesFactorForm(instance=s, prefix=f"s{s.pk}")) for s in context["series"]
    ]
    return render(request, "scenarios/series.html", context)


@role_required(*WRITERS)  # as series
@require_POST
def series_confirm(request):
    staged = staging.take(
        owner=request.user, purpose=HISTORY_KEY, pk=request.session.pop(HISTORY_KEY, None)
    )
    if not staged:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("scenarios:series")
    filename, data = staged
    parsed = parse_history(data, filename)
    if parsed.errors:
        messages.error(request, _("The file has errors; nothing was imported."))
        return redirect("scenarios:series")
    result = services.price_history_import(rows=parsed.rows, by=request.user)
    messages.success(
        request,
        _("Imported: %(s)s new series, %(c)s new prices, %(u)s changed.")
        % {"s": result.series_created, "c": result.points_created, "u": result.points_updated},
    )
    return redirect("scenarios:series")


@role_required(*WRITERS)  # as series
@require_POST
def series_factor(request, pk: int):
    s = get_object_or_404(selectors.price_series(), pk=pk)
    form = SeriesFactorForm(request.POST, instance=s, prefix=f"s{s.pk}")
    if form.is_valid():
        services.price_series_set_factor(
            series=s, factor=form.cleaned_data["factor"], by=request.user
        )
        messages.success(request, _("The series was linked to its shock factor."))
    else:
        messages.error(request, _("Choose one of the listed shock factors."))
    return redirect("scenarios:series")
