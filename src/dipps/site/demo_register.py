"""The demo's company register: 80 fictional firms of the region's industry with three years
of key figures each, and one firm the programme may not support.

A firm's staff and sales are smooth from year to year (`staff_series`,
`sales_per_awu_series`) and stay in the SME class of the firm's drawn size, so the demo's SME
statuses and the firms it supports follow from the size alone. The draws are made in the
order they always were: every firm keeps its name, number and place.
"""

from __future__ import annotations

import random
from decimal import Decimal

from dipps.companies import sni
from dipps.companies.demo_trades import trade_of_code
from dipps.companies.imports import CompanyRow

MITTNORRLAND = [
    "2303",
    "2305",
    "2309",
    "2313",
    "2321",
    "2326",
    "2361",
    "2380",
    "2260",
    "2262",
    "2280",
    "2281",
    "2282",
    "2283",
    "2284",
]

# (SNI code, version or None, name stem) typical of the region's industry.
SECTORS = [
    ("16.101", 2007, "Sågverk"),
    ("16.230", None, "Snickerifabrik"),
    ("16.232", 2007, "Trähus"),
    ("25.110", None, "Stålbyggnad"),
    ("25.620", 2007, "Mekaniska Verkstad"),
    ("25.990", None, "Metallprodukter"),
    ("28.300", None, "Skogsmaskiner"),
    ("28.220", None, "Lyftteknik"),
    ("10.130", None, "Chark"),
    ("10.710", None, "Bageri"),
    ("10.510", None, "Mejeri"),
    ("31.090", None, "Möbler"),
    ("22.290", None, "Plast"),
    ("33.120", None, "Service"),
    ("62.010", 2007, "Industri-IT"),
    ("71.121", 2007, "Konstruktion"),
    ("52.100", None, "Logistik"),
    ("26.510", None, "Mätteknik"),
]
PLACES = [
    "Hammarstrand",
    "Bräcke",
    "Krokom",
    "Strömsund",
    "Järpen",
    "Svenstavik",
    "Sveg",
    "Frösön",
    "Ånge",
    "Timrå",
    "Härnösand",
    "Njurunda",
    "Kramfors",
    "Sollefteå",
    "Bjästa",
    "Jämt",
    "Indal",
    "Ljungan",
    "Storsjö",
    "Fjäll",
]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Elin", "Nils"]
LAST = ["Jonsson", "Olsson", "Persson", "Berg", "Ström", "Lind", "Eriksson", "Sjöberg"]


def luhn_complete(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return nine + str((10 - total % 10) % 10)


GROWING_AWU = {2022: Decimal("46.5"), 2023: Decimal("51.0"), 2024: Decimal("53.5")}

# The SME class each generated size stays in, as annual work units (lowest, highest): a
# firm's staff moves within its class from year to year, so the demo's SME statuses (and
# the firms the programme may support) do not depend on a noisy draw.
BANDS = {
    3: (Decimal(1), Decimal("9.5")),
    6: (Decimal(2), Decimal("9.5")),
    12: (Decimal(10), Decimal(48)),
    18: (Decimal(10), Decimal(48)),
    25: (Decimal(10), Decimal(48)),
    40: (Decimal(10), Decimal(48)),
    60: (Decimal(50), Decimal(245)),
    120: (Decimal(50), Decimal(245)),
    230: (Decimal(50), Decimal(245)),
}
# The balance sheet total as a share of net sales (small manufacturers: about half to
# three quarters; the lower end keeps the largest demo firms medium-sized).
BALANCE_SHARE = Decimal("0.55")
TENTH = Decimal("0.1")


def staff_series(size: int, draws: list[int]) -> list[Decimal]:
    """Annual work units for consecutive years from draws in −20…20: the first year is the
    size ± 2, each later year moves by at most half a person (under 10), one person (under
    20) or 5 % (larger firms), within the size's SME class (`BANDS`)."""
    low, high = BANDS[size]
    series: list[Decimal] = []
    for draw in draws:
        if not series:
            awu = Decimal(size) + Decimal(draw) / 10
        else:
            prev = series[-1]
            if prev < 10:
                step = Decimal(draw) / 40
            elif prev < 20:
                step = Decimal(draw) / 20
            else:
                step = prev * Decimal(draw) / 400
            awu = prev + step
        series.append(min(high, max(low, awu)).quantize(TENTH))
    return series


def sales_per_awu_series(code: str, draws: list[int]) -> list[Decimal]:
    """Net sales per annual work unit (SEK) for consecutive years from draws in 1200…2200:
    1.5–2.5 MSEK the first year, scaled by the trade (`companies.demo_trades`), then ±2 %
    a year before the general growth of 4 % a year that `_company_rows` adds."""
    factor = Decimal(str(trade_of_code(code).sales_per_awu))
    series: list[Decimal] = []
    for draw in draws:
        if not series:
            series.append((1500 + Decimal(draw - 1200)) * 1000 * factor)
        else:
            series.append(series[-1] * (1 + Decimal(draw - 1700) / 25000))
    return series


def company_rows(count: int) -> list[CompanyRow]:
    rng = random.Random(2023)
    rows: list[CompanyRow] = []
    used: set[str] = set()
    line = 1
    years = (2022, 2023, 2024)
    for i in range(count):
        code, version, stem = SECTORS[i % len(SECTORS)]
        place = PLACES[rng.randrange(len(PLACES))]
        if i % 23 == 7:
            # A sole trader: the "organisation number" is a personal identity number.
            number = luhn_complete(
                f"{rng.randint(55, 89)}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
            )
            name = f"{place} {stem} – {FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        else:
            number = luhn_complete(f"556{rng.randint(100000, 999999)}")
            name = f"{place} {stem} AB"
        if number in used or name in {r.name for r in rows}:
            name = f"{name.removesuffix(' AB')} {i} AB"
        used.add(number)
        # Every generated firm is an SME (the programme supports no large firm); the
        # biggest stay under 250 work units.
        size = rng.choice([3, 6, 12, 18, 25, 40, 60, 120, 230])
        municipality = MITTNORRLAND[rng.randrange(len(MITTNORRLAND))]
        codes = [sni.lookup(code, version)]
        # Horizontal criteria, from the firm's index (no draw, so the rest stays as it
        # was): about three CEOs in ten and a fifth of the chairs are women, a few are not
        # recorded; a sole trader has no board. The share of women among the employees is
        # known for two firms in three, for 2023 and 2024.
        sole = i % 23 == 7
        if sole:
            # A sole trader (enskild firma) has a few employees at most; its class stays
            # micro. The draw above is kept so that the firms after it do not change.
            size = min(size, 6)
        ceo = "unknown" if i % 13 == 5 else ("woman" if i % 10 in (0, 3, 7) else "man")
        chair = "unknown" if sole or i % 9 == 4 else ("woman" if i % 5 == 1 else "man")
        base_share = Decimal((i * 37) % 45 + 8)
        # Two draws a year, in the order they have always been made (so every later firm
        # keeps its name, number and place): one for sales per work unit, one for staff.
        draws = [(rng.randint(1200, 2200), rng.randint(-20, 20)) for _ in years]
        per_awu = sales_per_awu_series(code, [d[0] for d in draws])
        staff = staff_series(size, [d[1] for d in draws])
        for n, year in enumerate(years):
            growth = Decimal(1 + 0.04 * (year - 2022))
            # Staff in annual work units (part-time work counts as a fraction).
            awu = staff[n]
            if size == 40 and i % 2 == 0 and not sole:
                # Growing past 50 work units: medium by the 2023 figures alone, but the SME
                # status stays small until the second year over (2024, the two-year rule).
                awu = GROWING_AWU[year]
            turnover = awu * per_awu[n] * growth
            line += 1
            rows.append(
                CompanyRow(
                    row=line,
                    orgnr=number,
                    name=name,
                    sni_codes=codes,
                    municipality_code=municipality,
                    fiscal_year=year,
                    headcount=awu,
                    turnover_sek=turnover.quantize(Decimal("1000")),
                    balance_sheet_sek=(turnover * BALANCE_SHARE).quantize(Decimal("1000")),
                    programme="DIPPS",
                    # Some firms keep a broken fiscal year (brutet räkenskapsår), 1 July–30 June.
                    fiscal_year_end="06-30" if i % 11 == 3 else "",
                    ceo_gender=ceo,
                    chair_gender=chair,
                    women_share_percent=(
                        base_share + (year - 2023) * 2 if year >= 2023 and i % 3 != 2 else None
                    ),
                )
            )
    return rows


def ineligible_rows() -> list[CompanyRow]:
    """One firm the programme may not support, whose page shows why: a fish processor
    (SNI 10.20, excluded from de minimis aid by 2023/2831 art. 1(1)(a)) in Umeå,
    Västerbotten, outside Mittnorrland. Its number sorts after the generated firms'."""
    codes = [sni.lookup("10.200", 2007)]
    return [
        CompanyRow(
            row=10_000 + i,
            orgnr=luhn_complete("559412870"),
            name="Holmöns Fiskförädling AB",
            sni_codes=codes,
            municipality_code="2480",
            fiscal_year=year,
            headcount=Decimal(awu),
            turnover_sek=Decimal(turnover),
            balance_sheet_sek=Decimal(turnover) * Decimal("0.6"),
            programme="DIPPS",
        )
        for i, (year, awu, turnover) in enumerate(
            [(2023, "13.5", "21400000"), (2024, "14.0", "23100000")]
        )
    ]
