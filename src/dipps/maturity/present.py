"""Presentation helpers shared by the results page and the PDF report."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .charts import Series, radar
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
        numbers = ", ".join(
            f"{axis} {number_format(round(v, 1), decimal_pos=1)}"
            for axis, v in zip(axes, values, strict=True)
        )
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
