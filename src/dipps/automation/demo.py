"""Demo automation pre-studies, each fitting its firm's trade (no welding robot in a bakery).

One firm per trade below (the first by name that takes part in DIPPS and is not a sole
trader) gets a pre-study with one or two steps and their quotes. Where the firm has a cost
structure (the scenarios demo, which runs before this one), the first step is turned into a
plan item and a scenario measure with the one click a coach would use. Deterministic (no
draw) and idempotent: a firm that already has the pre-study of its title is left alone.
"""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal

from django.core.exceptions import ValidationError

from dipps.companies.models import Company
from dipps.programmes.models import Programme
from dipps.scenarios.models import CostStructure

from . import services
from .models import PreStudy, Status

D = Decimal

# (name stem of the demo firm's trade, pre-study, steps); each step with its quotes as
# (supplier, investment, annual operating cost, chosen).
STUDIES = [
    (
        "Mekaniska Verkstad",
        {"title": "Maskinbetjäning av CNC-svarvar", "status": Status.DECIDED, "rate": 430},
        [
            {
                "name": "Lastning och lossning av CNC-svarv 2",
                "what_is_done": "En operatör lägger i och tar ur ämnen för hand, två skift.",
                "cycle_time_seconds": D(95),
                "annual_volume": 60000,
                "manual_hours_per_year": D(1900),
                "problems": "Monotona lyft; stillestånd vid raster.",
                "solution": "robot",
                "hours_saved_per_year": D(1500),
                "other_annual_savings": D(60000),
                "risks": "Fixturer för små serier; robotprogrammering i egen regi.",
                "roles_changing": "Operatören blir cellansvarig och programmerar roboten.",
                "quotes": [
                    ("Norrlands Robotteknik AB", D(1450000), D(35000), True),
                    ("Cellbyggarna i Sundsvall AB", D(1620000), D(30000), False),
                ],
            },
        ],
    ),
    (
        "Sågverk",
        {"title": "Kvalitetssortering med maskinseende", "status": Status.PRESTUDY, "rate": 390},
        [
            {
                "name": "Sortering av brädor efter kvalitet",
                "what_is_done": "Två sorterare bedömer kvist och sprickor med ögat.",
                "cycle_time_seconds": D(2),
                "annual_volume": 900000,
                "manual_hours_per_year": D(3400),
                "problems": "Ojämn bedömning mellan skift; buller.",
                "solution": "vision",
                "hours_saved_per_year": D(2600),
                "other_annual_savings": D(250000),
                "risks": "Kalibrering mot egna kvalitetsklasser tar en säsong.",
                "roles_changing": "Sorterarna blir kvalitetsoperatörer som övervakar systemet.",
                "quotes": [("Visionsystem Norr AB", D(2100000), D(90000), True)],
            },
        ],
    ),
    (
        "Bageri",
        {"title": "Packning och palletering", "status": Status.INSTALLED, "rate": 360},
        [
            {
                "name": "Palletering av kartonger vid packlinjen",
                "what_is_done": "Kartonger staplas för hand på pall i slutet av linjen.",
                "cycle_time_seconds": D(8),
                "annual_volume": 240000,
                "manual_hours_per_year": D(1600),
                "problems": "Tunga och upprepade lyft; förslitningsskador.",
                "solution": "cobot",
                "hours_saved_per_year": D(1300),
                "residual_value": D(100000),
                "risks": "Hygienkrav på utrustningen.",
                "roles_changing": "Packarna blir linjeoperatörer.",
                "quotes": [
                    ("Cobotbolaget AB", D(780000), D(20000), True),
                    ("Pallautomation Mitt AB", D(950000), D(15000), False),
                ],
            },
        ],
    ),
    (
        "Snickerifabrik",
        {
            "title": "Automatiserad ordergång och kantlistning",
            "status": Status.PRESTUDY,
            "rate": 380,
        },
        [
            {
                "name": "Orderinläsning till CNC-programmen",
                "what_is_done": "Beredaren skriver av ritningsmått från order till maskinprogram.",
                "manual_hours_per_year": D(700),
                "problems": "Avskrivningsfel ger kassation.",
                "solution": "software",
                "hours_saved_per_year": D(550),
                "other_annual_savings": D(80000),
                "risks": "Koppling till affärssystemet.",
                "roles_changing": "Beredaren granskar i stället för att skriva av.",
                "quotes": [("Industri-IT i Östersund AB", D(320000), D(30000), True)],
            },
        ],
    ),
    (
        "Logistik",
        {"title": "Förarlösa truckar i lagret", "status": Status.PRESTUDY, "rate": 350},
        [
            {
                "name": "Transport mellan godsmottagning och höglager",
                "what_is_done": "Truckförare kör pall för pall, cirka 120 körningar per dag.",
                "manual_hours_per_year": D(2200),
                "problems": "Påkörningsrisk i korsande gångar.",
                "solution": "agv",
                "hours_saved_per_year": D(1700),
                "risks": "Ombyggnad av golvmarkeringar och laddplatser.",
                "roles_changing": "Truckförarna blir lagerplanerare.",
                "quotes": [("AGV Norden AB", D(1900000), D(110000), True)],
            },
        ],
    ),
]


def _firm(stem: str, programme: Programme) -> Company | None:
    return (
        Company.objects.filter(
            name__contains=stem, is_sole_trader=False, participations__programme=programme
        )
        .order_by("name")
        .first()
    )


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    for stem, study_spec, steps in STUDIES:
        firm = _firm(stem, programme)
        if firm is None or PreStudy.objects.filter(company=firm, title=study_spec["title"]):
            continue
        study = services.prestudy_save(
            company=firm,
            programme=programme,
            values={
                "title": study_spec["title"],
                "status": study_spec["status"],
                "hourly_labour_cost": D(study_spec["rate"]),
                "years": 8,
                "discount_rate_percent": D(6),
            },
            by=None,
        )
        made = []
        for spec in steps:
            values = {k: v for k, v in spec.items() if k != "quotes"}
            quotes = [services.QuoteInput(*q) for q in spec["quotes"]]
            made.append(services.step_save(prestudy=study, values=values, quotes=quotes, by=None))
        if CostStructure.objects.filter(company=firm).exists():
            # A firm the programme may not support gets no plan item; the pre-study stays.
            with suppress(ValidationError):
                services.step_to_scenario(step=made[0], by=None)
