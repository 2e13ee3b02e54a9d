"""Demo data for `dipps demo-data`: deterministic, idempotent, fictional companies.

The DIPPS programme carries the real figures (period, budget, financiers);
SIM JH and SIMMITT are closed predecessors whose dates and budgets are
illustrative. Every company and person is fictional.

This module lays the base every app builds on (rates, programmes, companies, one
user per role), then runs each app's own `demo.load()`. The loaders are listed
below and imported like any other module, not found by name at run time: `site`
is the top layer and may import every app, and a list read from top to bottom
says in which order the data are made.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from dipps.accounts.demo import DEMO_PASSWORD
from dipps.accounts.models import Membership, Role
from dipps.automation import demo as automation_demo
from dipps.companies.models import Company, Contact, Participation, RelatedEnterprise
from dipps.companies.services import companies_import, company_refresh_derived, related_save
from dipps.competence import demo as competence_demo
from dipps.core.models import ExchangeRate
from dipps.engagements import demo as engagements_demo
from dipps.finance import demo as finance_demo
from dipps.finance.demo import IUC_ORGNR, REGION_ORGNR
from dipps.impact import demo as impact_demo
from dipps.impact import demo_comparison as impact_demo_comparison
from dipps.impact import demo_energy as impact_demo_energy
from dipps.indicators import demo as indicators_demo
from dipps.maturity import demo as maturity_demo
from dipps.notices import demo as notices_demo
from dipps.programmes.models import Organisation, Programme
from dipps.programmes.services import FinancierInput, programme_set_financiers
from dipps.scenarios import demo as scenarios_demo
from dipps.stateaid import demo as stateaid_demo

from .demo_register import FIRST, LAST, company_rows, ineligible_rows
from .demo_register import luhn_complete as luhn_complete  # the tests' orgnr maker

# Each app's own demo data, in the order they have always run (INSTALLED_APPS), so
# that a loader finds what an earlier one made: the finance demo counts the
# engagements' timesheets, the scenarios link measures to their action items.
APP_LOADERS = (
    maturity_demo.load,
    engagements_demo.load,
    stateaid_demo.load,
    finance_demo.load,
    indicators_demo.load,
    scenarios_demo.load,
    automation_demo.load,
    impact_demo.load,
    impact_demo_energy.load,
    impact_demo_comparison.load,
    competence_demo.load,
    notices_demo.load,  # last: it mails the reminders of what the others made
)

# Illustrative annual EUR/SEK rates (roughly the Riksbank's yearly averages).
EUR_RATES = {
    2017: "9.6326",
    2018: "10.2567",
    2019: "10.5891",
    2020: "10.4848",
    2021: "10.1465",
    2022: "10.6317",
    2023: "11.4788",
    2024: "11.4325",
    2025: "11.0800",
    2026: "10.9500",
}


def _programmes() -> dict[str, Programme]:
    # update_or_create: a demo database made before the IUC number was corrected gets it too.
    region, _ = Organisation.objects.update_or_create(
        name="Region Jämtland Härjedalen", defaults={"orgnr": REGION_ORGNR}
    )
    iuc, _ = Organisation.objects.update_or_create(
        name="IUC Z-Group", defaults={"orgnr": IUC_ORGNR}
    )
    specs = [
        dict(
            code="SIMJH",
            name="Smart Industri Jämtland Härjedalen (SIM JH)",
            start=date(2016, 1, 1),
            end=date(2019, 12, 31),
            status="closed",
            total_budget=Decimal("9600000"),
            illustrative=True,
            decision_body="regional_development_board",
            decision_date=date(2015, 11, 20),
            diary_number="RJH/2015/0001 (illustrative)",
        ),
        dict(
            code="SIMMITT",
            name="Smart Industri Mittnorrland (SIMMITT)",
            start=date(2020, 1, 1),
            end=date(2023, 6, 30),
            status="closed",
            total_budget=Decimal("14400000"),
            illustrative=True,
            decision_body="regional_development_board",
            decision_date=date(2019, 11, 28),
            diary_number="RJH/2019/0002 (illustrative)",
        ),
        dict(
            code="DIPPS",
            name="Delivery of Improved Products, Processes and Services",
            start=date(2023, 9, 1),
            end=date(2028, 8, 31),
            status="active",
            total_budget=Decimal("22185000"),
            illustrative=False,
            decision_body="regional_development_board",
            decision_date=date(2023, 6, 15),
            diary_number="RUN/2023/0003 (demo)",
        ),
    ]
    out: dict[str, Programme] = {}
    previous = None
    for spec in specs:
        programme, _ = Programme.objects.update_or_create(
            code=spec.pop("code"), defaults={**spec, "owner": region, "predecessor": previous}
        )
        programme.partners.set([iuc])
        total = programme.total_budget
        programme_set_financiers(
            programme=programme,
            financiers=[
                FinancierInput("IUC Z-Group", Decimal(10), total * Decimal("0.10"), "private"),
                # The Region's half is the state's 1:1 appropriation, decided separately and
                # handled by the Region: not its own co-financing (the project is financed
                # "helt via externa medel"), so it does not count in the delegation rule.
                FinancierInput(
                    "Region Jämtland Härjedalen",
                    Decimal(50),
                    total * Decimal("0.50"),
                    "state_appropriation",
                    is_owner=True,
                ),
                FinancierInput(
                    "Europeiska regionala utvecklingsfonden (ERUF)",
                    Decimal(40),
                    total * Decimal("0.40"),
                    "eu_fund",
                ),
            ],
        )
        out[programme.code] = programme
        previous = programme
    return out


def _sme_register() -> None:
    """Three firms whose SME status shows the register's rules (idempotent): a regional
    development fund as exempt partner next to an ordinary partner, a firm bought by a
    large group (change of ownership, linked in full) and one part-owned by a
    municipality (public control of 30 %)."""
    if RelatedEnterprise.objects.exists():
        return
    # Small firms (status small in 2023), where the rules change the answer.
    firms = list(
        Company.objects.filter(
            is_sole_trader=False, key_figures__fiscal_year=2023, key_figures__sme_status="small"
        ).order_by("orgnr")
    )
    if len(firms) < 3:
        return
    partnered, bought, municipal = firms[0], firms[1], firms[2]
    partners = [
        (2023, "Norrlandsfonden", "", 30, True, 14, 60_000_000, 900_000_000),
        (2024, "Norrlandsfonden", "", 30, True, 14, 62_000_000, 910_000_000),
        (2024, "Åre Gjuteri AB", "556677-8899", 40, False, 35, 48_000_000, 30_000_000),
    ]
    for year, name, number, share, exempt, awu, turnover, balance in partners:
        related_save(
            company=partnered,
            values={
                "fiscal_year": year,
                "name": name,
                "orgnr": number,
                "relation": "partner",
                "share_percent": Decimal(share),
                "exempt_investor": exempt,
                "headcount": Decimal(awu),
                "turnover_sek": Decimal(turnover),
                "balance_sheet_sek": Decimal(balance),
            },
        )
    related_save(
        company=bought,
        values={
            "fiscal_year": 2024,
            "name": "Nordiska Industrigruppen AB",
            "orgnr": "556012-5790",
            "relation": "linked",
            "share_percent": Decimal(100),
            "exempt_investor": False,
            "headcount": Decimal(640),
            "turnover_sek": Decimal(2_400_000_000),
            "balance_sheet_sek": Decimal(1_900_000_000),
        },
    )
    bought.key_figures.filter(fiscal_year=2024).update(ownership_changed=True)
    municipal.key_figures.filter(fiscal_year=2024).update(public_control_percent=Decimal(30))
    for company in (bought, municipal):
        company_refresh_derived(company)


def _contacts(rng: random.Random) -> None:
    for company in Company.objects.filter(contacts__isnull=True):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        Contact.objects.create(
            company=company,
            name=f"{first} {last}",
            role="VD",
            email=f"{first.lower()}.{last.lower()}@example.se".replace("ö", "o"),
            phone=f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            gender=rng.choice(["woman", "man", "woman", "man", "other"]),
        )


def _users(programmes: dict[str, Programme], company: Company) -> list[tuple[str, str, str]]:
    User = get_user_model()
    dipps = programmes["DIPPS"]
    specs = [
        ("projektledare", "Petra", "Projektledare", Role.MANAGER),
        ("coach", "Kalle", "Coach", Role.COACH),
        ("ekonom", "Eva", "Ekonom", Role.FINANCE),
        ("foretag", "Frida", "Företagare", Role.COMPANY),
        ("observator", "Olle", "Observatör", Role.OBSERVER),
    ]
    logins = []
    for username, first, last, role in specs:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if role == Role.MANAGER:
            # The programme manager maintains reference data in the admin
            # (programmes, financiers, rates, memberships), not as a superuser.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.user_permissions.set(
                Permission.objects.filter(
                    content_type__app_label__in=["programmes", "companies", "core", "accounts"]
                ).exclude(codename__in=["delete_auditentry", "change_auditentry", "add_auditentry"])
            )
        targets = list(programmes.values()) if role == Role.MANAGER else [dipps]
        for programme in targets:
            Membership.objects.update_or_create(
                user=user,
                programme=programme,
                defaults={"role": role, "company": company if role == Role.COMPANY else None},
            )
        logins.append((username, DEMO_PASSWORD, str(role.label)))
    return logins


@transaction.atomic
def load_demo(company_count: int = 80) -> list[tuple[str, str, str]]:
    for year, rate in EUR_RATES.items():
        ExchangeRate.objects.update_or_create(
            currency="EUR",
            valid_from=date(year, 1, 1),
            defaults={"sek_per_unit": Decimal(rate), "source": "illustrative annual average"},
        )
    programmes = _programmes()
    companies_import(rows=company_rows(company_count) + ineligible_rows())
    _sme_register()
    rng = random.Random(7)
    # Earlier programmes: a third of the firms took part in SIMMITT, a sixth in SIM JH.
    for i, company in enumerate(Company.objects.order_by("orgnr")):
        if i % 3 == 0:
            Participation.objects.get_or_create(company=company, programme=programmes["SIMMITT"])
        if i % 6 == 0:
            Participation.objects.get_or_create(company=company, programme=programmes["SIMJH"])
    _contacts(rng)
    first_company = Company.objects.filter(is_sole_trader=False).order_by("name").first()
    logins = _users(programmes, first_company)
    for load in APP_LOADERS:
        load()
    return logins
