"""A run's input as ``dipps scenario`` JSON, and the results computed back from it.

A saved run keeps exactly the document the command reads, so the web page, the PDF and
``dipps scenario stress|montecarlo`` all compute the same numbers from the same input.
Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from . import jsonio, risk
from .model import (
    CURRENCIES,
    SCALAR_FIELDS,
    Automation,
    CostStructure,
    EnergyEfficiency,
    MaterialEfficiency,
    Measure,
    Shock,
    StressResult,
    stress,
    to_decimal,
)

# Named shocks of the stress page. Change per factor; +0.10 = +10 %.
CURRENCIES_DOWN = {
    "fx.EUR": Decimal("-0.10"),
    "fx.USD": Decimal("-0.10"),
    "fx.other": Decimal("-0.10"),
}
PRESET_SHOCKS: dict[str, dict[str, Decimal]] = {
    "krona": CURRENCIES_DOWN,
    "electricity": {"price.electricity": Decimal("1.0")},
    "wages": {"wage": Decimal("0.04")},
    "bad_year": {
        **CURRENCIES_DOWN,
        "price.materials": Decimal("0.10"),
        "price.electricity": Decimal("1.0"),
        "price.other_energy": Decimal("0.30"),
        "wage": Decimal("0.04"),
    },
}


def _number(value: object) -> Decimal:
    d = to_decimal(value)
    return d if isinstance(value, Decimal | int | str) else Decimal(repr(float(d)))


def base_document(base: CostStructure) -> dict[str, object]:
    doc: dict[str, object] = {
        "revenue": {c: base.revenue[c] for c in CURRENCIES},
        "materials": {c: base.materials[c] for c in CURRENCIES},
    }
    for name in SCALAR_FIELDS:
        doc[name] = getattr(base, name)
    return doc


def measure_document(measure: Measure) -> dict[str, object]:
    doc: dict[str, object] = {"type": measure.type}
    if isinstance(measure, EnergyEfficiency):
        doc["kwh_reduction"] = to_decimal(measure.kwh_reduction)
    elif isinstance(measure, Automation):
        doc["labour_reduction"] = to_decimal(measure.labour_reduction)
        doc["investment"] = to_decimal(measure.investment)
        doc["years"] = to_decimal(measure.years)
    elif isinstance(measure, MaterialEfficiency):
        doc["materials_reduction"] = to_decimal(measure.materials_reduction)
    if measure.action_item_id is not None:
        doc["action_item_id"] = Decimal(measure.action_item_id)
    return doc


def factor_document(model: risk.FactorModel) -> dict[str, object]:
    factors: dict[str, object] = {}
    for name, m in zip(model.factors, model.marginals, strict=True):
        if isinstance(m, risk.Normal):
            factors[name] = {"distribution": "normal", "mean": _number(m.mean), "sd": _number(m.sd)}
        else:
            factors[name] = {
                "distribution": "triangular",
                "low": _number(m.low),
                "mode": _number(m.mode),
                "high": _number(m.high),
            }
    correlation = [[_number(float(v)) for v in row] for row in model.correlation]
    return {"factors": factors, "correlation": correlation}


def stress_input(
    base: CostStructure, measures: Sequence[Measure], shocks: Mapping[str, Shock]
) -> str:
    return jsonio.dumps(
        {
            "base": base_document(base),
            "measures": [measure_document(m) for m in measures],
            "shocks": {name: dict(s.changes) for name, s in shocks.items()},
        }
    )


def montecarlo_input(
    base: CostStructure, measures: Sequence[Measure], model: risk.FactorModel
) -> str:
    return jsonio.dumps(
        {
            "base": base_document(base),
            "measures": [measure_document(m) for m in measures],
            **factor_document(model),
        }
    )


@dataclass(frozen=True)
class Parsed:
    base: CostStructure
    measures: list[Measure]
    shocks: dict[str, Shock]
    factor_model: risk.FactorModel | None


def parse_input(text: str, illustrative: bool = False, source: str = "") -> Parsed:
    """The stored document back as core objects; raises ValueError if it no longer parses."""
    data, problems = jsonio._load(text)
    if not problems and not isinstance(data, dict):
        problems.append("input: expected an object")
    if problems:
        raise ValueError("; ".join(problems))
    assert isinstance(data, dict)
    base = jsonio.parse_base(data.get("base"), problems)
    measures = jsonio.parse_measures(data.get("measures", []), problems)
    shocks = jsonio.parse_shocks(data.get("shocks", {}), problems)
    model = jsonio.parse_factor_model(data, problems) if "factors" in data else None
    if problems or base is None:
        raise ValueError("; ".join(problems))
    if model is not None:
        model = replace(model, illustrative=illustrative, source=source)
    return Parsed(base, measures, shocks, model)


def stress_result(parsed: Parsed) -> StressResult:
    return stress(parsed.base, parsed.measures, parsed.shocks)


@dataclass(frozen=True)
class RiskView:
    montecarlo: risk.MonteCarloResult
    tornado: list[risk.TornadoBar]
    tornado_with_measures: list[risk.TornadoBar]


def risk_view(parsed: Parsed, draws: int, seed: int | None) -> RiskView:
    model = parsed.factor_model or risk.DEFAULT_FACTORS
    ranges = risk.tornado_ranges(model)
    return RiskView(
        montecarlo=risk.monte_carlo(parsed.base, parsed.measures, model, draws=draws, seed=seed),
        tornado=risk.tornado(parsed.base, [], ranges),
        tornado_with_measures=risk.tornado(parsed.base, parsed.measures, ranges),
    )
