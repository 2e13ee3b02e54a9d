"""Indicators computed from the data, never typed in (the JSON contract: docs/indicators.md).

Every count is of distinct companies: a company counts once per indicator however many
activities it had. Reads of the working method and of maturity assessments go through
`sources`, which returns nothing for an app whose models are not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from dipps.programmes.models import Programme

from . import core, sources
from .models import IndicatorTarget

CENT = Decimal("0.01")


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(CENT, ROUND_HALF_UP))


def indicator_values(programme: Programme, start: date | None = None, end: date | None = None):
    """The indicators for `programme` between `start` and `end` (inclusive) as plain JSON."""
    start = start or programme.start
    end = end or programme.end
    supported = sources.supported_companies(programme, start, end)  # id → first support ever
    classes = sources.size_classes(supported)
    smes = {cid for cid, c in classes.items() if c in ("micro", "small", "medium")}
    product_process, organisation_marketing = sources.innovating_companies(programme, start, end)
    totals = sources.activity_totals(programme, start, end)
    assessments = sources.assessment_figures(programme, start, end)
    return {
        "programme": programme.code,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "RCO01": core.breakdown([classes[c] for c in supported]),
        "RCO04": len(supported),
        "RCR03": len(product_process & smes),
        "RCR04": len(organisation_marketing & smes),
        "participants": {
            "women": totals["women"],
            "men": totals["men"],
            "other": totals["other"],
        },
        "activities": totals["activities"],
        "staff_hours": _money(totals["staff_hours"]),
        "in_kind": {
            "hours": _money(sources.in_kind_hours(programme, start, end)),
            "value_sek": _money(sources.in_kind_value(programme, start, end)),
        },
        "assessments": assessments,
    }


@dataclass(frozen=True)
class Indicator:
    code: str
    label: object
    path: tuple[str, ...]  # where its value sits in the JSON
    places: int = 0  # decimals shown


INDICATORS = [
    Indicator("RCO01", _("Enterprises supported (RCO01)"), ("RCO01", "total")),
    Indicator("RCO01_micro", _("… of which micro"), ("RCO01", "micro")),
    Indicator("RCO01_small", _("… of which small"), ("RCO01", "small")),
    Indicator("RCO01_medium", _("… of which medium-sized"), ("RCO01", "medium")),
    Indicator("RCO01_large", _("… of which large"), ("RCO01", "large")),
    Indicator("RCO04", _("Enterprises with non-financial support (RCO04)"), ("RCO04",)),
    Indicator("RCR03", _("SMEs introducing product or process innovation (RCR03)"), ("RCR03",)),
    Indicator(
        "RCR04", _("SMEs introducing marketing or organisational innovation (RCR04)"), ("RCR04",)
    ),
    Indicator("participants_women", _("Participants, women"), ("participants", "women")),
    Indicator("participants_men", _("Participants, men"), ("participants", "men")),
    Indicator(
        "participants_other", _("Participants, other or not stated"), ("participants", "other")
    ),
    Indicator("activities", _("Activities"), ("activities",)),
    Indicator("staff_hours", _("Staff hours"), ("staff_hours",), 1),
    Indicator("in_kind_hours", _("In-kind hours"), ("in_kind", "hours"), 1),
    Indicator("in_kind_value", _("In-kind value (SEK)"), ("in_kind", "value_sek")),
    Indicator("assessed_t0", _("Companies with a T0 assessment"), ("assessments", "t0")),
    Indicator(
        "assessed_t0_t1", _("Companies with T0 and T1 assessments"), ("assessments", "t0_and_t1")
    ),
    Indicator("mean_gain", _("Mean maturity gain T0→T1"), ("assessments", "mean_gain"), 2),
]
CODES = {i.code for i in INDICATORS}


def _at(values: dict, path: tuple[str, ...]):
    for key in path:
        values = values.get(key) if isinstance(values, dict) else None
    return values


@dataclass
class Row:
    indicator: Indicator
    value: Decimal | None
    target: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        if self.value is None or not self.target:
            return None
        return (self.value * 100 / self.target).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def bar(self) -> Decimal:
        """Width of the progress bar, 0–100."""
        p = self.percent
        return min(p, Decimal(100)) if p is not None else Decimal(0)


def indicator_page(programme: Programme, start: date | None = None, end: date | None = None):
    """Aggregates only, so every READERS role may see them (the view checks the role in
    `programme`): the values and one row per indicator against its target."""
    values = indicator_values(programme, start, end)
    targets = dict(
        IndicatorTarget.objects.filter(programme=programme).values_list("code", "target")
    )
    rows = []
    for ind in INDICATORS:
        raw = _at(values, ind.path)
        rows.append(Row(ind, Decimal(str(raw)) if raw is not None else None, targets.get(ind.code)))
    return values, rows
