"""The programme's effect figures for the indicators (docs/impact.md, "Effect indicators").

Impact sits above indicators in the layer order, so indicators cannot ask impact; impact
registers `provider` with `indicators.providers` when Django starts (`apps.ImpactConfig`).
Indicators then calls `effect_figures` for each window with the firms it counts, and puts
the result under the key `effect` of its JSON, for the window and cumulatively; the
measures below let a programme's indicator set name those figures (RCR25, RCR29 and the
programme's own effect indicators).

Aggregates only: no firm is named, so every role that reads the indicators may see them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dipps.companies import fiscal
from dipps.companies.models import Company, KeyFigures
from dipps.indicators.measures import Indicator
from dipps.indicators.providers import Provider

from . import effect
from .emissions import Method
from .models import ProductivityYear
from .models_energy import EnergyYear, MaterialUse
from .selectors_energy import year_report

ONE_DAY = timedelta(days=1)
MANY = 500  # from this many firms, read a whole (narrow) table rather than a long IN list
METHOD = Method.MARKET


def _for(qs, ids: set[int]):
    return qs.filter(company_id__in=ids) if len(ids) < MANY else qs


def _accounts(ids: set[int]) -> dict[int, dict[int, effect.Accounts]]:
    rows = _for(ProductivityYear.objects, ids).values_list(
        "company_id", "fiscal_year", "operating_profit", "personnel_costs", "depreciation"
    )
    found: dict[int, dict[int, Decimal]] = {}
    for cid, year, profit, personnel, depreciation in rows.order_by():
        if cid in ids:
            found.setdefault(cid, {})[year] = profit + personnel + depreciation
    if not found:
        return {}
    staff: dict[tuple[int, int], Decimal | None] = {}
    heads = _for(KeyFigures.objects, set(found)).values_list(
        "company_id", "fiscal_year", "headcount"
    )
    for cid, year, head in heads.order_by():
        if cid in found:
            staff[(cid, year)] = head
    return {
        cid: {year: effect.Accounts(added, staff.get((cid, year))) for year, added in years.items()}
        for cid, years in found.items()
    }


def _energy(ids: set[int]) -> dict[int, dict[int, effect.Energy]]:
    years = (
        _for(EnergyYear.objects, ids)
        .prefetch_related(
            "uses", Prefetch("materials", queryset=MaterialUse.objects.order_by("material"))
        )
        .order_by()
    )
    out: dict[int, dict[int, effect.Energy]] = {}
    for energy_year in years:
        if energy_year.company_id not in ids:
            continue
        report = year_report(energy_year, METHOD)
        if report.errors:
            continue  # a factor removed from the file: the year cannot be converted
        out.setdefault(energy_year.company_id, {})[energy_year.year] = effect.Energy(
            kwh=report.kwh,
            kg_co2e=report.kg_co2e,
            material_tonnes=report.material_tonnes if report.materials else None,
            units=energy_year.units_produced,
        )
    return out


def _last_calendar(end: date) -> int:
    return end.year if (end.month, end.day) == (12, 31) else end.year - 1


def effect_figures(
    programme, start: date, end: date, supported: dict[int, date], classes: dict[int, str]
) -> dict:
    """The effect figures of the window's supported firms (`effect.effect`)."""
    ids = set(supported)
    if not ids:
        return effect.effect([], METHOD.value)
    broken = Company.objects.exclude(fiscal_year_end=fiscal.CALENDAR)
    if len(ids) < MANY:
        broken = broken.filter(id__in=ids)
    year_ends = dict(broken.values_list("id", "fiscal_year_end"))
    accounts = _accounts(ids)
    energy = _energy(ids)
    firms = []
    for cid, first in supported.items():
        year_end = year_ends.get(cid, fiscal.CALENDAR)
        firms.append(
            effect.Firm(
                sme=classes.get(cid) in ("micro", "small", "medium"),
                baseline=fiscal.fiscal_year_of(first, year_end) - 1,
                last_fiscal=fiscal.fiscal_year_of(end + ONE_DAY, year_end) - 1,
                energy_baseline=first.year - 1,
                last_calendar=_last_calendar(end),
                accounts=accounts.get(cid, {}),
                energy=energy.get(cid, {}),
            )
        )
    return effect.effect(firms, METHOD.value)


def note(values: dict) -> str:
    """The page's line on the effect figures: which firms were compared."""
    va = values["value_added_per_employee"]
    co2 = values["emissions"]
    return _(
        "Effect indicators: value added per employee compared for %(n)s firms "
        "(%(base)s without figures for the baseline year, %(follow)s without a later year, "
        "%(staff)s without a staff figure); emissions for %(e)s firms, electricity "
        "%(method)s; values in SEK are nominal."
    ) % {
        "n": va["firms"],
        "base": va["without_baseline"],
        "follow": va["without_follow_up"],
        "staff": va["without_staff"],
        "e": co2["firms"],
        "method": (
            _("market-based (Nordic residual mix)")
            if co2["method"] == Method.MARKET
            else _("location-based (Nordic mix)")
        ),
    }


VA_ABOUT = gettext_lazy(
    "Value added (operating profit + personnel costs + depreciation and write-downs) per "
    "annual work unit, per firm: before = the last fiscal year closed before the firm's first "
    "support, after = the latest later fiscal year with figures closed by the period's end. "
    "Over the supported firms with both years and a staff figure in each; nominal SEK."
)
INTENSITY_ABOUT = gettext_lazy(
    "kWh of all energy carriers divided by value added in SEK, summed over the supported "
    "firms with energy figures and a positive value added both in the calendar year before "
    "the first support and in the latest later year."
)
MATERIAL_ABOUT = gettext_lazy(
    "Tonnes of main materials in the calendar year before the first support and in the "
    "latest later year, summed over the supported firms with materials in both."
)
PER_UNIT_ABOUT = gettext_lazy(
    "Kilograms of main materials per unit produced (in each firm's own unit), the mean of "
    "the firms' ratios, over the supported firms with materials and units produced in the "
    "year before the first support and in the latest later year."
)
RCR29_ABOUT = gettext_lazy(
    "Tonnes CO2e a year from the firms' energy use, with dated emission factors (electricity "
    "market-based: Nordic residual mix), in the calendar year before the first support, "
    "summed over the supported firms with energy figures then and in a later year."
)


def _va(code, label, path, places=0):
    return Indicator(
        code, label, ("effect", "value_added_per_employee", *path), places, "sek", VA_ABOUT
    )


MEASURES = [
    Indicator(
        "RCR25",
        gettext_lazy("SMEs with higher value added per employee (RCR25)"),
        ("effect", "RCR25"),
    ),
    Indicator(
        "RCR29",
        gettext_lazy("Estimated greenhouse gas emissions after the support (RCR29)"),
        ("effect", "emissions", "after"),
        1,
        "tonnes_co2e_year",
    ),
    Indicator(
        "RCR29_baseline",
        gettext_lazy("Estimated greenhouse gas emissions before the support (RCR29 baseline)"),
        ("effect", "emissions", "before"),
        1,
        "tonnes_co2e_year",
        RCR29_ABOUT,
    ),
    Indicator(
        "va_employee_firms",
        gettext_lazy("Firms with value added per employee before and after"),
        ("effect", "value_added_per_employee", "firms"),
        about=VA_ABOUT,
    ),
    _va(
        "va_employee_mean_before",
        gettext_lazy("Value added per employee before, mean (SEK)"),
        ("mean", "before"),
    ),
    _va(
        "va_employee_mean_after",
        gettext_lazy("Value added per employee after, mean (SEK)"),
        ("mean", "after"),
    ),
    _va(
        "va_employee_mean_change",
        gettext_lazy("Change in value added per employee, mean (SEK)"),
        ("mean", "change"),
    ),
    _va(
        "va_employee_median_before",
        gettext_lazy("Value added per employee before, median (SEK)"),
        ("median", "before"),
    ),
    _va(
        "va_employee_median_after",
        gettext_lazy("Value added per employee after, median (SEK)"),
        ("median", "after"),
    ),
    _va(
        "va_employee_median_change",
        gettext_lazy("Change in value added per employee, median (SEK)"),
        ("median", "change"),
    ),
    Indicator(
        "energy_intensity_before",
        gettext_lazy("Energy intensity before the support (kWh per SEK value added)"),
        ("effect", "energy_intensity", "before"),
        4,
        "number",
        INTENSITY_ABOUT,
    ),
    Indicator(
        "energy_intensity_after",
        gettext_lazy("Energy intensity after the support (kWh per SEK value added)"),
        ("effect", "energy_intensity", "after"),
        4,
        "number",
        INTENSITY_ABOUT,
    ),
    Indicator(
        "material_before",
        gettext_lazy("Material use before the support (tonnes)"),
        ("effect", "material", "before"),
        1,
        "number",
        MATERIAL_ABOUT,
    ),
    Indicator(
        "material_after",
        gettext_lazy("Material use after the support (tonnes)"),
        ("effect", "material", "after"),
        1,
        "number",
        MATERIAL_ABOUT,
    ),
    Indicator(
        "material_per_unit_before",
        gettext_lazy("Material per unit produced before the support (kg, mean of firms)"),
        ("effect", "material_per_unit", "before"),
        3,
        "number",
        PER_UNIT_ABOUT,
    ),
    Indicator(
        "material_per_unit_after",
        gettext_lazy("Material per unit produced after the support (kg, mean of firms)"),
        ("effect", "material_per_unit", "after"),
        3,
        "number",
        PER_UNIT_ABOUT,
    ),
]

provider = Provider(key="effect", compute=effect_figures, measures=MEASURES, note=note)
