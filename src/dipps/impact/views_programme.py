"""The programme's impact overview (docs/impact.md, "The programme's overview"): aggregates
only, for every role that reads the programme's indicators (manager, coach, finance officer,
observer); a company representative is refused."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _

from dipps.accounts.roles import READERS
from dipps.programmes.access import programme_view

from . import pictures
from .selectors_programme import Spread, programme_impact


@dataclass
class Section:
    ident: str
    heading: str
    axis: str
    spread: Spread
    chart: str
    rows: list[tuple[str, int]]
    median_text: str


def _section(ident: str, heading: str, axis: str, spread: Spread) -> Section:
    bins = spread.bins
    chart = pictures.change_histogram(bins, title=heading, axis=axis, ident=ident)
    rows = [(pictures.bin_label(b.low, b.high), b.count) for b in bins]
    return Section(
        ident, heading, axis, spread, chart, rows, pictures.signed_percent(spread.median)
    )


@programme_view(*READERS)
def programme(request, programme):
    data = programme_impact(programme)
    sections = [
        _section(
            "va-changes",
            _("Change in value added per employee"),
            _("Change from the baseline to the latest fiscal year, %"),
            data.value_added,
        ),
        _section(
            "kwh-changes",
            _("Change in energy use"),
            _("Change in kWh from the year before to the latest year, %"),
            data.energy,
        ),
        _section(
            "co2e-changes",
            _("Change in emissions"),
            _("Change in t CO2e (market-based) from the year before to the latest year, %"),
            data.co2e,
        ),
    ]
    context = {"programme": programme, "data": data, "sections": sections}
    return render(request, "impact/programme.html", context)
