"""Indicators computed from the data, never typed in (the JSON contract: docs/indicators.md).

Every count of firms is of distinct companies: a company counts once per indicator however
many activities it had; every count of persons is of distinct persons (`core.persons`).
Each figure is given for the window asked (the period) and cumulatively, from the
programme's start to the window's end: the same distinct count over the longer window, so
a firm supported in two periods counts once in each and once to date. Reads of the working
method and of maturity assessments go through `sources`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from dipps.engagements.models import Attendee, EnvironmentTag
from dipps.programmes.models import Programme

from . import core, providers, sources
from .measures import MEASURE, MEASURES, Indicator, SetIndicator
from .models import IndicatorTarget, ProgrammeIndicator

__all__ = [
    "MEASURE",
    "MEASURES",
    "Indicator",
    "SetIndicator",
    "horizontal_criteria",
    "horizontal_display",
    "indicator_page",
    "indicator_set",
    "indicator_values",
]

CENT = Decimal("0.01")


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(CENT, ROUND_HALF_UP))


def _figures(
    programme: Programme,
    start: date,
    end: date,
    supported: dict[int, date] | None = None,
    classes: dict[int, str] | None = None,
) -> dict:
    """Every computed figure of one window (the keys of the JSON contract). `classes` may
    hold the size classes of more companies than the window's: a company's class depends
    only on its first support, the same in every window."""
    if supported is None:
        supported = sources.supported_companies(programme, start, end)  # id → first support
    if classes is None:
        classes = sources.size_classes(supported)
    classes = {cid: classes.get(cid, "unknown") for cid in supported}
    smes = {cid for cid, c in classes.items() if c in ("micro", "small", "medium")}
    product_process, organisation_marketing = sources.innovating_companies(programme, start, end)
    totals = sources.activity_totals(programme, start, end)
    assessments = sources.assessment_figures(programme, start, end)
    head_count = totals["women"] + totals["men"] + totals["other"]
    people, lines = sources.attendances(programme, start, end)
    return {
        "RCO01": core.breakdown([classes[c] for c in supported]),
        "RCO04": len(supported),
        "RCR03": len(product_process & smes),
        "RCR04": len(organisation_marketing & smes),
        "participants": {
            "women": totals["women"],
            "men": totals["men"],
            "other": totals["other"],
        },
        "persons": core.persons(people),
        "attendances": sources.attendance_counts(programme, start, end, head_count, lines),
        "activities": totals["activities"],
        "staff_hours": _money(totals["staff_hours"]),
        "in_kind": {
            "hours": _money(sources.in_kind_hours(programme, start, end)),
            "value_sek": _money(sources.in_kind_value(programme, start, end)),
        },
        "assessments": assessments,
        # Figures of the apps above indicators (impact's "effect"), for the same firms.
        **providers.figures(programme, start, end, supported, classes),
    }


def indicator_values(programme: Programme, start: date | None = None, end: date | None = None):
    """The indicators for `programme` between `start` and `end` (inclusive) as plain JSON:
    the window's figures, `cumulative` (the same figures from the programme's start to
    `end`) and `indicators` (the programme's set, each with both values and its target)."""
    start = start or programme.start
    end = end or programme.end
    since = min(start, programme.start)
    if since == start:
        period = cumulative = _figures(programme, start, end)
    else:
        # The companies to date include the period's: their size classes are read once.
        to_date = sources.supported_companies(programme, since, end)
        classes = sources.size_classes(to_date)
        cumulative = _figures(programme, since, end, to_date, classes)
        period = _figures(programme, start, end, classes=classes)
    values = {"programme": programme.code, "from": start.isoformat(), "to": end.isoformat()}
    values |= period
    values["cumulative"] = {"from": since.isoformat(), "to": end.isoformat(), **cumulative}
    targets = _targets(programme)
    values["indicators"] = [
        {
            "code": ind.code,
            "name_sv": ind.name_in("sv"),
            "name_en": ind.name_in("en"),
            "unit": ind.unit,
            "value": _json(_at(period, ind.path)),
            "cumulative": _json(_at(cumulative, ind.path)),
            "target": str(targets[ind.code]) if ind.code in targets else None,
        }
        for ind in indicator_set(programme)
    ]
    return values


def horizontal_criteria(
    programme: Programme, start: date | None = None, end: date | None = None, values=None
) -> dict:
    """The horizontal criteria of a window (docs/indicators.md): the supported firms by the
    gender of their CEO and of their chair, the share of women among their employees where
    known, the participants by gender and age band (the indicators' own `participants` and
    `persons`, not counted again) and the action items by environmental tag. Aggregates
    only: no firm or person is named. `values` may pass `indicator_values` of the same
    window so that its figures are read once."""
    start = start or programme.start
    end = end or programme.end
    if values is None:
        values = indicator_values(programme, start, end)
    supported = sources.supported_companies(programme, start, end)
    pairs = sources.leadership(supported)
    return {
        "programme": programme.code,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "firms": len(supported),
        "ceo": core.leadership_counts([ceo for ceo, _ in pairs]),
        "chair": core.leadership_counts([chair for _, chair in pairs]),
        "women_share": core.share_summary(sources.women_shares(supported, end), len(supported)),
        "participants": values["participants"],
        "persons": values["persons"],
        "environment": core.environment_summary(sources.tagged_items(programme, start, end)),
    }


LEADER_LABELS = {
    "women": _("women"),
    "men": _("men"),
    "other": _("other or not stated"),
    "unknown": _("unknown"),
}
PERSON_LABELS = {
    "women": _("women"),
    "men": _("men"),
    "other": _("other or not stated"),
    "not_stated": _("not recorded"),
}
AGE_LABELS = {
    "under_30": Attendee.AgeBand.UNDER_30.label,
    "30_49": Attendee.AgeBand.FROM_30_TO_49.label,
    "50_plus": Attendee.AgeBand.FROM_50.label,
    "not_stated": _("not recorded"),
}
TAG_LABELS = {**{t.value: t.label for t in EnvironmentTag}, "not_assessed": _("not assessed")}


def horizontal_display(h: dict) -> dict:
    """The horizontal criteria as labelled rows for the pages and PDFs (labels, never the
    stored codes)."""
    return {
        "values": h,
        "leadership": [
            (LEADER_LABELS[key], h["ceo"][key], h["chair"][key]) for key in LEADER_LABELS
        ],
        "participants": [
            (
                label,
                h["participants"].get(key, 0) if key != "not_stated" else None,
                h["persons"][key],
            )
            for key, label in PERSON_LABELS.items()
        ],
        "ages": [(label, h["persons"]["age"][key]) for key, label in AGE_LABELS.items()],
        "environment": [(TAG_LABELS[key], h["environment"][key]) for key in TAG_LABELS],
    }


def indicator_set(programme: Programme) -> list[SetIndicator | Indicator]:
    """The programme's indicators as in its decision (`ProgrammeIndicator`, in order), or,
    for a programme without a set, every computed figure."""
    rows = ProgrammeIndicator.objects.filter(programme=programme).order_by("position", "code")
    chosen = [SetIndicator(r.code, (r.name_sv, r.name_en), r.unit, r.measure) for r in rows]
    return chosen or list(MEASURES)


def _targets(programme: Programme) -> dict[str, Decimal]:
    return dict(IndicatorTarget.objects.filter(programme=programme).values_list("code", "target"))


def _at(values: dict, path: tuple[str, ...] | None):
    if path is None:
        return None
    for key in path:
        values = values.get(key) if isinstance(values, dict) else None
    return values


def _json(value):
    return value if value is None or isinstance(value, int | str) else str(value)


def _decimal(raw) -> Decimal | None:
    return Decimal(str(raw)) if raw is not None else None


@dataclass
class Row:
    indicator: SetIndicator | Indicator
    value: Decimal | None  # in the window
    target: Decimal | None
    cumulative: Decimal | None = None  # from the programme's start to the window's end

    @property
    def percent(self) -> Decimal | None:
        """Progress to date: the cumulative value against the (whole-programme) target."""
        done = self.cumulative if self.cumulative is not None else self.value
        if done is None or not self.target:
            return None
        return (done * 100 / self.target).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def bar(self) -> Decimal:
        """Width of the progress bar, 0–100."""
        p = self.percent
        return min(p, Decimal(100)) if p is not None else Decimal(0)


def indicator_page(programme: Programme, start: date | None = None, end: date | None = None):
    """Aggregates only, so every READERS role may see them (the view checks the role in
    `programme`): the values and one row per indicator of the programme's set, with the
    window's value, the cumulative value to the window's end and the target."""
    values = indicator_values(programme, start, end)
    targets = _targets(programme)
    rows = [
        Row(
            ind,
            _decimal(_at(values, ind.path)),
            targets.get(ind.code),
            _decimal(_at(values["cumulative"], ind.path)),
        )
        for ind in indicator_set(programme)
    ]
    return values, rows
