"""Energy to kWh and CO2e with dated emission factors; realised against expected savings.

Pure Python, no Django. The factors are data (``impact/data/emission_factors.csv``, described
in docs/reference-data.md, "Emission factors"): each row names a carrier, a method, the year
from which it is valid, the carrier's unit, its heating value in kWh per unit and its factor in
g CO2e per kWh, and its SOURCE. A row without a source or a year is refused.

Sources of the shipped values (each row repeats its own):

- electricity, market-based: the Nordic residual mix published each June by
  Energimarknadsinspektionen (Ei, computed by Grexel) — the mix a buyer without guarantees
  of origin is assigned (GHG Protocol Scope 2 Guidance, market-based method);
- electricity, location-based: the Nordic mix with import and export (IVL for
  Naturvårdsverket, SMED report 4 2021) — the average of the grid (Scope 2, location-based);
- district heating: a national default, replaced per firm by the local network's value
  (Energiföretagen Sverige, "Lokala miljövärden");
- fuels: Naturvårdsverket, "Genomsnittliga emissionsfaktorer och värmevärden för Sveriges
  bränsleanvändning" (heating value × emission factor; combustion only, no life cycle).

Rules:

- The factor valid for year Y is the row of the same carrier and method (or with an empty
  method, valid for both) with the latest year ≤ Y. Before the first row there is no factor:
  `EmissionsError`. A year after the last row uses the last row (the latest published).
- A quantity in the carrier's own unit is converted with its ``kwh_per_unit``; ``kWh`` and
  ``MWh`` (× 1000) are accepted for every carrier.
- kg CO2e = kWh × g/kWh / 1000. Sums are exact; `round2` rounds half up to two decimals only
  when a figure is shown (docs/DESIGN.md §4: round at the edge).
- Realised against expected (`realised`): an action item completed in year Y is compared
  with the firm's year Y−1 (before) and Y+1 (after, the first full year without the change in
  progress). Measured saving = before − after (kWh, material tonnes, kg CO2e); SEK = measured
  kWh × the firm's price per kWh of the after year. The expected saving in CO2e and SEK uses
  the same year's average factor (before year's kg CO2e / kWh) and price. The measured change
  is the whole firm's: items completed in the same year share it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

CENT = Decimal("0.01")
THOUSAND = Decimal(1000)
GENERIC_UNITS = {"kwh": Decimal(1), "mwh": THOUSAND}
COLUMNS = ("carrier", "method", "year", "unit", "kwh_per_unit", "g_co2e_per_kwh", "source")


class Method(StrEnum):
    MARKET = "market"  # Nordic residual mix
    LOCATION = "location"  # Nordic mix


class EmissionsError(ValueError):
    """A factor or a quantity that cannot be used; `line` is 1-based in the data file, or 0."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Factor:
    carrier: str
    method: str  # "market", "location" or "" (both)
    year: int
    unit: str
    kwh_per_unit: Decimal
    g_per_kwh: Decimal
    source: str


@dataclass(frozen=True)
class Figure:
    """One carrier's use in one year, converted."""

    carrier: str
    quantity: Decimal
    unit: str
    kwh: Decimal
    kg_co2e: Decimal
    method: Method
    factor_year: int | None  # None: the firm's own factor (local district heating)
    source: str


@dataclass(frozen=True)
class YearTotals:
    kwh: Decimal
    kg_co2e: Decimal
    material_tonnes: Decimal
    price_per_kwh: Decimal | None = None


@dataclass(frozen=True)
class Expected:
    key: int
    completed: dt.date
    kwh: Decimal | None
    tonnes: Decimal | None


@dataclass(frozen=True)
class Comparison:
    key: int
    before_year: int
    after_year: int
    expected_kwh: Decimal | None
    expected_tonnes: Decimal | None
    expected_t_co2e: Decimal | None
    expected_sek: Decimal | None
    measured_kwh: Decimal | None
    measured_tonnes: Decimal | None
    measured_t_co2e: Decimal | None
    measured_sek: Decimal | None


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _decimal(text: str, what: str, line: int) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise EmissionsError(f"{what} {text!r} is not a number", line) from None
    if not value.is_finite() or value < 0:
        raise EmissionsError(f"{what} {text!r} must be a number ≥ 0", line)
    return value


def parse_factors(text: str) -> list[Factor]:
    """The rows of a factor file; lines starting with # are comments."""
    lines = [(n, raw) for n, raw in enumerate(text.splitlines(), 1) if not raw.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(raw for _, raw in lines)))
    rows = list(reader)
    if not rows or tuple(c.strip() for c in rows[0]) != COLUMNS:
        raise EmissionsError(f"the header must be {','.join(COLUMNS)}", lines[0][0] if lines else 0)
    factors: list[Factor] = []
    seen: set[tuple[str, str, int]] = set()
    for (line, _), row in zip(lines[1:], rows[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise EmissionsError(f"expected {len(COLUMNS)} columns, found {len(row)}", line)
        carrier, method, year, unit, per_unit, g, source = (cell.strip() for cell in row)
        if not carrier:
            raise EmissionsError("carrier is empty", line)
        if method not in ("", *Method):
            raise EmissionsError(f"method {method!r} must be market, location or empty", line)
        if not year.isdigit() or not 1990 <= int(year) <= 2100:
            raise EmissionsError(f"year {year!r} must be a year such as 2023", line)
        if not source:
            raise EmissionsError("source is empty: every factor names its source", line)
        kwh_per_unit = _decimal(per_unit, "kwh_per_unit", line)
        if kwh_per_unit == 0:
            raise EmissionsError("kwh_per_unit must be more than 0", line)
        key = (carrier, method, int(year))
        if key in seen:
            raise EmissionsError(f"{carrier} {method or 'both methods'} {year} twice", line)
        seen.add(key)
        factors.append(
            Factor(
                carrier,
                method,
                int(year),
                unit,
                kwh_per_unit,
                _decimal(g, "g_co2e_per_kwh", line),
                source,
            )
        )
    return factors


def factor_for(factors: Iterable[Factor], carrier: str, method: Method, year: int) -> Factor:
    """The factor of the latest year ≤ `year` for the carrier and method."""
    candidates = [
        f
        for f in factors
        if f.carrier == carrier and f.method in ("", method.value) and f.year <= year
    ]
    if not candidates:
        raise EmissionsError(f"no {method.value} factor for {carrier} in {year} or before")
    return max(candidates, key=lambda f: (f.year, f.method != ""))


def to_kwh(quantity: Decimal, unit: str, factor: Factor) -> Decimal:
    generic = GENERIC_UNITS.get(unit.lower())
    if generic is not None:
        return quantity * generic
    if unit.lower() == factor.unit.lower():
        return quantity * factor.kwh_per_unit
    raise EmissionsError(f"{factor.carrier} is counted in {factor.unit}, kWh or MWh, not {unit}")


def figure(
    factors: Iterable[Factor],
    *,
    carrier: str,
    quantity: Decimal,
    unit: str,
    year: int,
    method: Method,
    own_g_per_kwh: Decimal | None = None,
    own_source: str = "",
) -> Figure:
    """One carrier's use converted; `own_g_per_kwh` replaces the shipped factor (a local
    district-heating network's value), the heating value still comes from the file."""
    factor = factor_for(factors, carrier, method, year)
    kwh = to_kwh(quantity, unit, factor)
    if own_g_per_kwh is not None:
        return Figure(
            carrier, quantity, unit, kwh, kwh * own_g_per_kwh / THOUSAND, method, None, own_source
        )
    kg = kwh * factor.g_per_kwh / THOUSAND
    return Figure(carrier, quantity, unit, kwh, kg, method, factor.year, factor.source)


def realised(items: Iterable[Expected], years: Mapping[int, YearTotals]) -> list[Comparison]:
    """Each completed item's expected saving next to the firm's measured change (docstring)."""
    out = []
    for item in items:
        year = item.completed.year
        before, after = years.get(year - 1), years.get(year + 1)
        factor = before.kg_co2e / before.kwh if before and before.kwh else None
        price = after.price_per_kwh if after else None
        exp_kwh = item.kwh
        out.append(
            Comparison(
                key=item.key,
                before_year=year - 1,
                after_year=year + 1,
                expected_kwh=exp_kwh,
                expected_tonnes=item.tonnes,
                expected_t_co2e=(
                    exp_kwh * factor / THOUSAND
                    if exp_kwh is not None and factor is not None
                    else None
                ),
                expected_sek=exp_kwh * price if exp_kwh is not None and price is not None else None,
                measured_kwh=before.kwh - after.kwh if before and after else None,
                measured_tonnes=(
                    before.material_tonnes - after.material_tonnes if before and after else None
                ),
                measured_t_co2e=(
                    (before.kg_co2e - after.kg_co2e) / THOUSAND if before and after else None
                ),
                measured_sek=(
                    (before.kwh - after.kwh) * price
                    if before and after and price is not None
                    else None
                ),
            )
        )
    return out


SHIPPED = "emission_factors.csv"


def shipped() -> list[Factor]:
    """The factors shipped with the package (impact/data/emission_factors.csv)."""
    global _SHIPPED
    if _SHIPPED is None:
        path = Path(__file__).resolve().parent / "data" / SHIPPED
        _SHIPPED = parse_factors(path.read_text(encoding="utf-8"))
    return _SHIPPED


_SHIPPED: list[Factor] | None = None
