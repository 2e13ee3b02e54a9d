"""The demo firms' trades, read from their SNI code, so that every app's demo data tells one
story: a bakery gets ovens and flour, not a welding robot cell; a sawmill uses more
electricity and heat per employee than an IT consultancy.

Used only by the demo loaders (site, engagements, scenarios, impact). The figures per
employee are illustrative orders of size for small firms in the region, not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Company


@dataclass(frozen=True)
class Trade:
    """One trade's demo profile.

    `sales_per_awu` scales the register's net sales per annual work unit (1.0 = the demo's
    ordinary 1.5–2.7 MSEK); the energy figures are a year's use per annual work unit; the
    materials are the trade's two main ones, with tonnes a year per work unit. "logistics"
    is warehousing (SNI 52.10, the demo's only one): diesel for the yard and forklifts, not
    for road haulage.
    """

    key: str
    sales_per_awu: float
    electricity_kwh: float
    heating_kwh: float
    diesel_litres: float
    materials: tuple[tuple[str, float], tuple[str, float]]
    #: Whether the firm heats from a district-heating network (else with its own boiler
    #: on wood pellets, as many sawmills and rural workshops do).
    district_heating: bool = True


TRADES = {
    "sawmill": Trade("sawmill", 1.25, 55_000, 60_000, 900, (("trä", 250.0), ("stål", 0.5)), False),
    "wood": Trade("wood", 0.95, 18_000, 14_000, 250, (("trä", 35.0), ("stål", 1.0))),
    "metal": Trade("metal", 1.0, 16_000, 9_000, 150, (("stål", 9.0), ("aluminium", 1.2))),
    "food": Trade(
        "food", 0.85, 22_000, 12_000, 200, (("livsmedelsråvaror", 20.0), ("plast (PE)", 0.8))
    ),
    "plastics": Trade("plastics", 1.05, 38_000, 7_000, 100, (("plast (PE)", 14.0), ("stål", 0.4))),
    "electronics": Trade(
        "electronics", 1.1, 7_000, 6_000, 60, (("elektronikkomponenter", 0.4), ("aluminium", 0.3))
    ),
    "services": Trade(
        "services", 0.7, 4_500, 5_500, 80, (("papper och kartong", 0.1), ("plast (PE)", 0.02))
    ),
    "logistics": Trade(
        "logistics", 0.9, 6_000, 6_000, 700, (("papper och kartong", 1.5), ("plast (PE)", 0.6))
    ),
}

# SNI code prefixes (SNI 2007/2025 divisions or groups) to trades; the longest match wins.
_PREFIXES = {
    "16.1": "sawmill",
    "16": "wood",
    "31": "wood",
    "24": "metal",
    "25": "metal",
    "28": "metal",
    "33": "metal",
    "10": "food",
    "11": "food",
    "22": "plastics",
    "26": "electronics",
    "27": "electronics",
    "49": "logistics",
    "52": "logistics",
}


def trade_of_code(code: str) -> Trade:
    """The trade of an SNI code such as "10.710"; offices and consultancies otherwise."""
    for length in (4, 2):
        key = _PREFIXES.get(code[:length])
        if key:
            return TRADES[key]
    return TRADES["services"]


def trade_of(company: Company) -> Trade:
    """The trade of a firm's first SNI code (by code), or "services" without one."""
    first = company.sni_codes.order_by("code").first()
    return trade_of_code(first.code) if first else TRADES["services"]
