"""Demo cost structures for six firms; three are filled from an SIE file made in memory and run
through the real mapping (``sie_mapping.map_sie``), as a coach would with a firm's export.

A firm's figures agree with its register: revenue is its net sales of the demo year, labour its
annual work units × a cost per work unit with social fees, electricity its staff × its trade's
use per work unit (`companies.demo_trades`). Its measures fit its trade (a bakery automates its
packing, a workshop its welding) and are linked to the plan item they carry out, where the
firm's plan has one.

Deterministic (seeded) and idempotent: a firm that already has a cost structure for the demo
year is left alone, and price series are only added when there are none.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import translation

from dipps.companies.demo_trades import Trade, trade_of
from dipps.companies.models import Company, KeyFigures
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


# Personnel cost per annual work unit in YEAR with social fees (the impact demo's level:
# about 45 000 kr a month × 12 × 1.3142, raised by the 2024 wage agreement).
COST_PER_AWU = 735_000
# The electricity price a small firm paid in YEAR, grid and tax included (SEK per kWh).
PRICE_PER_KWH = 1.25
# Material purchases as a share of the ordinary 30–42 %, by trade: a consultancy or a haulier
# buys little material.
MATERIAL_FACTOR = {"services": 0.1, "logistics": 0.25}


@dataclass(frozen=True)
class Register:
    """A firm's register figures for YEAR and its trade."""

    revenue: float
    staff: float
    trade: Trade

    @property
    def labour(self) -> float:
        return self.staff * COST_PER_AWU

    @property
    def electricity_kwh(self) -> float:
        return self.staff * self.trade.electricity_kwh


def register_of(company: Company) -> Register | None:
    """The firm's net sales and staff in YEAR, or None where the register lacks them."""
    figures = (
        KeyFigures.objects.filter(company=company, fiscal_year=YEAR).exclude(headcount=None).first()
    )
    if figures is None or not figures.turnover_sek or not figures.headcount:
        return None
    return Register(float(figures.turnover_sek), float(figures.headcount), trade_of(company))


def _round(x: float) -> Decimal:
    return Decimal(round(x)).quantize(Decimal("0.01"))


def sie_bytes(company: Company, rng: random.Random, register: Register | None = None) -> bytes:
    """A small SIE type 1 file with the year's result balances (#RES), encoded as PC8.

    Without `register` the revenue is drawn and wages, salaries and employer contributions are
    20 %, 7 % and 9 % of it; with it they follow the firm's register (the draws are made all
    the same, so the next firm's file does not change)."""
    revenue: float = rng.randint(12, 60) * 1_000_000
    materials = rng.uniform(0.30, 0.42)
    electricity = rng.uniform(0.02, 0.06)
    labour = revenue * 0.36
    if register is not None:
        revenue = register.revenue
        materials *= MATERIAL_FACTOR.get(register.trade.key, 1.0)
        electricity = register.electricity_kwh * PRICE_PER_KWH / revenue
        labour = register.labour
    res = {
        "3010": -revenue * 0.55,
        "3105": -revenue * 0.45,
        "4010": revenue * materials,
        "4990": -revenue * 0.01,
        "5010": revenue * 0.03,
        "5310": revenue * electricity,
        "5370": revenue * 0.01,
        "5460": revenue * 0.02,
        "6110": revenue * 0.04,
        "7010": labour * 20 / 36,
        "7210": labour * 7 / 36,
        "7510": labour * 9 / 36,
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
    mapping = map_sie(parse_bytes(sie_bytes(company, rng, register_of(company)), "demo.se"))
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


def _manual(rng: random.Random, company: Company | None = None) -> dict[str, Decimal]:
    """Typed-in figures: drawn, or where `company` has register figures, from them."""
    revenue = Decimal(rng.randint(8, 40) * 1_000_000)
    price = Decimal(rng.choice(["0.95", "1.10", "1.25"]))
    electricity = revenue * Decimal(rng.choice(["0.02", "0.04", "0.07"]))
    kwh = (electricity / price).quantize(Decimal(1))
    labour = revenue * Decimal("0.33")
    materials = Decimal(1)
    register = register_of(company) if company is not None else None
    if register is not None:
        revenue = Decimal(str(register.revenue))
        kwh = Decimal(round(register.electricity_kwh))
        labour = Decimal(round(register.labour))
        materials = Decimal(str(MATERIAL_FACTOR.get(register.trade.key, 1.0)))
    return {
        "revenue_sek": revenue * Decimal("0.7"),
        "revenue_eur": revenue * Decimal("0.25"),
        "revenue_other": revenue * Decimal("0.05"),
        "materials_sek": revenue * Decimal("0.22") * materials,
        "materials_eur": revenue * Decimal("0.08") * materials,
        "materials_usd": revenue * Decimal("0.05") * materials,
        "electricity_kwh": kwh,
        "electricity_price": price,
        "other_energy": revenue * Decimal("0.01"),
        "labour": labour,
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
# The automation and material measures as they read in each trade (the workshop's above
# otherwise), with the automation's investment; they carry out the goals of the engagements
# demo's plans for the same trade.
TRADE_MEASURES: dict[str, tuple[str, int, str]] = {
    "sawmill": (
        "Automatisk virkessortering och paketering",
        4_000_000,
        "Stockskanning och optimerad sönderdelning",
    ),
    "wood": ("Robotcell för kapning och montering", 2_200_000, "Optimerad kapning, mindre spill"),
    "food": (
        "Automatisk packning och palletering",
        1_800_000,
        "Bättre produktionsplanering, mindre kassation",
    ),
    "plastics": (
        "Robot för plockning vid formsprutorna",
        1_500_000,
        "Återföring av anguss, mindre kassation",
    ),
    "electronics": (
        "Automatiserad montering och provning",
        2_000_000,
        "Färre kassationer genom bättre provning",
    ),
    "services": (
        "Automatiserad offert- och ritningsframtagning",
        400_000,
        "Digitala underlag i stället för utskrifter",
    ),
    "logistics": (
        "Automatiserad orderplock i lagret",
        1_800_000,
        "Mindre emballage genom rätt kartongstorlek",
    ),
}


def measures_for(trade: str) -> list[dict]:
    """`MEASURES` with the names (and investment) that fit the firm's trade."""
    if trade not in TRADE_MEASURES:
        return [dict(m) for m in MEASURES]
    automation, investment, material = TRADE_MEASURES[trade]
    energy, robot, waste = (dict(m) for m in MEASURES)
    robot.update(name=automation, investment=Decimal(investment))
    waste.update(name=material)
    return [energy, robot, waste]


def _item_for(measure: dict, items: list[ActionItem]) -> ActionItem | None:
    """The plan item a measure carries out: an energy survey for the energy measure, a
    feasibility study of automation for the automation one, an item tagged for material for
    the material one; None where the plan has no such item."""
    kind = measure["type"]
    for item in items:
        dims = set(item.dimensions or [])
        if kind == MeasureType.ENERGY and "green" in dims:
            return item
        study = item.goal.startswith("Förstudie")
        if kind == MeasureType.AUTOMATION and "automation" in dims and study:
            return item
        if kind == MeasureType.MATERIAL and "material" in (item.environment or []):
            return item
    return None


def _price_series(rng: random.Random) -> None:
    if PriceSeries.objects.exists():
        return
    rows = []
    start = date(2019, 1, 31)
    # Named as a person would name them; each is linked to its shock factor below.
    series_factors = {"EUR/SEK": "fx.EUR", "Elpris SE2": "price.electricity", "USD/SEK": "fx.USD"}
    for series, level, vol in (
        ("EUR/SEK", 10.5, 0.02),
        ("Elpris SE2", 0.6, 0.18),
        ("USD/SEK", 9.5, 0.03),
    ):
        x = math.log(level)
        for month in range(72):
            x += rng.gauss(0, vol)
            day = start + timedelta(days=30 * month)
            rows.append(PriceRow(month + 2, day, series, Decimal(repr(round(math.exp(x), 4)))))
    services.price_history_import(rows=rows, by=None)
    for name, factor in series_factors.items():
        PriceSeries.objects.filter(name=name).update(factor=factor)


def load() -> None:
    rng = random.Random(6)
    companies = list(Company.objects.filter(is_sole_trader=False).order_by("name")[:FIRMS])
    for i, company in enumerate(companies):
        if CostStructure.objects.filter(company=company, year=YEAR).exists():
            continue
        from_sie = i < SIE_FIRMS
        figures = _from_sie(company, rng) if from_sie else _manual(rng, company)
        cs = services.cost_structure_save(
            company=company,
            year=YEAR,
            figures=figures,
            by=None,
            source=Source.SIE if from_sie else Source.MANUAL,
            source_file="demo-sie1.se" if from_sie else "",
            notes="Demo: fiktiva siffror." if not from_sie else "Demo: ifylld från SIE-fil.",
        )
        items = list(ActionItem.objects.filter(engagement__company=company).order_by("id"))
        for measure in measures_for(trade_of(company).key)[: 1 + i % 3]:
            data = {**measure, "action_item": _item_for(measure, items)}
            services.measure_add(cost_structure=cs, data=data, by=None)
        with translation.override("sv"):
            shocks = {str(PRESET_LABELS[k]): Shock(v) for k, v in runs.PRESET_SHOCKS.items()}
        services.stress_run(cost_structure=cs, shocks=shocks, by=None)
    _price_series(rng)
