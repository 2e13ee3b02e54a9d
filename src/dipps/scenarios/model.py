"""A firm's cost structure under price shocks: the exact, deterministic core.

One year of a firm, in SEK (foreign-currency amounts at today's rate)::

    EBIT = Σ_c revenue_c·(1+fx_c) − Σ_c materials_c·(1+fx_c)·(1+price.materials)
           − kWh·price_kWh·(1+price.electricity) − other_energy·(1+price.other_energy)
           − labour·(1+wage) − other·(1+price.other) − depreciation          (fx_SEK = 0)

    margin = EBIT / Σ_c revenue_c·(1+fx_c)          (undefined when that revenue is zero)

Measures from the action plan change the base before any shock is applied. Everything here
is Decimal so that a stress test reproduces a hand computation to the öre; rounding happens
only at the edge (see ``jsonio``). Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import cast

CURRENCIES: tuple[str, ...] = ("SEK", "EUR", "USD", "OTHER")
FOREIGN_CURRENCIES: tuple[str, ...] = ("EUR", "USD", "OTHER")

# The exchange-rate factor of each foreign currency; SEK has none (fx_SEK = 0).
FX_FACTOR: dict[str, str] = {"EUR": "fx.EUR", "USD": "fx.USD", "OTHER": "fx.other"}

FACTORS: tuple[str, ...] = (
    "fx.EUR",
    "fx.USD",
    "fx.other",
    "price.materials",
    "price.electricity",
    "price.other_energy",
    "wage",
    "price.other",
)

ZERO = Decimal(0)
ONE = Decimal(1)


def to_decimal(value: object) -> Decimal:
    """Decimal from int, str, Decimal or float (floats via their shortest repr, not binary)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | str):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise TypeError(f"cannot use {value!r} as a number")


def _by_currency(amounts: Mapping[str, object]) -> dict[str, Decimal]:
    # Unknown currencies are kept so validation can name them instead of silently dropping.
    out = {c: ZERO for c in CURRENCIES}
    for currency, amount in amounts.items():
        out[currency] = to_decimal(amount)
    return out


@dataclass(frozen=True)
class CostStructure:
    """A firm's year in SEK. Missing currencies are zero."""

    revenue: Mapping[str, Decimal] = field(default_factory=dict)
    materials: Mapping[str, Decimal] = field(default_factory=dict)
    electricity_kwh: Decimal = ZERO
    electricity_price_sek_per_kwh: Decimal = ZERO
    other_energy: Decimal = ZERO
    labour: Decimal = ZERO
    other: Decimal = ZERO
    depreciation: Decimal = ZERO

    def __post_init__(self) -> None:
        object.__setattr__(self, "revenue", _by_currency(self.revenue))
        object.__setattr__(self, "materials", _by_currency(self.materials))
        for name in SCALAR_FIELDS:
            object.__setattr__(self, name, to_decimal(getattr(self, name)))

    @property
    def electricity_cost(self) -> Decimal:
        return self.electricity_kwh * self.electricity_price_sek_per_kwh

    @property
    def total_revenue(self) -> Decimal:
        return sum(self.revenue.values(), ZERO)

    @property
    def total_materials(self) -> Decimal:
        return sum(self.materials.values(), ZERO)

    @property
    def total_costs(self) -> Decimal:
        """Every cost of the year before any shock: what the exposure shares are shares of."""
        return (
            self.total_materials
            + self.electricity_cost
            + self.other_energy
            + self.labour
            + self.other
            + self.depreciation
        )


SCALAR_FIELDS: tuple[str, ...] = (
    "electricity_kwh",
    "electricity_price_sek_per_kwh",
    "other_energy",
    "labour",
    "other",
    "depreciation",
)


@dataclass(frozen=True)
class EnergyEfficiency:
    """Uses ``kwh_reduction`` (a share, 0.15 = 15 %) fewer kWh."""

    kwh_reduction: Decimal
    action_item_id: int | None = None
    type: str = field(default="energy_efficiency", init=False)


@dataclass(frozen=True)
class Automation:
    """Cuts labour by ``labour_reduction``; the investment is written off evenly over ``years``."""

    labour_reduction: Decimal
    investment: Decimal
    years: Decimal
    action_item_id: int | None = None
    type: str = field(default="automation", init=False)


@dataclass(frozen=True)
class MaterialEfficiency:
    """Buys ``materials_reduction`` less material in every currency."""

    materials_reduction: Decimal
    action_item_id: int | None = None
    type: str = field(default="material_efficiency", init=False)


Measure = EnergyEfficiency | Automation | MaterialEfficiency
MEASURE_TYPES: dict[str, type] = {
    "energy_efficiency": EnergyEfficiency,
    "automation": Automation,
    "material_efficiency": MaterialEfficiency,
}


@dataclass(frozen=True)
class Shock:
    """Relative changes by factor name; a missing factor is no change (0)."""

    changes: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", {k: to_decimal(v) for k, v in self.changes.items()})

    def get(self, factor: str) -> Decimal:
        return self.changes.get(factor, ZERO)


NO_SHOCK = Shock()


@dataclass(frozen=True)
class Outcome:
    ebit: Decimal
    margin: Decimal | None
    ebit_with_measures: Decimal
    margin_with_measures: Decimal | None


@dataclass(frozen=True)
class StressResult:
    base: Outcome
    shocks: dict[str, Outcome]


@dataclass(frozen=True)
class Exposure:
    """Where a firm's year is exposed, as shares (0.15 = 15 %); None where the whole is zero.

    Export is revenue in a foreign currency; imported is materials bought in one; energy and
    labour are shares of the total costs.
    """

    export: Decimal | None
    imported_materials: Decimal | None
    energy: Decimal | None
    labour: Decimal | None


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def exposure(base: CostStructure) -> Exposure:
    revenue, materials, costs = base.total_revenue, base.total_materials, base.total_costs
    return Exposure(
        export=_share(revenue - base.revenue["SEK"], revenue),
        imported_materials=_share(materials - base.materials["SEK"], materials),
        energy=_share(base.electricity_cost + base.other_energy, costs),
        labour=_share(base.labour, costs),
    )


# --- the model ------------------------------------------------------------------------------


def apply_measures(base: CostStructure, measures: Iterable[Measure]) -> CostStructure:
    """The cost structure once the measures are in place, before any shock.

    Two measures of the same kind compound (15 % then 10 % fewer kWh is 23.5 % fewer),
    because the second works on what the first left.
    """
    kwh = base.electricity_kwh
    labour = base.labour
    depreciation = base.depreciation
    materials = dict(base.materials)
    for measure in measures:
        if isinstance(measure, EnergyEfficiency):
            kwh *= ONE - to_decimal(measure.kwh_reduction)
        elif isinstance(measure, Automation):
            labour *= ONE - to_decimal(measure.labour_reduction)
            depreciation += to_decimal(measure.investment) / to_decimal(measure.years)
        elif isinstance(measure, MaterialEfficiency):
            keep = ONE - to_decimal(measure.materials_reduction)
            materials = {c: amount * keep for c, amount in materials.items()}
        else:
            raise TypeError(f"unknown measure {measure!r}")
    return replace(
        base, electricity_kwh=kwh, labour=labour, depreciation=depreciation, materials=materials
    )


def _as_shock(shock: Shock | Mapping[str, object] | None) -> Shock:
    if shock is None:
        return NO_SHOCK
    if isinstance(shock, Shock):
        return shock
    # Values are checked by Shock itself; the mapping's type is what callers pass.
    return Shock(cast(Mapping[str, Decimal], shock))


def _fx(shock: Shock, currency: str) -> Decimal:
    factor = FX_FACTOR.get(currency)
    return shock.get(factor) if factor else ZERO


def revenue_after(
    base: CostStructure, shock: Shock | Mapping[str, object] | None = None
) -> Decimal:
    s = _as_shock(shock)
    return sum((amount * (ONE + _fx(s, c)) for c, amount in base.revenue.items()), ZERO)


def ebit(base: CostStructure, shock: Shock | Mapping[str, object] | None = None) -> Decimal:
    """Operating profit after the shock, exactly as the module docstring writes it."""
    s = _as_shock(shock)
    materials_price = ONE + s.get("price.materials")
    materials = sum(
        (amount * (ONE + _fx(s, c)) * materials_price for c, amount in base.materials.items()),
        ZERO,
    )
    return (
        revenue_after(base, s)
        - materials
        - base.electricity_cost * (ONE + s.get("price.electricity"))
        - base.other_energy * (ONE + s.get("price.other_energy"))
        - base.labour * (ONE + s.get("wage"))
        - base.other * (ONE + s.get("price.other"))
        - base.depreciation
    )


def margin(
    base: CostStructure, shock: Shock | Mapping[str, object] | None = None
) -> Decimal | None:
    """EBIT / revenue after the shock; None when that revenue is zero (margin undefined)."""
    revenue = revenue_after(base, shock)
    if revenue == 0:
        return None
    return ebit(base, shock) / revenue


def _outcome(base: CostStructure, improved: CostStructure, shock: Shock) -> Outcome:
    return Outcome(
        ebit=ebit(base, shock),
        margin=margin(base, shock),
        ebit_with_measures=ebit(improved, shock),
        margin_with_measures=margin(improved, shock),
    )


def stress(
    base: CostStructure,
    measures: Sequence[Measure],
    shocks: Mapping[str, Shock | Mapping[str, object]],
) -> StressResult:
    """EBIT and margin without shock and under each named shock, with and without measures."""
    improved = apply_measures(base, measures)
    return StressResult(
        base=_outcome(base, improved, NO_SHOCK),
        shocks={name: _outcome(base, improved, _as_shock(s)) for name, s in shocks.items()},
    )


# --- validation: every problem, in words a coach can act on ---------------------------------


def validate_cost_structure(base: CostStructure, path: str = "base") -> list[str]:
    problems: list[str] = []
    for label, amounts in (("revenue", base.revenue), ("materials", base.materials)):
        for currency, amount in amounts.items():
            where = f"{path}.{label}.{currency}"
            if currency not in CURRENCIES:
                problems.append(
                    f"{where}: unknown currency {currency!r}; expected one of "
                    f"{', '.join(CURRENCIES)}"
                )
            elif not amount.is_finite():
                problems.append(f"{where}: must be a finite number, got {amount}")
            elif amount < 0:
                problems.append(f"{where}: must not be negative, got {amount}")
    for name in SCALAR_FIELDS:
        value = getattr(base, name)
        if not value.is_finite():
            problems.append(f"{path}.{name}: must be a finite number, got {value}")
        elif value < 0:
            problems.append(f"{path}.{name}: must not be negative, got {value}")
    return problems


def _check_share(problems: list[str], where: str, value: object) -> None:
    share = to_decimal(value)
    if not share.is_finite() or not ZERO <= share <= ONE:
        problems.append(f"{where}: must be a share between 0 and 1 (0.15 = 15 %), got {share}")


def validate_measure(measure: object, where: str) -> list[str]:
    problems: list[str] = []
    if isinstance(measure, EnergyEfficiency):
        _check_share(problems, f"{where}.kwh_reduction", measure.kwh_reduction)
    elif isinstance(measure, MaterialEfficiency):
        _check_share(problems, f"{where}.materials_reduction", measure.materials_reduction)
    elif isinstance(measure, Automation):
        _check_share(problems, f"{where}.labour_reduction", measure.labour_reduction)
        investment = to_decimal(measure.investment)
        if not investment.is_finite() or investment < 0:
            problems.append(f"{where}.investment: must not be negative, got {investment}")
        years = to_decimal(measure.years)
        if not years.is_finite() or years <= 0:
            problems.append(f"{where}.years: must be more than 0, got {years}")
    else:
        problems.append(
            f"{where}: unknown measure type {getattr(measure, 'type', measure)!r}; expected "
            f"one of {', '.join(MEASURE_TYPES)}"
        )
    return problems


def validate_measures(measures: Sequence[object], path: str = "measures") -> list[str]:
    problems: list[str] = []
    for i, measure in enumerate(measures):
        problems.extend(validate_measure(measure, f"{path}[{i}]"))
    return problems


def validate_shock(shock: Shock, path: str = "shock") -> list[str]:
    problems: list[str] = []
    for factor, change in shock.changes.items():
        where = f"{path}.{factor}"
        if factor not in FACTORS:
            problems.append(
                f"{where}: unknown shock factor {factor!r}; expected one of {', '.join(FACTORS)}"
            )
        elif not change.is_finite():
            problems.append(f"{where}: must be a finite number, got {change}")
        elif change < -1:
            problems.append(
                f"{where}: a change below -100 % is impossible (a price cannot be negative), "
                f"got {change}"
            )
    return problems


def warnings_for(base: CostStructure, shocks: Mapping[str, Shock]) -> list[str]:
    """Not errors, but results a reader must not misread: undefined margins."""
    notes: list[str] = []
    if revenue_after(base) == 0:
        notes.append("base.revenue: revenue is zero, so the margin is undefined (null)")
    else:
        for name, shock in shocks.items():
            if revenue_after(base, shock) == 0:
                notes.append(
                    f"shocks.{name}: revenue after the shock is zero, so the margin is "
                    "undefined (null)"
                )
    return notes
