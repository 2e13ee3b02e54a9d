"""Project income and the cost model in the ledger (issue 12, items 1 and 3).

Hand-worked values used below (the partner's salary voucher: 10,000.00 + fees 3,000.00):
- staff_plus_40 at 40 %: staff 13,000.00 + flat rate 5,200.00 = 18,200.00; income 5,000.00
  → net eligible 13,200.00. The purchase (consultant, 2,000.00) is not taken at all.
- staff_plus_15_actual at 15 %: staff 13,000.00 + flat rate 1,950.00 + consultant 2,000.00
  = 16,950.00; income 5,000.00 → net 11,950.00.
"""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.finance import budget, claim_model, ledger, services, sie, sie_writer
from dipps.finance.claim_model import STAFF_PLUS_15_ACTUAL, STAFF_PLUS_40
from dipps.finance.models import CostEntry, FinancePlan, ReportingPeriod
from dipps.finance.services.claims import ClaimFigures
from dipps.finance.sie_writer import Row, Ver

from .helpers import partner

pytestmark = pytest.mark.django_db

P1 = (("6", "P1"),)
ACCOUNTS = {
    "7010": "Löner",
    "7510": "Arbetsgivaravgifter",
    "6550": "Konsulter",
    "3010": "Kursavgifter",
    "1930": "Bank",
}


def vouchers() -> list[Ver]:
    """January 2024: a salary (13,000.00 on the project), a consultant (2,000.00) and course
    fees (credited 5,000.00 on revenue account 3010), each on the project object P1."""
    return [
        Ver("A", "1", date(2024, 1, 25), "Lön januari", [
            Row("7010", D("10000"), P1), Row("7510", D("3000"), P1), Row("1930", D("-13000")),
        ]),
        Ver("A", "2", date(2024, 1, 26), "Konsult workshop", [
            Row("6550", D("2000"), P1), Row("1930", D("-2000")),
        ]),
        Ver("A", "3", date(2024, 1, 30), "Kursavgifter digital tvilling", [
            Row("1930", D("5000")), Row("3010", D("-5000"), P1),
        ]),
    ]  # fmt: skip


def sie_bytes(vs: list[Ver]) -> bytes:
    return sie_writer.write(
        company="IUC Z-Group AB",
        orgnr="556694-6058",
        years=[(date(2024, 1, 1), date(2024, 12, 31))],
        accounts=ACCOUNTS,
        vouchers=vs,
        dimensions={"6": "Projekt"},
        objects=[("6", "P1", "DIPPS")],
    )


def _plan(programme, model, rate):
    FinancePlan.objects.update_or_create(
        programme=programme, defaults={"cost_model": model, "indirect_rate_percent": D(rate)}
    )


def _import(world, vs=None):
    org = partner(world.programme)
    staged = services.sie_import_stage(
        programme=world.programme,
        organisation=org,
        data=sie_bytes(vs or vouchers()),
        filename="iuc.se",
        by=world.users["finance"],
    )
    return org, staged


def _claim(world):
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), date(2024, 12, 31))],
    )
    return services.claim_open(
        period=ReportingPeriod.objects.get(programme=world.programme, number=1)
    )


# --- the pure core -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("account", "income"),
    [("2999", False), ("3000", True), ("3010", True), ("3999", True), ("4000", False)],
)
def test_revenue_accounts_are_3000_to_3999(account, income):
    assert ledger.is_income(account) is income


def test_the_extract_skips_purchases_under_40_and_stores_income_positive():
    parsed = sie.parse_bytes(sie_bytes(vouchers()), "iuc.se")
    selection = ledger.Selection(dimension="6", object="P1")
    mapping = ledger.Mapping(ledger.default_rules())
    under_40 = ledger.extract(parsed, selection, mapping, budget.not_taken(STAFF_PLUS_40))
    assert [(r.account, r.category, r.amount) for r in under_40.rows] == [
        ("7010", "staff", D("10000.00")),
        ("7510", "staff", D("3000.00")),
        ("3010", "income", D("5000.00")),
    ]
    assert (under_40.not_taken, under_40.not_taken_amount) == (1, D("2000.00"))
    under_15 = ledger.extract(parsed, selection, mapping, budget.not_taken(STAFF_PLUS_15_ACTUAL))
    assert [r.category for r in under_15.rows] == ["staff", "staff", "external_services", "income"]
    assert (under_15.not_taken, under_15.not_taken_amount) == (0, D(0))


def test_a_credit_note_on_revenue_is_negative_income():
    credit_note = Ver("A", "4", date(2024, 2, 2), "Kreditfaktura kursavgift", [
        Row("3010", D("2500"), P1), Row("1930", D("-2500")),
    ])  # fmt: skip
    parsed = sie.parse_bytes(sie_bytes([credit_note]), "iuc.se")
    out = ledger.extract(
        parsed, ledger.Selection("6", "P1"), ledger.Mapping(ledger.default_rules())
    )
    assert [(r.category, r.amount) for r in out.rows] == [("income", D("-2500.00"))]


@pytest.mark.parametrize(
    ("eligible", "income", "net"),
    [("18200.00", "5000.00", "13200.00"), ("18200.00", "18200.00", "0.00"), ("100", "250", "0")],
)
def test_net_eligible_costs_never_go_below_zero(eligible, income, net):
    assert claim_model.net_eligible(D(eligible), D(income)) == D(net)


def test_income_never_sums_into_the_cost_tables():
    full = budget.with_flat_rate({"staff": D("13000"), "income": D("5000")}, D(40), STAFF_PLUS_40)
    assert "income" not in full
    assert budget.total(full) == D("18200.00")


# --- the SIE import under each model -------------------------------------------------------


def test_under_40_the_import_takes_staff_and_income_and_counts_the_skipped_purchases(world):
    _plan(world.programme, STAFF_PLUS_40, "40")
    _org, staged = _import(world)
    assert (staged.rows_new, staged.rows_not_taken, staged.amount_not_taken) == (
        3,
        1,
        D("2000.00"),
    )
    assert sorted(staged.entries.values_list("account", "category", "amount")) == [
        ("3010", "income", D("5000.00")),
        ("7010", "staff", D("10000.00")),
        ("7510", "staff", D("3000.00")),
    ]
    services.sie_import_confirm(sie_import=staged)
    figures = services.claim_figures(_claim(world))
    assert figures.costs["staff"] == D("13000.00")
    assert figures.costs["indirect"] == D("5200.00")
    assert figures.total == D("18200.00")
    assert figures.not_eligible == D("0.00")  # never stored, so nowhere to count
    assert (figures.income, figures.cumulative_income) == (D("5000.00"), D("5000.00"))
    assert (figures.net_total, figures.cumulative_net_total) == (D("13200.00"), D("13200.00"))


def test_under_15_the_import_takes_purchases_as_before(world):
    _plan(world.programme, STAFF_PLUS_15_ACTUAL, "15")
    _org, staged = _import(world)
    assert (staged.rows_new, staged.rows_not_taken, staged.amount_not_taken) == (4, 0, D(0))
    services.sie_import_confirm(sie_import=staged)
    figures = services.claim_figures(_claim(world))
    # 13,000.00 + 1,950.00 + 2,000.00 = 16,950.00; less 5,000.00 → 11,950.00.
    assert figures.costs["external_services"] == D("2000.00")
    assert figures.total == D("16950.00")
    assert figures.net_total == D("11950.00")


def test_imported_income_is_recognised_again_by_its_voucher(world):
    _plan(world.programme, STAFF_PLUS_40, "40")
    _org, staged = _import(world)
    services.sie_import_confirm(sie_import=staged)
    _org, again = _import(world)
    assert (again.rows_new, again.rows_known) == (0, 3)


def test_the_review_page_says_how_many_purchases_were_skipped_their_sum_and_why(world, client_as):
    _plan(world.programme, STAFF_PLUS_40, "40")
    _org, staged = _import(world)
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    html = c.get(reverse("finance:import_review", args=[staged.pk])).content.decode()
    assert "1 purchase row on the programme, 2,000.00\xa0kr in all, was not taken" in html
    assert "CPR 2021/1060 art. 56" in html
    assert "project income" in html


# --- manual entries ------------------------------------------------------------------------


def test_a_purchase_entered_by_hand_under_40_is_refused_and_nothing_is_saved(world):
    _plan(world.programme, STAFF_PLUS_40, "40")
    org = partner(world.programme)
    with pytest.raises(ValidationError) as e:
        services.cost_entry_create(
            programme=world.programme,
            organisation=org,
            category="travel",
            when=date(2024, 2, 10),
            amount=D("1234.50"),
        )
    assert (
        "Travel and accommodation cannot be entered under this programme's cost model"
        in (e.value.messages[0])
    )
    assert not CostEntry.objects.exists()


def test_income_entered_by_hand_is_deducted_and_never_a_cost(world, client_as):
    _plan(world.programme, STAFF_PLUS_40, "40")
    org = partner(world.programme)
    for category, amount, day in (
        ("staff", "13000", date(2024, 1, 25)),
        ("income", "5000", date(2024, 3, 1)),
        ("income", "1000", date(2024, 8, 1)),  # in period 2
    ):
        services.cost_entry_create(
            programme=world.programme,
            organisation=org,
            category=category,
            when=day,
            amount=D(amount),
            text="Kursavgifter" if category == "income" else "Lön",
        )
    claim = _claim(world)
    figures = services.claim_figures(claim)
    assert (figures.total, figures.income, figures.net_total) == (
        D("18200.00"),
        D("5000.00"),
        D("13200.00"),
    )
    # Period 2 has no costs of its own: its net is 0, cumulatively 18,200 − 6,000 = 12,200.
    second = services.claim_open(
        period=ReportingPeriod.objects.get(programme=world.programme, number=2)
    )
    later = services.claim_figures(second)
    assert (later.total, later.income, later.net_total) == (D("0.00"), D("1000.00"), D("0.00"))
    assert (later.cumulative_income, later.cumulative_net_total) == (D("6000.00"), D("12200.00"))


def test_the_submitted_snapshot_keeps_the_income_and_old_snapshots_have_none(world):
    _plan(world.programme, STAFF_PLUS_40, "40")
    _org, staged = _import(world)
    services.sie_import_confirm(sie_import=staged)
    claim = services.claim_submit(claim=_claim(world))
    assert claim.snapshot["income"] == "5000.00"
    frozen = services.claim_figures(claim)
    assert (frozen.income, frozen.net_total) == (D("5000.00"), D("13200.00"))
    old = dict(claim.snapshot)
    del old["income"], old["cumulative_income"]
    before = ClaimFigures.from_json(old)
    assert (before.income, before.net_total) == (D("0.00"), D("18200.00"))


# --- pages and downloads -------------------------------------------------------------------


@pytest.fixture
def imported_claim(world):
    _plan(world.programme, STAFF_PLUS_40, "40")
    _org, staged = _import(world)
    services.sie_import_confirm(sie_import=staged)
    return _claim(world)


def test_the_claim_page_shows_income_net_and_names_the_flat_rate_by_the_model(
    world, imported_claim, client_as
):
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    html = c.get(reverse("finance:claim", args=[imported_claim.pk])).content.decode()
    assert "flat rate for all other costs: 40.0 % of staff costs" in html
    assert "indirect costs" not in html
    assert 'id="claim-income"' in html and "5,000.00\xa0kr" in html
    assert "13,200.00\xa0kr" in html


def test_the_overview_names_the_flat_rate_by_the_model_and_shows_income_apart(
    world, imported_claim, client_as
):
    c = client_as("finance")
    c.cookies["django_language"] = "sv"
    html = c.get(reverse("finance:overview", args=[world.programme.code])).content.decode()
    assert "schablon för alla övriga kostnader" in html
    assert "indirekta kostnader" not in html
    assert 'id="overview-income"' in html


def test_the_ledger_filters_income(world, imported_claim, client_as):
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    url = reverse("finance:ledger", args=[world.programme.code])
    html = c.get(url, {"category": "income"}).content.decode()
    assert "Kursavgifter digital tvilling" in html
    assert "Lön januari" not in html


def test_the_claim_export_and_verification_list_carry_the_income(world, imported_claim, client_as):
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    export = c.get(reverse("finance:claim_export", args=[imported_claim.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert ["Project income", "5000.00", "5000.00", ""] in rows
    assert ["Net eligible costs (total less project income)", "13200.00", "13200.00", ""] in rows
    listing = c.get(reverse("finance:claim_verification", args=[imported_claim.pk, "csv"]))
    lines = list(csv.reader(io.StringIO(listing.content.decode("utf-8-sig"))))
    assert ["IUC Z-Group", "A", "3", "2024-01-30", "3010", "Kursavgifter digital tvilling",
            "5000.00", "project income", "", "", "", ""] in lines  # fmt: skip
