"""The programme's automation pipeline and its exports: counts and sums, no firm named."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from dipps.accounts.roles import READERS
from dipps.core.exporters import Table, table_response
from dipps.programmes.access import programme_view

from . import selectors


@programme_view(*READERS)
def pipeline(request, programme):
    context = {"programme": programme, "p": selectors.pipeline(programme)}
    return render(request, "automation/pipeline.html", context)


@programme_view(*READERS)
def pipeline_export(request, programme, fmt: str):
    p = selectors.pipeline(programme)
    headers = [
        _("Grouping"),
        _("Group"),
        _("Firms"),
        _("Pre-studies"),
        _("Process steps"),
        _("Investment (SEK)"),
        _("Hours freed per year"),
    ]
    rows = [
        [_("Status"), r.label, len(r.firms), r.prestudies, r.steps, r.investment, r.hours_freed]
        for r in p.by_status
    ]
    rows += [
        [_("Proposed solution"), r.label, len(r.firms), None, r.steps, r.investment, r.hours_freed]
        for r in p.by_solution
    ]
    t = p.total
    rows.append([_("Total"), "", len(t.firms), t.prestudies, t.steps, t.investment, t.hours_freed])
    return table_response(Table(f"{_('Automation pipeline')} {programme.code}", headers, rows), fmt)
