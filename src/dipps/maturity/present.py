"""Presentation helpers shared by the results page, the PDF report and the timeline.

Every score, gain and percentile is shown through `score_text`: the exact value
rounded by the one rule (`figures.rounded`, half up) and formatted for the
active language, so one assessment shows one number wherever it appears.
"""

from __future__ import annotations

from fractions import Fraction

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dipps.core.formatting import signed
from dipps.core.templatetags.dipps import num

from .charts import Series, radar
from .figures import SHOWN_PLACES, rounded
from .frameworks import FrameworkError, load_framework
from .models import AnsweredBy, Stage, Status
from .selectors import Results


def radar_svg(results: Results, ident: str = "radar") -> SafeString | None:
    if results.framework is None or not results.rows:
        return None
    axes = [row.title for row in results.rows]
    series = []
    parts = []
    for index, assessment in enumerate(results.compared):
        name = assessment.get_stage_display()
        values = [row.values[index] or 0 for row in results.rows]
        series.append(Series(name, values))
        numbers = ", ".join(f"{axis} {score_text(v)}" for axis, v in zip(axes, values, strict=True))
        parts.append(f"{name}: {numbers}")
    title = _("Digital maturity per dimension, %(company)s") % {"company": results.company.name}
    desc = _("Scores from 0 to %(max)s. ") % {"max": results.framework.score_max} + "; ".join(parts)
    return mark_safe(
        radar(
            title=title,
            desc=desc,
            axes=axes,
            series=series,
            maximum=results.framework.score_max,
            ident=ident,
        )
    )


def suggestion_rows(results: Results) -> list[dict]:
    language = get_language() or "sv"
    titles = {}
    if results.framework is not None:
        titles = {d.id: d.title.get(language) for d in results.framework.dimensions}
    return [
        {
            "id": s.intervention.id,
            "title": s.intervention.title.get(language),
            "description": s.intervention.description.get(language),
            "dimension": titles.get(s.dimension, s.dimension),
            "effort_hours": s.intervention.effort_hours,
            "priority": float(s.priority),
            "accepted": s.intervention.id in results.accepted,
        }
        for s in results.suggestions
    ]


# The tables below are formatted here, once per cell, so the templates only
# print strings: a template loop that resolves model attributes, lazy choice
# labels and filters per cell cost more than all the page's queries together.


def score_text(value: Fraction | int | None, places: int = SHOWN_PLACES) -> str:
    """A score, gain, mean or percentile as shown: exact value, one rounding rule, locale.

    Never from a float: 931/20 is "46,6" here, where a float of 46.55 would give 46,5.
    """
    return "" if value is None else num(rounded(value, places), places)


def signed_score_text(value: Fraction | None, places: int = SHOWN_PLACES) -> str:
    """A change with its sign as everywhere (`formatting.signed`): +1,4, −15,7 (a real minus)."""
    if value is None:
        return ""
    return signed(rounded(value, places), places)


def _overall(assessment) -> str:
    exact = assessment.exact
    return "" if exact is None else score_text(exact.overall)


def score_table(results: Results) -> dict:
    """The per-dimension table (and its overall row) as strings."""
    rows = [
        {
            "title": row.title,
            "values": [score_text(v) for v in row.values],
            "gain": signed_score_text(row.gain),
        }
        for row in results.rows
    ]
    overall = {
        "values": [_overall(a) for a in results.compared],
        "gain": signed_score_text(results.overall_gain),
    }
    latest = results._ranked()
    return {
        "gains": results.overall_gain is not None,
        "rows": rows,
        "overall": overall,
        "strongest": [(r.title, score_text(r.values[-1])) for r in latest[-2:][::-1]],
        "weakest": [(r.title, score_text(r.values[-1])) for r in latest[:2]],
    }


def peer_rows(results: Results) -> list[dict]:
    return [
        {
            "label": capfirst(g.label),
            "shown": g.shown,
            "companies": g.companies,
            "cells": [score_text(g.overall, 0), *(score_text(v, 0) for v in g.cells)]
            if g.shown
            else [],
        }
        for g in results.peers
    ]


def framework_name(framework_id: str, version: int | None = None) -> str:
    """A framework as a person knows it ("Digital mognad för små och medelstora …"), in the
    active language, with its version when one is asked for; never its file id."""
    try:
        title = load_framework(framework_id, version).title.get(get_language() or "sv")
    except FrameworkError:
        title = framework_id  # a file no longer shipped: its id is all there is
    if version is None:
        return title
    return _("%(title)s, version %(version)s") % {"title": title, "version": version}


def history_rows(results: Results) -> list[dict]:
    """Drafts first, then submitted versions, with their labels resolved once."""
    stages = {value: str(label) for value, label in Stage.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    answered = {value: str(label) for value, label in AnsweredBy.choices}
    return [
        {
            "url": reverse("maturity:detail", args=[a.pk]),
            "stage": stages.get(a.stage, a.stage),
            "version": a.version,
            "superseded": not a.is_draft and not a.is_current,
            "status": statuses.get(a.status, a.status),
            "framework": framework_name(a.framework, a.framework_version),
            "answered_by": answered.get(a.answered_by, a.answered_by),
            "submitted": date_format(localtime(a.submitted), "SHORT_DATE_FORMAT")
            if a.submitted
            else "",
            "overall": _overall(a),
        }
        for a in [*results.drafts, *results.history]
    ]


def results_context(results: Results, ident: str = "radar") -> dict:
    """What _results.html and the report need: the tables formatted once."""
    return {
        "results": results,
        "radar": radar_svg(results, ident=ident),
        "scores": score_table(results) if results.latest else None,
        "peer_rows": peer_rows(results),
        "suggestions": suggestion_rows(results),
    }
