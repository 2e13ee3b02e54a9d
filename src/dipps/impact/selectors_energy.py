"""Reads of a firm's energy, material and emissions, scoped to the asking user.

The page's firm is checked with ``companies.selectors.company_for`` by the view; the action
items compared are those of the engagements the user may see (``engagements_visible_to``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from dipps.engagements.models import ActionItem
from dipps.engagements.selectors import engagements_visible_to

from . import emissions
from .emissions import Comparison, EmissionsError, Figure, Method
from .models_energy import EnergyYear, MaterialUse

ZERO = Decimal(0)


@dataclass
class YearReport:
    energy_year: EnergyYear
    figures: list[Figure]
    materials: list[MaterialUse]
    kwh: Decimal = ZERO
    kg_co2e: Decimal = ZERO
    material_tonnes: Decimal = ZERO
    errors: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.energy_year.year

    @property
    def t_co2e(self) -> Decimal:
        return self.kg_co2e / 1000


@dataclass
class EnergyReport:
    method: Method
    years: list[YearReport]
    comparisons: list[tuple[ActionItem, Comparison]]


def energy_years(company):
    return EnergyYear.objects.filter(company=company).prefetch_related(
        "uses", Prefetch("materials", queryset=MaterialUse.objects.order_by("material"))
    )


def year_report(energy_year: EnergyYear, method: Method) -> YearReport:
    report = YearReport(energy_year, [], list(energy_year.materials.all()))
    factors = emissions.shipped()
    for use in energy_year.uses.all():
        own = energy_year.heating_g_per_kwh if use.carrier == "district_heating" else None
        try:
            fig = emissions.figure(
                factors,
                carrier=use.carrier,
                quantity=use.quantity,
                unit=use.unit,
                year=energy_year.year,
                method=method,
                own_g_per_kwh=own,
                own_source=energy_year.heating_source,
            )
        except EmissionsError as exc:  # a factor removed from the file after saving
            report.errors.append(str(exc))
            continue
        report.figures.append(fig)
        report.kwh += fig.kwh
        report.kg_co2e += fig.kg_co2e
    report.material_tonnes = sum((m.tonnes for m in report.materials), ZERO)
    return report


def energy_report(user, company, method: Method = Method.MARKET) -> EnergyReport:
    years = [year_report(ey, method) for ey in energy_years(company)]
    totals = {
        y.year: emissions.YearTotals(
            y.kwh, y.kg_co2e, y.material_tonnes, y.energy_year.price_per_kwh
        )
        for y in years
    }
    items = list(
        ActionItem.objects.filter(
            engagement__in=engagements_visible_to(user),
            engagement__company=company,
            status=ActionItem.Status.DONE,
            completed__isnull=False,
        ).order_by("completed", "id")
    )
    compared = emissions.realised(
        [
            emissions.Expected(i.pk, i.completed, i.expected_kwh_year, i.expected_tonnes_year)
            for i in items
            if i.completed is not None
        ],
        totals,
    )
    return EnergyReport(method, years, list(zip(items, compared, strict=True)))
