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

from .models import AidEntry, AidRate
from .services import aid_declare, undertaking_link

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
