"""Build activities and action items straight into the working method's tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from dipps.companies.models import KeyFigures
from dipps.companies.services import company_refresh_derived
from dipps.core.models import ExchangeRate
from dipps.engagements.models import ActionItem, Activity, ActivityCompany, Engagement
from dipps.engagements.services import totals_rebuild


def rates():
    for year in (2022, 2023, 2024, 2025):
        ExchangeRate.objects.get_or_create(
            currency="EUR", valid_from=date(year, 1, 1), defaults={"sek_per_unit": D("11")}
        )


def figures(company, year, headcount, turnover="1000000", refresh=True):
    """Key figures for a year; `refresh` stores each year's size class, as the services do."""
    KeyFigures.objects.create(
        company=company,
        fiscal_year=year,
        headcount=headcount,
        turnover_sek=D(turnover),
        balance_sheet_sek=D(turnover),
    )
    if refresh:
        company_refresh_derived(company)


def activity(programme, day, companies, women=0, men=0, other=0, hours="2", p_hours="0"):
    a = Activity.objects.create(
        date=day,
        type="workshop",
        programme=programme,
        staff_hours=D(hours),
        participants_women=women,
        participants_men=men,
        participants_other=other,
        participant_hours=D(p_hours),
    )
    for c in companies:
        ActivityCompany.objects.create(
            activity=a,
            company=c,
            date=day,
            participants=1,
            staff_hours=D(hours),
            external_cost_sek=0,
            participant_hours=0,
            aid_sek=0,
            aid_eur=0,
        )
    return a


def item(programme, company, completed, status="done", **flags):
    engagement, _ = Engagement.objects.get_or_create(
        company=company, programme=programme, defaults={"started": date(2023, 9, 1)}
    )
    return ActionItem.objects.create(
        engagement=engagement,
        goal="Mål",
        intervention="workshop",
        status=status,
        created=date(2023, 10, 1),
        completed=completed,
        **flags,
    )


def rebuild(programme):
    totals_rebuild(programme)
