"""Demo productivity years for the supported demo firms (docs/impact.md, "Productivity").

For up to `FIRMS` supported firms (not sole traders) with register figures and a fiscal
year closed since their first support: the fiscal years
from two before the baseline up to the last one closed today. Net sales follow the
register's turnover (the same figure where the register has the year); personnel costs are
the register's annual work units × the firm's cost per work unit with social fees, which
rises with the wage agreements (about 3.5 % a year); depreciation about 3 % of net sales.
The operating margin drifts a little before the support and moves by the firm's own effect
after it (`EFFECTS`: most firms gain half a point to 2.5 points, one loses), so value added per
employee changes by about −5 % to +15 % from the baseline, as in a real cohort. A closed
year the register does not have yet is added to the register too (turnover and staff from
the annual report, as a coach would), through the register's own service.

Deterministic (random.Random(seed)) and idempotent: a firm with productivity years is left
alone.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min
from django.utils import timezone

from dipps.companies.models import Company, KeyFigures
from dipps.companies.services import key_figures_save
from dipps.engagements.models import CompanySupport

from . import productivity
from .models import ProductivityYear
from .services import Figures, productivity_save

FIRMS = 6
# Personnel cost per annual work unit in Swedish manufacturing with social fees (about
# 45 000 kr a month × 12 × 1.3142 with arbetsgivaravgifter), varied per firm.
COST_PER_AWU = Decimal("710000")
# Yearly rise of the cost per work unit (the industry agreements of 2023–2025 gave about
# 3–4 % a year), from the 2023 level above.
WAGE_GROWTH = Decimal("0.035")
# Each firm's change of operating margin after the support, in percentage points, in the
# order the firms are taken (by name); one firm does worse (a lost customer).
EFFECTS = (Decimal("2.0"), Decimal("1.0"), Decimal("2.5"), Decimal("-3.5"), Decimal("1.5"))
EFFECTS += (Decimal("0.5"), Decimal("2.0"), Decimal("1.0"))
KR = Decimal(1)


def _round(value: Decimal) -> Decimal:
    return value.quantize(KR, ROUND_HALF_UP)


def load(seed: int = 14) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    firsts = dict(
        CompanySupport.objects.values("company_id")
        .annotate(first=Min("first_date"))
        .values_list("company_id", "first")
    )
    firms = (
        Company.objects.filter(pk__in=firsts, is_sole_trader=False, key_figures__isnull=False)
        .distinct()
        .order_by("name")
    )
    done = 0
    for firm in firms:
        if done >= FIRMS:
            break
        baseline = productivity.closed_before(firsts[firm.pk], firm.fiscal_year_end)
        last_closed = productivity.closed_before(today, firm.fiscal_year_end)
        if baseline >= last_closed:  # no year closed since the support yet: nothing to show
            continue
        done += 1
        if ProductivityYear.objects.filter(company=firm).exists():
            continue
        register = {
            k.fiscal_year: k
            for k in KeyFigures.objects.filter(company=firm).exclude(headcount=None)
            if k.turnover_sek
        }
        if not register:
            continue
        latest = max(register)
        pay = COST_PER_AWU * Decimal(rng.randint(92, 108)) / 100
        margin = Decimal(rng.randint(30, 55)) / 1000  # 3.0–5.5 % before the support
        effect = EFFECTS[(done - 1) % len(EFFECTS)] / 100
        years = []
        for year in range(baseline - 2, last_closed + 1):
            if year not in register and year > latest:
                # The annual report of a year the register lacks: 6 % more sales, staff +0–1.
                prev = register[max(y for y in register if y < year)]
                staff = (prev.headcount or Decimal(1)) + Decimal(rng.randint(0, 10)) / 10
                turnover = _round(Decimal(prev.turnover_sek or 0) * Decimal("1.06"))
                register[year] = key_figures_save(
                    company=firm,
                    fiscal_year=year,
                    values={
                        "headcount": staff,
                        "turnover_sek": turnover,
                        "balance_sheet_sek": prev.balance_sheet_sek,
                    },
                )
            figures = register.get(year)
            if figures is None:
                continue
            sales = _round(Decimal(figures.turnover_sek or 0))
            staff = Decimal(figures.headcount or 0)
            # Before the support the margin wanders by ±0.3 points a year; the first year
            # after it takes the firm's effect, later years keep it with the same wander.
            margin += Decimal(rng.randint(-3, 3)) / 1000
            if year == baseline + 1:
                margin += effect
            cost = pay * (1 + WAGE_GROWTH) ** (year - 2023)
            years.append(
                Figures(
                    fiscal_year=year,
                    net_sales=sales,
                    personnel_costs=_round(staff * cost),
                    depreciation=_round(sales * Decimal("0.03")),
                    operating_profit=_round(sales * margin),
                )
            )
        if years:
            productivity_save(
                company=firm,
                years=years,
                source=ProductivityYear.Source.ANNUAL_REPORT,
                source_name="",
            )
