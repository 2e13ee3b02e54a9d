"""Demo energy, material and waste figures for five firms, 2023–2025 (docs/impact.md,
"Energy, material and emissions").

Each firm gets one energy action item completed in 2024 (kept if it is already there), and
figures for the year before and after whose change is close to, not equal to, the item's
expected saving (between 60 % and 120 % of it, plus a small drift of the rest of the firm).
Each carrier and material is the firm's staff in the register × its trade's use per annual
work unit (`companies.demo_trades`): a sawmill dries timber with heat from its own pellet
boiler and uses several times the electricity of a workshop; a bakery's or a dairy's main
material is its food raw materials; a consultancy has little of either. The expected saving is
8–15 % of the firm's electricity and 2–5 % of its main material. Deterministic and
idempotent: a firm that already has energy figures is left alone.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dipps.companies.demo_trades import Trade, trade_of
from dipps.companies.models import Company, KeyFigures
from dipps.engagements.models import ActionItem, Engagement
from dipps.engagements.services import action_item_save

from .models_energy import EnergyYear
from .services_energy import energy_year_save

FIRMS = 5
GOAL = "Energikartläggning, frekvensstyrda fläktar och LED-belysning"
# Wood pellets are entered in kg (emission_factors.csv: 4.7 kWh per kg).
PELLET_KWH_PER_KG = 4.7
DIESEL_KWH_PER_LITRE = 9.8


def _q(value: float, places: str = "1") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _staff(company) -> float:
    figures = (
        KeyFigures.objects.filter(company=company, headcount__isnull=False)
        .order_by("-fiscal_year")
        .first()
    )
    return float(figures.headcount) if figures else 15.0


def _item(engagement, rng, kwh_base: float, material_base: float) -> ActionItem:
    item = engagement.items.filter(goal=GOAL).first()
    if item is None:
        item = action_item_save(
            engagement=engagement,
            values={
                "goal": GOAL,
                "intervention": "expert_support",
                "dimensions": ["green"],
                "status": ActionItem.Status.DONE,
                "expected_effect": "Lägre elanvändning och mindre spill",
                "expected_kwh_year": _q(kwh_base * rng.uniform(0.08, 0.15), "1000"),
                "expected_tonnes_year": _q(material_base * rng.uniform(0.02, 0.05), "0.1"),
                "outcome": "Genomfört; uppföljning av energi och spill",
                "new_or_improved_process": True,
            },
            by=None,
        )
        ActionItem.objects.filter(pk=item.pk).update(
            completed=date(2024, rng.randint(3, 10), rng.randint(1, 28))
        )
        item.refresh_from_db()
    return item


def _chosen() -> list[tuple[Engagement, Trade]]:
    """`FIRMS` supported firms (each with its first engagement), one of each trade first in
    the order of their names, so the demo shows a workshop next to a dairy and a
    consultancy; then more by name where there are fewer trades."""
    engagements = (
        Engagement.objects.filter(company__is_sole_trader=False)
        .exclude(stage__in=("first_contact", "declined"))
        .select_related("company")
        .order_by("company__name", "id")
    )
    firms: dict[int, tuple[Engagement, Trade]] = {}
    for engagement in engagements:
        if engagement.company_id not in firms:
            firms[engagement.company_id] = (engagement, trade_of(engagement.company))
    seen: set[str] = set()
    first, rest = [], []
    for pair in firms.values():
        (first if pair[1].key not in seen else rest).append(pair)
        seen.add(pair[1].key)
    return (first + rest)[:FIRMS]


def load() -> None:
    rng = random.Random(14)
    done: set[int] = set()
    for engagement, trade in _chosen():
        company: Company = engagement.company
        done.add(company.pk)
        if EnergyYear.objects.filter(company=company).exists():
            continue
        staff = _staff(company)
        kwh = staff * trade.electricity_kwh * rng.uniform(0.85, 1.15)
        (main, main_t), (second, second_t) = trade.materials
        material = staff * main_t * rng.uniform(0.85, 1.15)
        item = _item(engagement, rng, kwh, material)
        expected_kwh = float(item.expected_kwh_year or 0)
        expected_t = float(item.expected_tonnes_year or 0)
        heating = staff * trade.heating_kwh * rng.uniform(0.85, 1.15)
        diesel = staff * trade.diesel_litres * rng.uniform(0.8, 1.2)
        other = staff * second_t * rng.uniform(0.8, 1.2)
        price = rng.uniform(1.05, 1.45)
        # Every other firm on a district-heating network knows its network's own factor.
        heated = trade.district_heating and len(done) % 2 == 0
        # Weather moves heating and diesel by a few per cent, kept under a fifth of the
        # item's saving so that the firm's measured change stays near the expected one
        # (a haulier's diesel dwarfs its electricity).
        other_kwh = heating + diesel * DIESEL_KWH_PER_LITRE
        weather = min(1.0, 0.2 * expected_kwh / (0.05 * other_kwh)) if other_kwh else 1.0
        for year, share in ((2023, 0.0), (2024, 0.5), (2025, 1.0)):
            drift = 1 + rng.uniform(-0.02, 0.03)  # material: orders; heating, diesel: weather
            warmth = 1 + (drift - 1) * weather
            steady = 1 + rng.uniform(-0.005, 0.005)  # electricity besides the item's saving
            saved_kwh = expected_kwh * share * rng.uniform(0.6, 1.2)
            saved_t = expected_t * share * rng.uniform(0.6, 1.2)
            uses = {"electricity": _q(kwh * steady - saved_kwh, "1")}
            if trade.district_heating:
                uses["district_heating"] = _q(heating * warmth, "1")
            else:
                uses["wood_pellets"] = _q(heating * warmth / PELLET_KWH_PER_KG, "1")
            uses["diesel"] = _q(diesel * warmth, "1")
            energy_year_save(
                company=company,
                year=year,
                uses=uses,
                materials=[
                    (main, _q(material * drift - saved_t, "0.1")),
                    (second, _q(max(other * drift, 0.1), "0.1")),
                ],
                price_per_kwh=_q(price + (year - 2023) * 0.08, "0.01"),
                waste_tonnes=_q(max(material * 0.06 * drift - saved_t * 0.3, 0.1), "0.1"),
                heating_g_per_kwh=Decimal("48.5") if heated else None,
                heating_source=(
                    "Jämtkraft, Östersunds fjärrvärmenät (lokalt miljövärde, demo)"
                    if heated
                    else ""
                ),
                notes="Demo: fiktiva siffror.",
                by=None,
            )
