"""The programme's effect indicators and ERDF results RCR25 and RCR29, from the firms' own
figures before and after the support (docs/impact.md, "Effect indicators").

Pure Python, no Django. The selector (`selectors_effect.py`) reads each supported firm's
figures; the rules below choose the years compared and aggregate over the firms.

**Years compared.** For productivity the *before* year is the baseline of `productivity`:
the firm's last fiscal year closed before its first support in the programme. The *after*
year is the latest fiscal year after the baseline that has figures and whose last day is on
or before the end of the reporting window. Energy, material and emissions are kept per
calendar year: before is the calendar year before the first support, after the latest
calendar year after it with figures that ended by the window's end. Amounts are nominal
(SEK of each year, not deflated): a rise may be price inflation, which the comparison group
(difference-in-differences) takes out, these figures do not.

**RCR25** (SMEs with higher value added per employee). In our own words, the Commission's
metadata for the 2021–2027 common indicators counts the supported SMEs whose value added per
employee is higher after the support than in the year before it. Here: the firms that are
SMEs by the status RCO01 uses (micro, small or medium at the first support; `indicators`)
whose value added per annual work unit in the after year is strictly higher than in the
baseline year, both rounded to öre. A firm without a staff figure (or with zero staff) in
either year cannot be compared: it is excluded and counted (`without_staff`).

**RCR29** (estimated greenhouse-gas emissions). The metadata asks for the estimated annual
emissions of the supported entities, in tonnes of CO2 equivalent, before (the baseline) and
after the support. Here: Σ t CO2e of the before years and Σ of the after years, over the
firms with energy figures in both (the same firms on both sides), with the factors of
`emissions` and the electricity method named in the result (market-based unless chosen).

**Energy intensity** = Σ kWh / Σ value added (kWh per SEK), over the firms with energy
figures and a positive value added in both years (the value added of the fiscal year named
by the same calendar year); the sum of ratios would let a tiny firm dominate.
**Material** = Σ tonnes of main materials, over the firms with materials in both years.
**Material per unit** is kg of material per unit produced, per firm (each firm counts its
own unit of output, so units cannot be added across firms): the mean of the firms' ratios
before and after, and the mean of their percentage changes, over the firms with materials
and units produced in both years.

Means and medians (of an even count, the mean of the two middle values) are exact and
rounded half up at the edge: SEK to öre, kWh per SEK to four decimals, tonnes and kg per
unit to three, percentages to one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
THOUSANDTH = Decimal("0.001")
TEN_THOUSANDTH = Decimal("0.0001")
THOUSAND = Decimal(1000)


@dataclass(frozen=True, slots=True)
class Accounts:
    """One fiscal year: value added (SEK) and staff (annual work units, None: unknown)."""

    value_added: Decimal
    staff: Decimal | None


@dataclass(frozen=True, slots=True)
class Energy:
    """One calendar year: kWh, kg CO2e, tonnes of main materials (None: none entered) and
    units produced (None: not entered)."""

    kwh: Decimal
    kg_co2e: Decimal
    material_tonnes: Decimal | None = None
    units: Decimal | None = None


@dataclass(frozen=True)
class Firm:
    sme: bool
    baseline: int  # fiscal year closed before the first support
    last_fiscal: int  # the last fiscal year closed by the window's end
    energy_baseline: int  # the calendar year before the first support
    last_calendar: int  # the last calendar year ended by the window's end
    accounts: Mapping[int, Accounts] = field(default_factory=dict)
    energy: Mapping[int, Energy] = field(default_factory=dict)


def after_year(years, baseline: int, last: int) -> int | None:
    """The latest of `years` after `baseline` and not after `last`."""
    later = [y for y in years if baseline < y <= last]
    return max(later) if later else None


def per_employee(accounts: Accounts | None) -> Decimal | None:
    if accounts is None or accounts.staff is None or accounts.staff <= 0:
        return None
    return (accounts.value_added / accounts.staff).quantize(CENT, ROUND_HALF_UP)


def _round(value: Decimal, step: Decimal) -> str:
    rounded = value.quantize(step, ROUND_HALF_UP)
    return str(rounded if rounded else abs(rounded))


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def median(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def _text(value: Decimal | None, step: Decimal) -> str | None:
    return None if value is None else _round(value, step)


def value_added_per_employee(firms: Sequence[Firm]) -> dict:
    """The before/after/change summary and RCR25 (see the module's docstring)."""
    before: list[Decimal] = []
    after: list[Decimal] = []
    counts = {"without_baseline": 0, "without_follow_up": 0, "without_staff": 0}
    rcr25 = smes = 0
    for firm in firms:
        if firm.baseline not in firm.accounts:
            counts["without_baseline"] += 1
            continue
        year = after_year(firm.accounts, firm.baseline, firm.last_fiscal)
        if year is None:
            counts["without_follow_up"] += 1
            continue
        b = per_employee(firm.accounts[firm.baseline])
        a = per_employee(firm.accounts[year])
        if b is None or a is None:
            counts["without_staff"] += 1
            continue
        before.append(b)
        after.append(a)
        if firm.sme:
            smes += 1
            rcr25 += a > b
    changes = [a - b for a, b in zip(after, before, strict=True)]
    return {
        "value_added_per_employee": {
            "firms": len(before),
            **counts,
            "mean": {
                "before": _text(mean(before), CENT),
                "after": _text(mean(after), CENT),
                "change": _text(mean(changes), CENT),
            },
            "median": {
                "before": _text(median(before), CENT),
                "after": _text(median(after), CENT),
                "change": _text(median(changes), CENT),
            },
        },
        "RCR25": rcr25,
        "RCR25_smes_compared": smes,
    }


def _energy_pair(firm: Firm) -> tuple[Energy, Energy, int, int] | None:
    if firm.energy_baseline not in firm.energy:
        return None
    year = after_year(firm.energy, firm.energy_baseline, firm.last_calendar)
    if year is None:
        return None
    return firm.energy[firm.energy_baseline], firm.energy[year], firm.energy_baseline, year


def energy_and_material(firms: Sequence[Firm], method: str) -> dict:
    """RCR29, energy intensity, material and material per unit (the module's docstring)."""
    co2 = [Decimal(0), Decimal(0)]
    kwh = [Decimal(0), Decimal(0)]
    added = [Decimal(0), Decimal(0)]
    material = [Decimal(0), Decimal(0)]
    per_unit: list[tuple[Decimal, Decimal]] = []
    n_co2 = n_intensity = n_material = without_follow_up = 0
    for firm in firms:
        pair = _energy_pair(firm)
        if pair is None:
            without_follow_up += firm.energy_baseline in firm.energy
            continue
        b, a, by, ay = pair
        n_co2 += 1
        co2[0] += b.kg_co2e
        co2[1] += a.kg_co2e
        vb, va = firm.accounts.get(by), firm.accounts.get(ay)
        if vb is not None and va is not None and vb.value_added > 0 and va.value_added > 0:
            n_intensity += 1
            kwh[0] += b.kwh
            kwh[1] += a.kwh
            added[0] += vb.value_added
            added[1] += va.value_added
        if b.material_tonnes is not None and a.material_tonnes is not None:
            n_material += 1
            material[0] += b.material_tonnes
            material[1] += a.material_tonnes
            if b.units and a.units and b.units > 0 and a.units > 0:
                per_unit.append(
                    (b.material_tonnes * THOUSAND / b.units, a.material_tonnes * THOUSAND / a.units)
                )
    percent = [(a - b) * 100 / b for b, a in per_unit if b > 0]
    return {
        "emissions": {
            "method": method,
            "firms": n_co2,
            "without_follow_up": without_follow_up,
            "before": _text(co2[0] / THOUSAND, THOUSANDTH) if n_co2 else None,
            "after": _text(co2[1] / THOUSAND, THOUSANDTH) if n_co2 else None,
        },
        "energy_intensity": {
            "firms": n_intensity,
            "before": _text(kwh[0] / added[0], TEN_THOUSANDTH) if n_intensity else None,
            "after": _text(kwh[1] / added[1], TEN_THOUSANDTH) if n_intensity else None,
        },
        "material": {
            "firms": n_material,
            "before": _text(material[0], THOUSANDTH) if n_material else None,
            "after": _text(material[1], THOUSANDTH) if n_material else None,
        },
        "material_per_unit": {
            "firms": len(per_unit),
            "before": _text(mean([b for b, _a in per_unit]), THOUSANDTH),
            "after": _text(mean([a for _b, a in per_unit]), THOUSANDTH),
            "change_percent": _text(mean(percent), TENTH),
        },
    }


def effect(firms: Sequence[Firm], method: str = "market") -> dict:
    """Every effect figure of the window's supported firms, as plain JSON."""
    return {
        "firms": len(firms),
        **value_added_per_employee(firms),
        **energy_and_material(firms, method),
    }
