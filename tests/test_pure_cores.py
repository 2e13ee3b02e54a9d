"""The pure domain cores stay pure: no Django, directly or through a dipps module.

A pure core holds rules that must be exactly right and fast (DESIGN.md §2); it is
tested without the database and type-checked by mypy. This test reads each one
with `ast`, follows every dipps import (at the top or inside functions, and the
packages a module lives in) and fails on the first path that reaches Django.
"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

PURE_CORES = (
    "dipps.programmes.decisions",
    "dipps.core.contract_json",
    "dipps.core.progress",
    "dipps.core.chartaxis",
    "dipps.companies.sme",
    "dipps.companies.sme_json",
    "dipps.companies.fiscal",
    "dipps.companies.sni",
    "dipps.companies.orgnr",
    "dipps.companies.municipalities",
    "dipps.companies.sectors",
    "dipps.companies.eligibility",
    "dipps.maturity.scoring",
    "dipps.maturity.frameworks",
    "dipps.maturity.figures",
    "dipps.maturity.followup",
    "dipps.stateaid.deminimis",
    "dipps.stateaid.drawdown",
    "dipps.engagements.rules",
    "dipps.engagements.in_kind",
    "dipps.indicators.core",
    "dipps.indicators.catalogue",
    "dipps.finance.sie",
    "dipps.finance.sie_model",
    "dipps.finance.sie_tokens",
    "dipps.finance.sie_vouchers",
    "dipps.finance.bas",
    "dipps.finance.sie_writer",
    "dipps.finance.ledger",
    "dipps.finance.budget",
    "dipps.finance.claim_model",
    "dipps.finance.evaluation",
    "dipps.scenarios.model",
    "dipps.scenarios.risk",
    "dipps.scenarios.factors",
    "dipps.scenarios.aggregate",
    "dipps.scenarios.correlation",
    "dipps.scenarios.portfolio",
    "dipps.scenarios.jsonio",
    "dipps.scenarios.runs",
    "dipps.scenarios.sie_mapping",
    "dipps.impact.value_added",
    "dipps.impact.did",
    "dipps.impact.productivity",
    "dipps.impact.emissions",
    "dipps.impact.matching",
    "dipps.impact.did_chart",
    "dipps.impact.effect",
    "dipps.impact.charts",
    "dipps.impact.distribution",
    "dipps.competence.skills",
    "dipps.competence.gaps",
    "dipps.automation.payback",
    "dipps.automation.payback_json",
    "dipps.privacy.core",
    "dipps.notices.due",
    "dipps.api.conditional",
    "dipps.api.tokens",
)


def source(module: str) -> Path | None:
    base = SRC.joinpath(*module.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.exists()), None)


def imported(module: str, path: Path):
    package = module.split(".")[: None if path.name == "__init__.py" else -1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) + 1 - node.level] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            yield name
            yield from (f"{name}.{alias.name}" for alias in node.names)


def path_to_django(module: str, seen: set[str]) -> list[str] | None:
    """The chain of imports by which `module` (or a package it lives in) reaches Django."""
    parts = module.split(".")
    for name in (".".join(parts[:i]) for i in range(1, len(parts) + 1)):
        path = source(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        for target in imported(name, path):
            if target.split(".")[0] == "django":
                return [name, target]
            if target.split(".")[0] == "dipps" and (chain := path_to_django(target, seen)):
                return [name, *chain]
    return None


@pytest.mark.parametrize("module", PURE_CORES)
def test_the_pure_core_imports_no_django(module):
    assert source(module) is not None, f"{module} is listed as a pure core but does not exist"
    chain = path_to_django(module, set())
    assert chain is None, " → ".join(chain or [])


def test_mypy_checks_exactly_the_pure_cores():
    files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]["files"]
    checked = {f.removeprefix("src/").removesuffix(".py").replace("/", ".") for f in files}
    assert checked == set(PURE_CORES)
