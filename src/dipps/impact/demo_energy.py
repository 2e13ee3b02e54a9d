"""Demo energy, material and waste figures for five firms, 2023–2025 (docs/impact.md,
"Energy, material and emissions").

Each firm gets one energy action item completed in 2024 (kept if it is already there), and
figures for the year before and after whose change is close to, not equal to, the item's
expected saving (between 60 % and 120 % of it, plus a small drift of the rest of the firm).
Electricity is scaled by the firm's staff in the register (about 12,000 kWh per annual work
unit, an engineering workshop's order of size). Deterministic and idempotent: a firm that
already has energy figures is left alone.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dipps.companies.models import Company, KeyFigures
from dipps.engagements.models import ActionItem, Engagement
from dipps.engagements.services import action_item_save

from .models_energy import EnergyYear
from .services_energy import energy_year_save

FIRMS = 5
GOAL = "Energikartläggning, frekvensstyrda fläktar och LED i verkstaden"
MATERIALS = ("stål", "aluminium", "plast (PE)", "trä")


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


def load() -> None:
    rng = random.Random(14)
    engagements = (
        Engagement.objects.filter(company__is_sole_trader=False)
        .exclude(stage__in=("first_contact", "declined"))
        .select_related("company")
        .order_by("company__name", "id")
    )
    done: set[int] = set()
    for engagement in engagements:
        company: Company = engagement.company
        if len(done) == FIRMS:
            break
        if company.pk in done:
            continue
        done.add(company.pk)
        if EnergyYear.objects.filter(company=company).exists():
            continue
        staff = _staff(company)
        kwh = staff * 12000 * rng.uniform(0.8, 1.25)
        material = staff * rng.uniform(3, 8)
        item = _item(engagement, rng, kwh, material)
        expected_kwh = float(item.expected_kwh_year or 0)
        expected_t = float(item.expected_tonnes_year or 0)
        heating = kwh * rng.uniform(0.4, 0.7)
        diesel = staff * rng.uniform(60, 140)
        price = rng.uniform(1.05, 1.45)
        heated = len(done) % 2 == 0  # every other firm knows its network's own factor
        for year, share in ((2023, 0.0), (2024, 0.5), (2025, 1.0)):
            drift = 1 + rng.uniform(-0.02, 0.03)  # heating, diesel, material: weather, orders
            steady = 1 + rng.uniform(-0.005, 0.005)  # electricity besides the item's saving
            saved_kwh = expected_kwh * share * rng.uniform(0.6, 1.2)
            saved_t = expected_t * share * rng.uniform(0.6, 1.2)
            energy_year_save(
                company=company,
                year=year,
                uses={
                    "electricity": _q(kwh * steady - saved_kwh, "1"),
                    "district_heating": _q(heating * drift, "1"),
                    "diesel": _q(diesel * drift, "1"),
                },
                materials=[
                    (MATERIALS[company.pk % 2], _q(material * drift - saved_t, "0.1")),
                    (MATERIALS[2 + company.pk % 2], _q(material * 0.15 * drift, "0.1")),
                ],
                price_per_kwh=_q(price + (year - 2023) * 0.08, "0.01"),
                waste_tonnes=_q(material * 0.06 * drift - saved_t * 0.3, "0.1"),
                heating_g_per_kwh=Decimal("48.5") if heated else None,
                heating_source=(
                    "Jämtkraft, Östersunds fjärrvärmenät (lokalt miljövärde, demo)"
                    if heated
                    else ""
                ),
                notes="Demo: fiktiva siffror.",
                by=None,
            )
