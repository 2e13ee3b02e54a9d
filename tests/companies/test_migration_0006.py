"""Migration 0006: each undated related enterprise is copied into every year of its firm."""

from decimal import Decimal as D

import pytest

from .test_migrations import _latest, _migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("companies", "0005_eligibility")]
AFTER = [("companies", "0006_sme_register")]


def test_related_enterprises_get_every_year_of_their_firm_and_firms_calendar_years():
    apps = _migrate(BEFORE)
    try:
        Company = apps.get_model("companies", "Company")
        KeyFigures = apps.get_model("companies", "KeyFigures")
        Related = apps.get_model("companies", "RelatedEnterprise")
        firm = Company.objects.create(orgnr="5560360793", name="Norrlands Trä AB")
        bare = Company.objects.create(orgnr="5565475489", name="Sundsvalls Mek AB")
        for year in (2023, 2024):
            KeyFigures.objects.create(company=firm, fiscal_year=year, headcount=8)
        for company in (firm, bare):
            Related.objects.create(
                company=company,
                name="Åre Gjuteri AB",
                relation="partner",
                share_percent=D(40),
                headcount=D(30),
                turnover_sek=D(1),
                balance_sheet_sek=D(1),
            )
        apps = _migrate(AFTER)
        Company = apps.get_model("companies", "Company")
        Related = apps.get_model("companies", "RelatedEnterprise")
        got = sorted(
            Related.objects.filter(company__name="Norrlands Trä AB").values_list(
                "fiscal_year", "name", "share_percent", "exempt_investor"
            )
        )
        assert got == [
            (2023, "Åre Gjuteri AB", D("40.00"), False),
            (2024, "Åre Gjuteri AB", D("40.00"), False),
        ]
        assert Related.objects.filter(company__name="Sundsvalls Mek AB").count() == 1
        assert set(Company.objects.values_list("fiscal_year_end", flat=True)) == {"12-31"}
    finally:
        _latest()
