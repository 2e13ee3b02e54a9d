"""The programme's comparison group and difference-in-differences page (docs/impact.md,
"Comparison group").

Read by the programme's staff and observers: the page and the panel are aggregates or
pseudonyms, never a firm's name or number. Company representatives are refused: the page is
about the programme, not their firm. Only the programme manager imports the group.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from dipps.accounts.roles import MANAGERS, READERS, has_role_in
from dipps.companies.models import SizeClass
from dipps.core import uploads
from dipps.core.exporters import Table, file_stem, table_response
from dipps.core.formatting import kr_unbroken
from dipps.core.jobs import start_job
from dipps.core.tabular import TableError
from dipps.programmes.access import programme_view

from . import did_chart, jobs, matching
from .imports_comparison import COLUMNS, OPTIONAL, read_comparison
from .selectors_comparison import Evaluation, evaluation, kept_estimate, panel
from .services_comparison import comparison_import


class EstimateForm(forms.Form):
    draws = forms.IntegerField(
        label=gettext_lazy("Draws"), min_value=1000, max_value=1_000_000, initial=100_000
    )
    seed = forms.IntegerField(label=gettext_lazy("Seed"), min_value=0, max_value=2**31, initial=1)


class ComparisonForm(forms.Form):
    file = uploads.UploadField(
        kind=uploads.TABULAR,
        label=gettext_lazy("Key figures of the comparison firms (CSV or XLSX)"),
    )


def size_label(size: str) -> str:
    return str(SizeClass(size).label)


def group_label(group: str) -> str:
    if group == "treated":
        return pgettext("comparison group", "supported")
    return pgettext("comparison group", "comparison")


def reason_label(reason: str) -> str:
    return {
        matching.NO_DIVISION: _("no SNI 2007 code"),
        matching.NO_STAFF: _("no staff figure for the baseline year"),
        matching.TOO_LARGE: _("large enterprise (250 or more employees)"),
        matching.NO_COMPARISON: _("no comparison firm in its cell"),
        matching.NOT_IN_CELL: _("no supported firm of its division and size class"),
    }[reason]


def _relative(year: int) -> str:
    return f"{year:+d}".replace("-", "\u2212") if year else "0"


def _chart(result: Evaluation) -> str:
    points = [
        did_chart.Point(
            _relative(p.relative_year), p.relative_year, p.treated_mean, p.comparison_mean
        )
        for p in result.trend
    ]
    values = [v for p in points for v in (p.treated, p.comparison) if v is not None]
    if not values:
        return ""
    described = "; ".join(
        _("year %(year)s: supported %(treated)s, comparison %(comparison)s")
        % {
            "year": p.label,
            "treated": kr_unbroken(p.treated) if p.treated is not None else "–",
            "comparison": kr_unbroken(p.comparison) if p.comparison is not None else "–",
        }
        for p in points
    )
    # did_chart.lines escapes every text it writes.
    return mark_safe(  # noqa: S308
        did_chart.lines(
            title=_(
                "Mean value added per employee (SEK) by year relative to the first support "
                "(0 = the year of the first support, −1 = the baseline)"
            ),
            desc=described,
            points=points,
            series=(_("supported firms"), _("comparison firms")),
            axis_top=kr_unbroken(max(values)),
            axis_bottom=kr_unbroken(min(values)),
        )
    )


@programme_view(*READERS)
def comparison(request, programme):
    return _page(request, programme)


def _page(request, programme, form=None, problems=()):
    result = evaluation(programme)
    can_import = has_role_in(request.user, programme.pk, MANAGERS)
    context = {
        "programme": programme,
        "result": result,
        "cells": [
            {"cell": c, "size": size_label(c.size), "matched": c.matched}
            for c in result.matching.cells
        ],
        "unmatched_treated": _counts(result.matching.unmatched_treated),
        "unmatched_comparison": _counts(result.matching.unmatched_comparison),
        "trend": [{"label": _relative(p.relative_year), "point": p} for p in result.trend],
        "chart": _chart(result),
        "can_import": can_import,
        "form": form or (ComparisonForm() if can_import else None),
        "kept": kept_estimate(programme),
        "estimate_form": EstimateForm() if can_import else None,
        "problems": problems,
        "columns": ", ".join(COLUMNS),
        "optional_columns": ", ".join(OPTIONAL),
    }
    return render(request, "impact/comparison.html", context, status=400 if problems else 200)


def _counts(items: list[tuple[matching.Firm, str]]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for _firm, reason in items:
        counts[reason] = counts.get(reason, 0) + 1
    return [(reason_label(r), n) for r, n in sorted(counts.items())]


@programme_view(*MANAGERS)
@require_POST
def comparison_upload(request, programme):
    """The programme manager imports the comparison group: all rows or none."""
    form = ComparisonForm(request.POST, request.FILES)
    problems: list[str] = []
    imported = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_comparison(upload.read(), upload.name)
            problems = [str(e) for e in parsed.errors]
            if not problems:
                errors, imported = comparison_import(
                    programme=programme, rows=parsed.rows, filename=upload.name, by=request.user
                )
                problems = [str(e) for e in errors]
        except (TableError, uploads.OverLimit) as error:
            problems = [str(error)]
        if not problems and imported is not None:
            messages.success(
                request,
                _(
                    "The comparison group was imported: %(firms)s firms; %(created)s new, "
                    "%(updated)s changed and %(unchanged)s unchanged firm-years."
                )
                % imported,
            )
            return redirect("impact:comparison", code=programme.code)
    else:
        problems = [" ".join(v) for v in form.errors.values()]
    return _page(request, programme, form=form, problems=problems)


@programme_view(*MANAGERS)
@require_POST
def estimate_start(request, programme):
    """The estimate with as many draws as asked, as a background job: to its page."""
    form = EstimateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect("impact:comparison", code=programme.code)
    job = start_job(
        kind=jobs.DID,
        owner=request.user,
        params={"programme": programme.code, **form.cleaned_data},
        programme_code=programme.code,
    )
    return redirect("jobs:detail", job.pk)


@programme_view(*READERS)
def comparison_export(request, programme, fmt: str):
    """The pseudonymised panel for the programme's evaluator: one row per firm-year."""
    rows = panel(evaluation(programme))
    headers = [
        _("Pseudonym"),
        _("Group"),
        _("SNI division"),
        _("Size class"),
        _("Fiscal year"),
        _("Year relative to the first support"),
        _("Net sales"),
        _("Personnel costs"),
        _("Operating profit"),
        _("Depreciation and write-downs"),
        _("Employees"),
        _("Value added"),
        _("Value added per employee"),
    ]
    table_rows = [
        (
            r.pseudonym,
            group_label(r.group),
            r.division,
            size_label(r.size),
            r.year.year,
            r.relative_year,
            r.year.figures["net_sales"],
            r.year.figures["personnel_costs"],
            r.year.figures["operating_profit"],
            r.year.figures["depreciation"],
            r.year.employees,
            r.year.value_added,
            r.year.per_employee,
        )
        for r in rows
    ]
    stem = file_stem(_("comparison panel"), programme.code)
    return table_response(Table(_("Comparison panel"), headers, table_rows, stem), fmt)
