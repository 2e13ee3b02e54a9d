"""Demo de minimis data: aid rates, aid declared by firms, one linked pair.

`prepare()` is also called by the engagements demo before it records
activities, so declared aid is in the ledger when the activities are checked.
Idempotent: keyed on natural keys.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from dipps.companies.models import Company
from dipps.companies.selectors import eligibility_of
from dipps.programmes.models import Programme

from .models import AidEntry, AidRate, DeMinimisCase
from .services import aid_declare, undertaking_link
from .services_case import case_check, case_decide, case_open, case_plan, case_sign

# The programme's aid value of one coach hour (illustrative).
AID_RATES = {
    "DIPPS": [(date(2023, 9, 1), Decimal("950.00")), (date(2026, 1, 1), Decimal("990.00"))]
}
NEAR_CEILING_INDEX = 2  # the third firm by name: close to the ceiling


def demo_companies() -> list[Company]:
    """The firms the demo supports: eligible ones only (the demo's ineligible firm
    shows its reasons on its page and receives nothing)."""
    firms = Company.objects.filter(is_sole_trader=False).prefetch_related("sni_codes")
    return [c for c in firms.order_by("name") if eligibility_of(c).eligible]


def prepare() -> None:
    for code, rates in AID_RATES.items():
        programme = Programme.objects.filter(code=code).first()
        if programme is None:
            continue
        for valid_from, rate in rates:
            AidRate.objects.update_or_create(
                programme=programme, valid_from=valid_from, defaults={"hourly_rate_sek": rate}
            )
    companies = demo_companies()
    if len(companies) < 8:
        return
    today = timezone.localdate()
    declared = [
        # (company index, giver, amount, currency, days before today)
        (
            NEAR_CEILING_INDEX,
            "Tillväxtverket (regionalt investeringsstöd)",
            "245000.00",
            "EUR",
            400,
        ),
        (NEAR_CEILING_INDEX, "Almi Företagspartner (innovationscheck)", "41000.00", "EUR", 200),
        (4, "Energimyndigheten (energikartläggningscheck)", "55000.00", "SEK", 300),
        (7, "Region Västernorrland (konsultcheck)", "120000.00", "SEK", 500),
    ]
    for index, giver, amount, currency, days in declared:
        company = companies[index]
        if AidEntry.objects.filter(company=company, giver=giver).exists():
            continue
        aid_declare(
            company=company,
            giver=giver,
            amount=Decimal(amount),
            currency=currency,
            granted=date.fromordinal(today.toordinal() - days),
            note="demo",
            by=None,
        )
    # Aid granted in 2023 falls under Regulation 1407/2013 (200 000 EUR over three fiscal
    # years): the register and the firm's certificate name that regulation for it.
    under_1407 = (4, "Region Jämtlands län (regionalt företagsstöd)", "180000.00", "SEK")
    index, giver, amount, currency = under_1407
    if not AidEntry.objects.filter(company=companies[index], giver=giver).exists():
        aid_declare(
            company=companies[index],
            giver=giver,
            amount=Decimal(amount),
            currency=currency,
            granted=date(2023, 11, 14),
            note="demo",
            by=None,
        )
    # Two firms with the same owner count as one single undertaking.
    undertaking_link(company=companies[5], other=companies[6], by=None)


def load() -> None:
    prepare()


#: The aid a demo firm's action plan is planned to receive (coach hours and external costs
#: over a year, illustrative); the firm near the ceiling gets what its headroom allows.
PLANNED_AID_SEK = Decimal("400000.00")
#: The first supported firm was approved less: its support nears the approved amount, so
#: the coach sees the 90 % warning and a refusal beyond it.
SMALL_PLAN_SEK = Decimal("50000.00")


def cases(programme, supported: list[Company], pending: Company | None) -> None:
    """An approved de minimis case for each firm that will receive support, decided on the
    programme's first day (before any support: the demo's activities run from then on, and
    support dated before a firm's first decision is refused); and one case waiting for the
    representative's signature.

    Called by the engagements demo before it records activities. Idempotent: a firm that
    has a case in the programme is left alone.
    """
    decided = checked = programme.start
    taken = set(
        DeMinimisCase.objects.filter(programme=programme).values_list("company_id", flat=True)
    )
    for n, company in enumerate(supported, start=1):
        if company.pk in taken:
            continue
        planned = SMALL_PLAN_SEK if n == 1 else PLANNED_AID_SEK
        case = case_open(programme=programme, company=company, by=None)
        case_plan(case=case, planned_aid_sek=planned, by=None, on=checked)
        case_sign(case=case, by=None)
        case_check(case=case, by=None, on=checked)
        while not case.check_allowed and planned > 1000:
            # Near the ceiling (its own window or a later grant's): plan less.
            planned = (planned / 2).quantize(Decimal(1))
            case_plan(case=case, planned_aid_sek=planned, by=None, on=checked)
            case_check(case=case, by=None, on=checked)
        if not case.check_allowed:
            continue
        case_decide(
            case=case,
            approved=True,
            reference=f"RJH 2024/{1000 + n}",
            decided=decided,
            approved_sek=case.planned_aid_sek,
            by=None,
            note="demo",
        )
    if pending is not None and pending.pk not in taken:
        case = case_open(programme=programme, company=pending, by=None)
        case_plan(case=case, planned_hours=Decimal(60), external_cost_sek=Decimal(45000), by=None)
