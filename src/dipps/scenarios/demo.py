"""Demo cost structures for six firms; three are filled from an SIE file made in memory and run
through the real mapping (``sie_mapping.map_sie``), as a coach would with a firm's export.

Deterministic (seeded) and idempotent: a firm that already has a cost structure for the demo
year is left alone, and price series are only added when there are none.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import translation

from dipps.companies.models import Company
from dipps.engagements.models import ActionItem
from dipps.finance.sie import parse_bytes

from . import runs, services
from .forms import PRESET_LABELS
from .history_import import PriceRow
from .model import Shock
from .models import CostStructure, MeasureType, PriceSeries, Source
from .sie_mapping import map_sie

YEAR = 2024
FIRMS = 6
SIE_FIRMS = 3

ACCOUNTS = {
    "3010": "Försäljning varor Sverige",
    "3105": "Försäljning varor export",
    "4010": "Inköp material och varor",
    "4990": "Lagerförändring",
    "5010": "Lokalhyra",
    "5310": "El för drift",
    "5370": "Fjärrvärme",
    "5460": "Förbrukningsmaterial",
    "6110": "Kontorsmateriel",
    "7010": "Löner till kollektivanställda",
    "7210": "Löner till tjänstemän",
    "7510": "Arbetsgivaravgifter",
    "7832": "Avskrivningar på inventarier",
    "8410": "Räntekostnader",
}


def _round(x: float) -> Decimal:
    return Decimal(round(x)).quantize(Decimal("0.01"))


def sie_bytes(company: Company, rng: random.Random) -> bytes:
    """A small SIE type 1 file with the year's result balances (#RES), encoded as PC8."""
    revenue = rng.randint(12, 60) * 1_000_000
    res = {
        "3010": -revenue * 0.55,
        "3105": -revenue * 0.45,
        "4010": revenue * rng.uniform(0.30, 0.42),
        "4990": -revenue * 0.01,
        "5010": revenue * 0.03,
        "5310": revenue * rng.uniform(0.02, 0.06),
        "5370": revenue * 0.01,
        "5460": revenue * 0.02,
        "6110": revenue * 0.04,
        "7010": revenue * 0.20,
        "7210": revenue * 0.07,
        "7510": revenue * 0.09,
        "7832": revenue * 0.03,
        "8410": revenue * 0.005,
    }
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "DIPPS demo" 1.0',
        "#FORMAT PC8",
        f"#GEN {YEAR + 1}0215",
        "#SIETYP 1",
        f"#ORGNR {company.orgnr[:6]}-{company.orgnr[6:]}",
        f'#FNAMN "{company.name}"',
        f"#RAR 0 {YEAR}0101 {YEAR}1231",
    ]
    lines += [f'#KONTO {number} "{name}"' for number, name in ACCOUNTS.items()]
    lines += [f"#RES 0 {number} {_round(amount)}" for number, amount in res.items()]
    return ("\r\n".join(lines) + "\r\n").encode("cp437")


def _from_sie(company: Company, rng: random.Random) -> dict[str, Decimal]:
    mapping = map_sie(parse_bytes(sie_bytes(company, rng), "demo.se"))
    revenue = mapping.amount("revenue")
    materials = mapping.amount("materials")
    export = Decimal(rng.choice(["0.25", "0.35", "0.45"]))
    imported = Decimal(rng.choice(["0.20", "0.30", "0.40"]))
    # An SIE file does not say the currency; the coach splits it with the firm, as here.
    return {
        "revenue_sek": (revenue * (1 - export)).quantize(Decimal("0.01")),
        "revenue_eur": (revenue * export * Decimal("0.8")).quantize(Decimal("0.01")),
        "revenue_usd": (revenue * export * Decimal("0.2")).quantize(Decimal("0.01")),
        "materials_sek": (materials * (1 - imported)).quantize(Decimal("0.01")),
        "materials_eur": (materials * imported).quantize(Decimal("0.01")),
        "electricity_kwh": mapping.electricity_kwh,
        "electricity_price": mapping.electricity_price,
        "other_energy": mapping.amount("other_energy"),
        "labour": mapping.amount("labour"),
        "other": mapping.amount("other"),
        "depreciation": mapping.amount("depreciation"),
    }


def _manual(rng: random.Random) -> dict[str, Decimal]:
    revenue = Decimal(rng.randint(8, 40) * 1_000_000)
    price = Decimal(rng.choice(["0.95", "1.10", "1.25"]))
    electricity = revenue * Decimal(rng.choice(["0.02", "0.04", "0.07"]))
    return {
        "revenue_sek": revenue * Decimal("0.7"),
        "revenue_eur": revenue * Decimal("0.25"),
        "revenue_other": revenue * Decimal("0.05"),
        "materials_sek": revenue * Decimal("0.22"),
        "materials_eur": revenue * Decimal("0.08"),
        "materials_usd": revenue * Decimal("0.05"),
        "electricity_kwh": (electricity / price).quantize(Decimal(1)),
        "electricity_price": price,
        "other_energy": revenue * Decimal("0.01"),
        "labour": revenue * Decimal("0.33"),
        "other": revenue * Decimal("0.12"),
        "depreciation": revenue * Decimal("0.03"),
    }


MEASURES = [
    {
        "type": MeasureType.ENERGY,
        "name": "LED-belysning och varvtalsstyrda fläktar",
        "kwh_reduction": Decimal("0.15"),
    },
    {
        "type": MeasureType.AUTOMATION,
        "name": "Robotcell vid svetsningen",
        "labour_reduction": Decimal("0.08"),
        "investment": Decimal(2_500_000),
        "years": 5,
    },
    {
        "type": MeasureType.MATERIAL,
        "name": "Optimerad skärning, mindre spill",
        "materials_reduction": Decimal("0.04"),
    },
]


def _price_series(rng: random.Random) -> None:
    if PriceSeries.objects.exists():
        return
    rows = []
    start = date(2019, 1, 31)
    for series, level, vol in (
        ("fx.EUR", 10.5, 0.02),
        ("price.electricity", 0.6, 0.18),
        ("fx.USD", 9.5, 0.03),
    ):
        x = math.log(level)
        for month in range(72):
            x += rng.gauss(0, vol)
            day = start + timedelta(days=30 * month)
            rows.append(PriceRow(month + 2, day, series, Decimal(repr(round(math.exp(x), 4)))))
    services.price_history_import(rows=rows, by=None)


def load() -> None:
    rng = random.Random(6)
    companies = list(Company.objects.filter(is_sole_trader=False).order_by("name")[:FIRMS])
    for i, company in enumerate(companies):
        if CostStructure.objects.filter(company=company, year=YEAR).exists():
            continue
        from_sie = i < SIE_FIRMS
        figures = _from_sie(company, rng) if from_sie else _manual(rng)
        cs = services.cost_structure_save(
            company=company,
            year=YEAR,
            figures=figures,
            by=None,
            source=Source.SIE if from_sie else Source.MANUAL,
            source_file="demo-sie1.se" if from_sie else "",
            notes="Demo: fiktiva siffror." if not from_sie else "Demo: ifylld från SIE-fil.",
        )
        # Link each measure to one of the firm's action-plan items, where the plan has one.
        items = list(ActionItem.objects.filter(engagement__company=company).order_by("id"))
        for j, measure in enumerate(MEASURES[: 1 + i % 3]):
            item = items[j] if j < len(items) else None
            services.measure_add(cost_structure=cs, data={**measure, "action_item": item}, by=None)
        with translation.override("sv"):
            shocks = {str(PRESET_LABELS[k]): Shock(v) for k, v in runs.PRESET_SHOCKS.items()}
        services.stress_run(cost_structure=cs, shocks=shocks, by=None)
    _price_series(rng)
