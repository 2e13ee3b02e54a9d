"""A demo comparison group (docs/impact.md, "Comparison group").

For each programme whose supported firms have productivity years (`impact.demo`): about
`FIRMS` comparison firms spread over the cells of those firms (SNI division and size class in
the baseline year), with key figures from three years before the cell's baseline year to the
last closed year. Each firm starts near the mean value added per employee of the cell's
supported firms in the baseline year (±20 %, so roughly 600 000–1 200 000 kr), grows
0.5–2.5 % a year with a little noise, and keeps a staff in the cell's size band, so the
matching is exact and the estimate shows the supported firms' modest lead. Value added is
split as a manufacturer's is: personnel costs 68–74 %, depreciation 5–8 %, the rest operating
profit; net sales about three times value added.

Organisation numbers are made up (valid check digit, series 559…, none of a register firm).
Deterministic (random.Random(seed)) and idempotent: a programme that has a comparison group
is left alone.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from dipps.companies import orgnr
from dipps.companies.models import Company
from dipps.engagements.models import CompanySupport
from dipps.programmes.models import Programme

from . import matching
from .models import ComparisonFirm, ComparisonYear
from .selectors_comparison import load as load_firms

FIRMS = 200
SOURCE = "demo-jamforelsegrupp.xlsx"
BANDS = {matching.MICRO: (3, 9), matching.SMALL: (10, 49), matching.MEDIUM: (50, 200)}
KR = Decimal(1)


def _kr(value: float) -> Decimal:
    return Decimal(str(value)).quantize(KR, ROUND_HALF_UP)


def _check_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def _numbers(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    numbers: list[str] = []
    while len(numbers) < count:
        nine = "559" + f"{rng.randrange(10**6):06d}"
        number = nine + _check_digit(nine)
        if number in taken or not orgnr.is_valid(number):
            continue
        taken.add(number)
        numbers.append(number)
    return numbers


def load(seed: int = 14) -> None:
    rng = random.Random(seed)
    last_closed = timezone.localdate().year - 1
    taken = set(Company.objects.values_list("orgnr", flat=True))
    programmes = Programme.objects.filter(
        pk__in=CompanySupport.objects.values("programme_id")
    ).order_by("code")
    for programme in programmes:
        if ComparisonFirm.objects.filter(programme=programme).exists():
            continue
        firms = load_firms(programme)
        cells = matching.match(firms.treated, []).cells
        if not cells:
            continue
        per_cell = max(10, FIRMS // len(cells))
        now = timezone.now()
        for cell in cells:
            levels = [
                f.outcome[f.baseline]
                for f in cell.treated
                if f.baseline is not None and f.baseline in f.outcome
            ]
            level = float(sum(levels) / len(levels)) if levels else 800_000.0
            low, high = BANDS[cell.size]
            for number in _numbers(rng, per_cell, taken):
                firm = ComparisonFirm.objects.create(
                    programme=programme,
                    orgnr=number,
                    sni_code=f"{cell.division:02d}",
                    division=cell.division,
                )
                staff = Decimal(rng.randint(low, high))
                per_employee = level * rng.uniform(0.8, 1.2)
                growth = rng.uniform(0.005, 0.025)
                years = []
                for year in range(cell.pre_year - 3, last_closed + 1):
                    value = per_employee * (1 + growth) ** (year - cell.pre_year)
                    value *= rng.uniform(0.985, 1.015)
                    added = float(staff) * value
                    personnel = _kr(added * rng.uniform(0.68, 0.74))
                    depreciation = _kr(added * rng.uniform(0.05, 0.08))
                    years.append(
                        ComparisonYear(
                            firm=firm,
                            fiscal_year=year,
                            net_sales=_kr(added * rng.uniform(2.6, 3.4)),
                            personnel_costs=personnel,
                            depreciation=depreciation,
                            operating_profit=_kr(added) - personnel - depreciation,
                            employees=staff,
                            source_name=SOURCE,
                            source_at=now,
                        )
                    )
                ComparisonYear.objects.bulk_create(years)
