"""The programme view: how the firms of a programme fare under the named shocks, naming none.

Each firm counts with its latest cost structure and its measures. Only medians and counts
leave this module, and none at all below ``MIN_FIRMS`` firms, where an aggregate could
identify one. Computed here from core objects rather than in a selector, so that reading the
firms and stress-testing them stay two steps. Pure Python: no Django import.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .model import CostStructure, Measure, Shock, exposure, margin, stress

MIN_FIRMS = 3  # fewer firms and an aggregate could identify one


@dataclass(frozen=True)
class Firm:
    """One firm of the programme as the aggregate sees it: no name, only its figures."""

    year: int
    base: CostStructure
    measures: Sequence[Measure] = ()


@dataclass
class ShockExposure:
    key: str
    firms: int
    median_change: Decimal | None  # margin points, without measures
    median_change_with_measures: Decimal | None
    losses: int
    losses_with_measures: int


@dataclass
class ProgrammeExposure:
    firms: int
    year_from: int | None = None
    year_to: int | None = None
    median_margin: Decimal | None = None
    median_export_share: Decimal | None = None
    median_imported_materials_share: Decimal | None = None
    median_energy_share: Decimal | None = None
    median_labour_share: Decimal | None = None
    shocks: list[ShockExposure] = field(default_factory=list)


def _median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def _present(values: list[Decimal | None]) -> list[Decimal]:
    return [v for v in values if v is not None]


@dataclass
class _Changes:
    plain: list[Decimal] = field(default_factory=list)
    improved: list[Decimal] = field(default_factory=list)
    losses: list[bool] = field(default_factory=list)
    losses_with_measures: list[bool] = field(default_factory=list)


def programme_exposure(
    firms: Sequence[Firm], shocks: Mapping[str, Shock | Mapping[str, object]]
) -> ProgrammeExposure:
    """Medians of the firms' margins and shares, and per shock the median change in margin
    and how many firms make a loss, without and with their measures.

    A firm whose margin is undefined (no revenue) counts in the shares but not under the
    shocks, whose changes are in margin points.
    """
    result = ProgrammeExposure(firms=len(firms))
    if len(firms) < MIN_FIRMS:
        return result
    years = [f.year for f in firms]
    result.year_from, result.year_to = min(years), max(years)
    shares = [exposure(f.base) for f in firms]
    result.median_export_share = _median(_present([s.export for s in shares]))
    result.median_imported_materials_share = _median(
        _present([s.imported_materials for s in shares])
    )
    result.median_energy_share = _median(_present([s.energy for s in shares]))
    result.median_labour_share = _median(_present([s.labour for s in shares]))
    margins: list[Decimal] = []
    changes = {key: _Changes() for key in shocks}
    for firm in firms:
        before = margin(firm.base)
        if before is None:
            continue
        margins.append(before)
        outcome = stress(firm.base, firm.measures, shocks)
        base_with = outcome.base.margin_with_measures
        for key, shocked in outcome.shocks.items():
            c = changes[key]
            if shocked.margin is not None:
                c.plain.append(shocked.margin - before)
            if shocked.margin_with_measures is not None and base_with is not None:
                c.improved.append(shocked.margin_with_measures - base_with)
            c.losses.append(shocked.ebit < 0)
            c.losses_with_measures.append(shocked.ebit_with_measures < 0)
    result.median_margin = _median(margins)
    result.shocks = [
        ShockExposure(
            key=key,
            firms=len(c.losses),
            median_change=_median(c.plain),
            median_change_with_measures=_median(c.improved),
            losses=sum(c.losses),
            losses_with_measures=sum(c.losses_with_measures),
        )
        for key, c in changes.items()
    ]
    return result
