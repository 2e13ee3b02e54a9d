"""Figures computed by apps above indicators: the seam across the layer order.

Indicators sits below the apps that own some of the data its indicators need (impact owns
the firms' accounts, energy and emissions, from which the ERDF results RCR25 and RCR29 and
the programme's effect indicators come). Indicators may not import them; instead such an
app registers a *provider* when Django starts (its `AppConfig.ready()`):

- `key`: where the provider's figures sit in the indicators' JSON, for the window and under
  `cumulative` (`"effect"` for impact);
- `compute(programme, start, end, supported, classes)`: the figures of one window, as plain
  JSON, given the window's supported firms (company id → date of the first support in the
  programme) and their size classes (company id → micro/small/medium/large/unknown: the
  status RCO01 counts), so every provider counts the same firms as the indicators do;
- `measures`: the computed figures it adds (`measures.Indicator`, with their paths starting
  at `key`), which a programme's set may then name like any other;
- `note(values)`: optionally, a line for the indicators page saying what the figures of
  `values[key]` cover (how many firms were compared, how many left out and why).

A provider is registered once (registering the same key again replaces nothing and adds
no measure twice); without one, its measures are not known and nothing breaks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from .measures import MEASURE, MEASURES, Indicator

Compute = Callable[[object, date, date, dict[int, date], dict[int, str]], dict]


@dataclass(frozen=True)
class Provider:
    key: str
    compute: Compute
    measures: Sequence[Indicator] = ()
    note: Callable[[dict], str] | None = None


_REGISTERED: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    """Add `provider` and its measures (idempotent: `ready()` may run more than once)."""
    if provider.key in _REGISTERED:
        return
    for m in provider.measures:
        if m.path[:1] != (provider.key,):
            raise ValueError(f"measure {m.code} must sit under “{provider.key}”")
        if m.code in MEASURE:
            raise ValueError(f"measure {m.code} is defined twice")
    _REGISTERED[provider.key] = provider
    for m in provider.measures:
        MEASURES.append(m)
        MEASURE[m.code] = m


def registered() -> list[Provider]:
    return list(_REGISTERED.values())


def figures(programme, start: date, end: date, supported, classes) -> dict:
    """Every provider's figures of one window, by key."""
    return {
        p.key: p.compute(programme, start, end, supported, classes) for p in _REGISTERED.values()
    }


def notes(values: dict) -> list[str]:
    """The providers' lines for the page, from the figures of one window."""
    return [p.note(values[p.key]) for p in _REGISTERED.values() if p.note and p.key in values]
