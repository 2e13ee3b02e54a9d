"""The impact pages' charts in the page's language: figures formatted, words translated,
then drawn by the pure `charts` module (which escapes every text it writes, so its markup
is marked safe here)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dipps.core.formatting import kr_unbroken, number, percent

from . import charts
from .models_energy import Carrier

MINUS = "\u2212"


def signed_percent(value: Decimal | None) -> str:
    """`+7,1 %`, `−15,7 %` (a true minus sign), `0,0 %`; empty for None."""
    if value is None:
        return ""
    text = percent(abs(value))
    if value > 0:
        return "+" + text
    return (MINUS + text) if value < 0 and text != percent(0) else text


def _safe(svg: str) -> SafeString:
    return mark_safe(svg)  # noqa: S308 — charts escapes every text it writes


def productivity_chart(rows, comparisons, ident: str = "productivity") -> SafeString | str:
    """Value added per employee per fiscal year, the baseline and follow-ups marked."""
    if not rows:
        return ""
    items = [
        charts.Bar(
            label=str(r.fiscal_year),
            value=r.per_employee,
            text=kr_unbroken(r.per_employee) if r.per_employee is not None else "–",
            mark=r.mark_text,
        )
        for r in rows
    ]
    described = "; ".join(
        f"{r.fiscal_year}: "
        + (kr_unbroken(r.per_employee) if r.per_employee is not None else _("no staff figure"))
        + (f" ({r.mark_text})" if r.marks else "")
        for r in rows
    )
    changes = "; ".join(
        _("%(mark)s compared with the baseline: %(change)s")
        % {
            "mark": c.label,
            "change": (
                kr_unbroken(c.change.amount)
                + (f" ({percent(c.change.percent)})" if c.change.percent is not None else "")
            ),
        }
        for c in comparisons
        if c.change is not None
    )
    return _safe(
        charts.bars(
            title=_("Value added per employee (SEK) by fiscal year"),
            desc=described + (". " + changes if changes else ""),
            items=items,
            ident=ident,
        )
    )


def _carriers(years) -> list[Carrier]:
    return [c for c in Carrier if any(f.carrier == c for y in years for f in y.figures)]


def energy_chart(years, ident: str = "energy-kwh", width: int = 560) -> SafeString | str:
    """Energy use per year (kWh), a segment per carrier."""
    if not years:
        return ""
    carriers = _carriers(years)
    groups = [
        charts.Stack(
            str(y.year),
            [
                float(sum((f.kwh for f in y.figures if f.carrier == c), Decimal(0)))
                for c in carriers
            ],
            number(y.kwh),
        )
        for y in years
    ]
    desc = "; ".join(
        f"{y.year}: "
        + ", ".join(
            f"{c.label} {number(sum((f.kwh for f in y.figures if f.carrier == c), Decimal(0)))}"
            for c in carriers
            if any(f.carrier == c for f in y.figures)
        )
        + "; "
        + _("in total %(kwh)s kWh") % {"kwh": number(y.kwh)}
        for y in years
    )
    return _safe(
        charts.stacked(
            title=_("Energy use per year and carrier, kWh"),
            desc=desc,
            series=[capfirst(str(c.label)) for c in carriers],
            groups=groups,
            unit="kWh",
            ident=ident,
            width=width,
            fmt=lambda v: number(v),
        )
    )


def co2e_chart(
    years, method_label, ident: str = "energy-chart", width: int = 560
) -> SafeString | str:
    """Emissions per year (t CO2e), a segment per carrier, the method written on the chart."""
    if not years:
        return ""
    carriers = _carriers(years)
    groups = [
        charts.Stack(
            str(y.year),
            [
                float(sum((f.kg_co2e for f in y.figures if f.carrier == c), Decimal(0))) / 1000
                for c in carriers
            ],
            number(y.t_co2e, 2),
        )
        for y in years
    ]
    desc = "; ".join(
        f"{y.year}: {number(y.t_co2e, 2)} t CO2e, {number(y.kwh, 0)} kWh" for y in years
    )
    return _safe(
        charts.stacked(
            title=_("Emissions per year and carrier, t CO2e, %(method)s")
            % {"method": method_label},
            desc=desc,
            series=[capfirst(str(c.label)) for c in carriers],
            groups=groups,
            unit=_("t CO2e, %(method)s") % {"method": method_label},
            ident=ident,
            width=width,
            fmt=lambda v: number(v, 1 if v and v < 10 else 0),
        )
    )


def bin_label(low: Decimal, high: Decimal) -> str:
    """A bin's edges as the axis writes them: `−10…0`, `0…10` (per cent)."""

    def edge(v: Decimal) -> str:
        return (MINUS if v < 0 else "") + number(abs(v))

    return f"{edge(low)}…{edge(high)}"


def change_histogram(bins, *, title: str, axis: str, ident: str) -> SafeString | str:
    """Firms per bin of change (per cent), described bin by bin."""
    if not bins:
        return ""
    columns: Sequence[charts.Column] = [
        charts.Column(bin_label(b.low, b.high), b.count) for b in bins
    ]
    desc = "; ".join(
        _("%(low)s to %(high)s %%: %(count)s firms")
        % {"low": number(b.low), "high": number(b.high), "count": b.count}
        for b in bins
    )
    return _safe(charts.histogram(title=title, desc=desc, columns=columns, axis=axis, ident=ident))
