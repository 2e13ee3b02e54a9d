"""SME data per year in the register: related enterprises, public control, ownership
changes and the firm's own fiscal year, fed into the stored status through the core."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.companies import fiscal, services, sme
from dipps.companies.models import KeyFigures, RelatedEnterprise
from dipps.companies.sme import RegisterYear, SizeClass, Why
from dipps.companies.sme_register import sme_years
from dipps.core.models import ExchangeRate

MICRO, SMALL, MEDIUM, LARGE = SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE


# --- the firm's fiscal year (pure) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "start", "end"),
    [
        ("12-31", 2024, date(2024, 1, 1), date(2024, 12, 31)),
        ("06-30", 2025, date(2024, 7, 1), date(2025, 6, 30)),
        ("04-30", 2023, date(2022, 5, 1), date(2023, 4, 30)),
        ("02-29", 2025, date(2024, 3, 1), date(2025, 2, 28)),  # common year: 28 February
        ("02-29", 2024, date(2023, 3, 1), date(2024, 2, 29)),
    ],
)
def test_a_fiscal_year_is_named_by_the_year_it_ends_in(text, year, start, end):
    assert (fiscal.year_start(year, text), fiscal.year_end(year, text)) == (start, end)


def test_the_fiscal_year_of_a_day_changes_the_day_after_the_year_end():
    assert fiscal.fiscal_year_of(date(2024, 6, 30), "06-30") == 2024
    assert fiscal.fiscal_year_of(date(2024, 7, 1), "06-30") == 2025
    assert fiscal.fiscal_year_of(date(2024, 12, 31)) == 2024


@pytest.mark.parametrize("text", ["6-30", "02-30", "13-01", "12/31", ""])
def test_an_impossible_fiscal_year_end_is_refused(text):
    with pytest.raises(ValueError, match="MM-DD"):
        fiscal.parse(text)


# --- why a year has its status (pure) ---------------------------------------------------


def test_each_year_says_why_it_has_its_status():
    years = [
        RegisterYear(2019, MICRO),
        RegisterYear(2020, SMALL),  # once above micro: held
        RegisterYear(2021, SMALL),  # twice: moved
        RegisterYear(2022, SMALL),  # the status already held
        RegisterYear(2023, LARGE, public_control=True),
        RegisterYear(2024, MICRO, ownership_changed=True),
        RegisterYear(2025, None),  # no figures: no status, and a new run after it
        RegisterYear(2026, MEDIUM),
        RegisterYear(2028, SMALL),  # a gap (2027): a new run
    ]
    assert sme.register_statuses(years) == {
        2019: (MICRO, Why.FIRST),
        2020: (MICRO, Why.HELD),
        2021: (SMALL, Why.MOVED),
        2022: (SMALL, Why.SAME),
        2023: (LARGE, Why.PUBLIC),
        2024: (MICRO, Why.OWNERSHIP),
        2025: (None, Why.NONE),
        2026: (MEDIUM, Why.FIRST),
        2028: (SMALL, Why.FIRST),
    }


# --- the register (database) --------------------------------------------------------------


@pytest.fixture
def firm(world):
    ExchangeRate.objects.create(currency="EUR", valid_from=date(2020, 1, 1), sek_per_unit=D(10))
    return world.company


def figures(company, year, staff, turnover="15000000", balance="10000000", **extra):
    return services.key_figures_save(
        company=company,
        fiscal_year=year,
        values={
            "headcount": D(staff),
            "turnover_sek": D(turnover),
            "balance_sheet_sek": D(balance),
            **extra,
        },
    )


def partner(company, year, share="40", exempt=False, staff="30"):
    return services.related_save(
        company=company,
        values={
            "fiscal_year": year,
            "name": "Norrlandsfonden" if exempt else "Åre Gjuteri AB",
            "relation": "partner",
            "share_percent": D(share),
            "exempt_investor": exempt,
            "headcount": D(staff),
            "turnover_sek": D("20000000"),
            "balance_sheet_sek": D("10000000"),
        },
    )


def stored(company):
    return list(
        KeyFigures.objects.filter(company=company)
        .order_by("fiscal_year")
        .values_list("fiscal_year", "size_class", "sme_status")
    )


@pytest.mark.django_db
def test_related_public_control_and_ownership_of_each_year_feed_the_stored_status(firm):
    # Own figures every year: 8 AWU, 1.5m EUR turnover, 1m EUR balance (rate 10) → micro.
    for year in range(2022, 2028):
        figures(firm, year, "8")
    partner(firm, 2023)  # 8 + 40 % of 30 = 20 AWU → small, once: held at micro
    partner(firm, 2024)  # small again: two years in a row → small
    KeyFigures.objects.filter(company=firm, fiscal_year=2025).update(public_control_percent=D(30))
    KeyFigures.objects.filter(company=firm, fiscal_year=2026).update(ownership_changed=True)
    partner(firm, 2027, exempt=True)  # Norrlandsfonden at 40 %: not added → micro
    firm.refresh_from_db()
    assert stored(firm) == [
        (2022, "micro", "micro"),
        (2023, "small", "micro"),
        (2024, "small", "small"),
        (2025, "large", "large"),
        (2026, "micro", "micro"),  # ownership changed: micro at once
        (2027, "micro", "micro"),
    ]
    assert firm.size_class == "micro"
    years = {y.fiscal_year: y for y in sme_years(firm)}
    assert years[2023].aggregated == sme.Figures(D(20), D(2_300_000), D(1_400_000))
    assert [(y, years[y].why) for y in sorted(years)] == [
        (2022, Why.FIRST),
        (2023, Why.HELD),
        (2024, Why.MOVED),
        (2025, Why.PUBLIC),
        (2026, Why.OWNERSHIP),
        (2027, Why.SAME),
    ]
    assert years[2027].aggregated.headcount == D(8)


@pytest.mark.django_db
def test_the_fiscal_year_end_chooses_the_rate_and_reclassifies_the_years(firm):
    ExchangeRate.objects.create(currency="EUR", valid_from=date(2022, 7, 1), sek_per_unit=D(20))
    firm.fiscal_year_end = "06-30"
    firm.save()
    # 30m SEK: 3m EUR at the rate of 2022-06-30 (10) → small; 1.5m at 2022-12-31's (20).
    figures(firm, 2022, "8", turnover="30000000", balance="30000000")
    assert stored(firm) == [(2022, "small", "small")]
    services.fiscal_year_end_set(company=firm, value="12-31")
    assert stored(firm) == [(2022, "micro", "micro")]
    with pytest.raises(ValidationError):
        services.fiscal_year_end_set(company=firm, value="02-30")


@pytest.mark.django_db
def test_a_partner_share_that_does_not_fit_its_relation_is_refused_naming_the_field(firm):
    figures(firm, 2024, "8")
    with pytest.raises(ValidationError) as info:
        partner(firm, 2024, share="60")
    assert "share_percent" in info.value.message_dict
    assert "25–50 %" in info.value.message_dict["share_percent"][0]
    assert not RelatedEnterprise.objects.exists()


@pytest.mark.django_db
def test_the_company_page_shows_why_and_the_sme_page_saves_each_form(firm, client_as):
    figures(firm, 2023, "8")
    client = client_as("coach")
    url = reverse("companies:sme", args=[firm.pk])
    response = client.post(
        url,
        {
            "action": "related",
            "related-fiscal_year": "2024",
            "related-relation": "partner",
            "related-name": "Åre Gjuteri AB",
            "related-share_percent": "40",
            "related-headcount": "30",
            "related-turnover_sek": "20000000",
            "related-balance_sheet_sek": "10000000",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "action": "figures",
            "figures-fiscal_year": "2024",
            "figures-headcount": "8",
            "figures-turnover_sek": "15000000",
            "figures-balance_sheet_sek": "10000000",
            "figures-public_control_percent": "0",
        },
    )
    assert response.status_code == 302
    assert stored(firm) == [(2023, "micro", "micro"), (2024, "small", "micro")]
    bad = client.post(url, {"action": "fiscal", "fiscal-fiscal_year_end": "02-30"})
    assert bad.status_code == 200 and "MM-DD" in bad.content.decode()
    page = client.get(reverse("companies:detail", args=[firm.pk])).content.decode()
    assert "statusen behålls: storleksklassen avviker" in page
    assert "Åre Gjuteri AB" in page


# --- imports ---------------------------------------------------------------------------------

COMPANIES = (
    "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek,"
    "fiscal_year_end,public_control_percent,ownership_changed\n"
    "556036-0793,Norrlands Trä AB,16.101,2380,2024,8,15000000,10000000,06-30,0,nej\n"
    '556036-0793,Norrlands Trä AB,16.101,2380,2025,8,15000000,10000000,06-30,"30,5",ja\n'
)
RELATED = (
    "orgnr,fiscal_year,relation,name,share_percent,headcount,turnover_sek,balance_sheet_sek,"
    "related_orgnr,exempt_investor\n"
    "556036-0793,2024,partner,Åre Gjuteri AB,40,30,20000000,10000000,556677-8899,nej\n"
    "556036-0793,2024,partner,Norrlandsfonden,30,12,5000000,90000000,,ja\n"
)


@pytest.mark.django_db
def test_the_imports_carry_the_fiscal_year_end_public_control_ownership_and_related(
    world, tmp_path, capsys
):
    from django.core.management import call_command

    from dipps.companies.models import Company

    ExchangeRate.objects.create(currency="EUR", valid_from=date(2020, 1, 1), sek_per_unit=D(10))
    (tmp_path / "c.csv").write_text(COMPANIES, encoding="utf-8")
    (tmp_path / "r.csv").write_text(RELATED, encoding="utf-8")
    call_command("import", "companies", str(tmp_path / "c.csv"))
    call_command("import", "related-enterprises", str(tmp_path / "r.csv"))
    call_command("import", "related-enterprises", str(tmp_path / "r.csv"))  # replaces
    firm = Company.objects.get(orgnr="5560360793")
    assert firm.fiscal_year_end == "06-30"
    assert list(
        firm.key_figures.order_by("fiscal_year").values_list(
            "fiscal_year", "public_control_percent", "ownership_changed", "sme_status"
        )
    ) == [(2024, D("0.00"), False, "small"), (2025, D("30.50"), True, "large")]
    assert list(firm.related.order_by("name").values_list("name", "exempt_investor")) == [
        ("Norrlandsfonden", True),
        ("Åre Gjuteri AB", False),
    ]


@pytest.mark.django_db
def test_bad_sme_columns_are_refused_naming_row_and_column(world, tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import translation

    bad = RELATED.replace(",40,30,", ",60,30,").replace(
        ",30,12,5000000,90000000,,ja", ",30,12,5000000,90000000,,kanske"
    )
    (tmp_path / "r.csv").write_text(bad, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import", "related-enterprises", str(tmp_path / "r.csv"))
    err = capsys.readouterr().err
    assert "Row 2, column share_percent: a partner enterprise holds 25–50 %" in err
    assert "Row 3, column exempt_investor: expected ja or nej" in err
    unknown = RELATED.split("\n")[0] + "\n5565475489,2024,linked,X AB,80,1,1,1,,\n"
    (tmp_path / "u.csv").write_text(unknown, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import", "related-enterprises", str(tmp_path / "u.csv"))
    assert (
        "Row 2, column orgnr: no company with this organisation number" in capsys.readouterr().err
    )
    companies = COMPANIES.replace("06-30,0,nej", "06-31,101,nej")
    (tmp_path / "c.csv").write_text(companies, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import", "companies", str(tmp_path / "c.csv"))
    err = capsys.readouterr().err
    assert "Row 2, column fiscal_year_end: expected the fiscal year's last day as MM-DD" in err
    assert "Row 2, column public_control_percent: expected a percentage from 0 to 100" in err
