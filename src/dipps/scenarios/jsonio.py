"""JSON in, JSON out for `dipps scenario stress` and `dipps scenario montecarlo`.

Parsing collects every problem (with the JSON path of the offending value) instead of
stopping at the first, so a person can fix a file in one go. Rounding happens here, at the
edge: SEK to 2 decimals, margins, shares and probabilities to 4, ROUND_HALF_UP.
Pure Python: the management command is a thin shell around ``run_file``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import overload

import numpy as np

from . import risk
from .model import (
    FACTORS,
    MEASURE_TYPES,
    SCALAR_FIELDS,
    Automation,
    CostStructure,
    EnergyEfficiency,
    MaterialEfficiency,
    Measure,
    Outcome,
    Shock,
    stress,
    validate_cost_structure,
    validate_measure,
    validate_shock,
    warnings_for,
)

SEK = Decimal("0.01")
SHARE = Decimal("0.0001")

MEASURE_FIELDS: dict[str, tuple[str, ...]] = {
    "energy_efficiency": ("kwh_reduction",),
    "automation": ("labour_reduction", "investment", "years"),
    "material_efficiency": ("materials_reduction",),
}


@dataclass
class RunOutcome:
    """What the command prints: ``output`` on stdout, or ``problems`` on stderr (exit 2)."""

    output: str | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else 0


# --- reading --------------------------------------------------------------------------------


def _load(text: str) -> tuple[object, list[str]]:
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as error:
        return None, [f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"]
    return data, []


def _number(value: object, where: str, problems: list[str]) -> Decimal | None:
    if isinstance(value, Decimal) and value.is_finite():
        return value
    problems.append(f"{where}: expected a number, got {json.dumps(value, default=str)}")
    return None


def _object(value: object, where: str, problems: list[str]) -> dict | None:
    if isinstance(value, dict):
        return value
    problems.append(f"{where}: expected an object {{...}}, got {json.dumps(value, default=str)}")
    return None


def parse_base(value: object, problems: list[str], where: str = "base") -> CostStructure | None:
    data = _object(value, where, problems)
    if data is None:
        return None
    before = len(problems)
    known = ("revenue", "materials", *SCALAR_FIELDS)
    for key in data:
        if key not in known:
            problems.append(f"{where}.{key}: unknown field; expected one of {', '.join(known)}")
    amounts: dict[str, dict[str, Decimal]] = {}
    for label in ("revenue", "materials"):
        by_currency = _object(data.get(label, {}), f"{where}.{label}", problems) or {}
        amounts[label] = {}
        for currency, amount in by_currency.items():
            number = _number(amount, f"{where}.{label}.{currency}", problems)
            if number is not None:
                amounts[label][currency] = number
    scalars = {}
    for name in SCALAR_FIELDS:
        number = _number(data.get(name, Decimal(0)), f"{where}.{name}", problems)
        scalars[name] = number if number is not None else Decimal(0)
    base = CostStructure(revenue=amounts["revenue"], materials=amounts["materials"], **scalars)
    problems.extend(validate_cost_structure(base, where))
    return None if len(problems) > before else base


def parse_measures(value: object, problems: list[str]) -> list[Measure]:
    if not isinstance(value, list):
        problems.append("measures: expected a list [...] of measures")
        return []
    measures: list[Measure] = []
    for i, item in enumerate(value):
        where = f"measures[{i}]"
        data = _object(item, where, problems)
        if data is None:
            continue
        kind = data.get("type")
        if kind not in MEASURE_TYPES:
            problems.append(
                f"{where}.type: unknown measure type {json.dumps(kind, default=str)}; expected "
                f"one of {', '.join(MEASURE_TYPES)}"
            )
            continue
        fields = MEASURE_FIELDS[kind]
        for key in data:
            if key not in (*fields, "type", "action_item_id"):
                problems.append(f"{where}.{key}: unknown field for a {kind} measure")
        numbers: dict[str, Decimal] = {}
        for name in fields:
            if name not in data:
                problems.append(f"{where}.{name}: missing; a measure of type {kind} needs it")
            elif (number := _number(data[name], f"{where}.{name}", problems)) is not None:
                numbers[name] = number
        item_id = data.get("action_item_id")
        if item_id is not None and not (isinstance(item_id, Decimal) and item_id == int(item_id)):
            problems.append(f"{where}.action_item_id: expected a whole number or null")
            item_id = None
        if len(numbers) < len(fields):
            continue
        link = int(item_id) if item_id is not None else None
        if kind == "energy_efficiency":
            measure: Measure = EnergyEfficiency(numbers["kwh_reduction"], link)
        elif kind == "automation":
            measure = Automation(
                numbers["labour_reduction"], numbers["investment"], numbers["years"], link
            )
        else:
            measure = MaterialEfficiency(numbers["materials_reduction"], link)
        problems.extend(validate_measure(measure, where))
        measures.append(measure)
    return measures


def parse_shocks(value: object, problems: list[str]) -> dict[str, Shock]:
    data = _object(value, "shocks", problems)
    shocks: dict[str, Shock] = {}
    for name, changes in (data or {}).items():
        where = f"shocks.{name}"
        factors = _object(changes, where, problems)
        if factors is None:
            continue
        numbers = {}
        for factor, change in factors.items():
            number = _number(change, f"{where}.{factor}", problems)
            if number is not None:
                numbers[factor] = number
        shock = Shock(numbers)
        problems.extend(validate_shock(shock, where))
        shocks[name] = shock
    return shocks


# --- writing --------------------------------------------------------------------------------


@overload
def rounded(value: Decimal | float, places: Decimal) -> Decimal: ...
@overload
def rounded(value: None, places: Decimal) -> None: ...
def rounded(value: Decimal | float | None, places: Decimal) -> Decimal | None:
    if value is None:
        return None
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    result = number.quantize(places, rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result  # no "-0.00"


def dumps(value: object, indent: int = 0) -> str:
    """JSON like ``json.dumps(indent=2)``, but Decimals are written digit for digit."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{json.dumps(str(k))}: {dumps(v, indent + 1)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(f"{inner}{dumps(v, indent + 1)}" for v in value) + f"\n{pad}]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)


def _outcome_json(outcome: Outcome) -> dict[str, Decimal | None]:
    return {
        "ebit": rounded(outcome.ebit, SEK),
        "margin": rounded(outcome.margin, SHARE),
        "ebit_with_measures": rounded(outcome.ebit_with_measures, SEK),
        "margin_with_measures": rounded(outcome.margin_with_measures, SHARE),
    }


# --- the two commands -----------------------------------------------------------------------


def _top_level(data: object, allowed: tuple[str, ...], problems: list[str]) -> dict:
    top = _object(data, "input", problems) or {}
    for key in top:
        if key not in allowed:
            problems.append(f"{key}: unknown top-level key; expected one of {', '.join(allowed)}")
    if "base" not in top and isinstance(data, dict):
        problems.append("base: missing; the firm's cost structure is required")
    return top


def run_stress(text: str) -> RunOutcome:
    data, problems = _load(text)
    if problems:
        return RunOutcome(problems=problems)
    top = _top_level(data, ("base", "measures", "shocks"), problems)
    base = parse_base(top["base"], problems) if "base" in top else None
    measures = parse_measures(top.get("measures", []), problems)
    shocks = parse_shocks(top.get("shocks", {}), problems)
    if problems or base is None:
        return RunOutcome(problems=problems)
    result = stress(base, measures, shocks)
    output = {
        "base": _outcome_json(result.base),
        "shocks": {name: _outcome_json(o) for name, o in result.shocks.items()},
    }
    return RunOutcome(output=dumps(output), warnings=warnings_for(base, shocks))


def parse_factor_model(top: dict, problems: list[str]) -> risk.FactorModel | None:
    if "factors" not in top:
        if "correlation" in top:
            problems.append(
                "correlation: give it together with 'factors' (their order is its order)"
            )
            return None
        return risk.DEFAULT_FACTORS
    spec = _object(top["factors"], "factors", problems)
    if spec is None:
        return None
    names, marginals = [], []
    for name, item in spec.items():
        where = f"factors.{name}"
        if name not in FACTORS:
            problems.append(f"{where}: unknown factor; expected one of {', '.join(FACTORS)}")
            continue
        data = _object(item, where, problems)
        if data is None:
            continue
        kind = data.get("distribution")
        keys = {"normal": ("mean", "sd"), "triangular": ("low", "mode", "high")}.get(str(kind))
        if keys is None:
            problems.append(f"{where}.distribution: expected 'normal' or 'triangular'")
            continue
        values = [_number(data.get(k), f"{where}.{k}", problems) for k in keys]
        if any(v is None for v in values):
            continue
        floats = [float(v) for v in values if v is not None]
        names.append(name)
        marginals.append(risk.Normal(*floats) if kind == "normal" else risk.Triangular(*floats))
    raw = top.get("correlation", np.eye(len(names)).tolist())
    try:
        correlation = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        problems.append("correlation: expected a square matrix (a list of lists) of numbers")
        return None
    model = risk.FactorModel(tuple(names), tuple(marginals), correlation)
    if len(names) == len(spec):
        found = risk.validate_factor_model(model)
        problems.extend(found)
        check = risk.check_correlation(correlation, names)
        if found and check.nearest is not None:
            nearest = [[float(rounded(v, SHARE)) for v in row] for row in check.nearest]
            problems.append(f"correlation: the nearest valid correlation matrix is {nearest}")
    return None if problems else model


def _simulated_json(s: risk.Simulated) -> dict[str, object]:
    def summary(x: risk.Summary | None, places: Decimal) -> dict[str, Decimal | None] | None:
        if x is None:
            return None
        return {k: rounded(getattr(x, k), places) for k in ("mean", "p5", "p50", "p95")}

    return {
        "ebit": summary(s.ebit, SEK),
        "margin": summary(s.margin, SHARE),
        "probability_of_loss": rounded(s.probability_of_loss, SHARE),
    }


def run_montecarlo(text: str, draws: int = 100_000, seed: int = 0) -> RunOutcome:
    data, problems = _load(text)
    if problems:
        return RunOutcome(problems=problems)
    if draws < 100:
        problems.append(f"--draws: at least 100 are needed, got {draws}")
    top = _top_level(data, ("base", "measures", "shocks", "factors", "correlation"), problems)
    base = parse_base(top["base"], problems) if "base" in top else None
    measures = parse_measures(top.get("measures", []), problems)
    model = parse_factor_model(top, problems)
    if problems or base is None or model is None:
        return RunOutcome(problems=problems)
    result = risk.monte_carlo(base, measures, model, draws=draws, seed=seed)
    output = {
        "draws": result.draws,
        "seed": result.seed,
        "illustrative": result.illustrative,
        "without_measures": _simulated_json(result.without_measures),
        "with_measures": _simulated_json(result.with_measures),
        "sobol": {k: rounded(v, SHARE) for k, v in result.sobol.items()},
        "sobol_with_measures": {
            k: rounded(v, SHARE) for k, v in result.sobol_with_measures.items()
        },
        "histogram": {
            "edges": [rounded(e, SEK) for e in result.histogram.edges],
            "without_measures": result.histogram.without_measures,
            "with_measures": result.histogram.with_measures,
        },
    }
    notes = warnings_for(base, {})
    if result.illustrative:
        notes.append("factors: illustrative default distributions, not estimated from data")
    return RunOutcome(output=dumps(output), warnings=notes)


def _read(path: str) -> str:
    return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")


def run_file(
    path: str, runner: Callable[[str], RunOutcome], read: Callable[[str], str] = _read
) -> RunOutcome:
    """Read FILE ('-' for standard input) and run it; unreadable files are problems too.

    `read` is how the file is read: the command passes one bounded by the upload policy
    (its refusal passes through), which keeps this module free of Django."""
    try:
        text = read(path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return RunOutcome(problems=[f"{path}: cannot read the file: {reason}"])
    return runner(text)
