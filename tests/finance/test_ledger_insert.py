"""The SIE import's one insert, on whichever database the suite runs (SQLite or PostgreSQL)."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dipps.finance import services
from dipps.finance.ledger import LedgerRow
from dipps.finance.models import CostEntry, PaymentClaim, ReportingPeriod, SieImport
from dipps.finance.services import ledger_import

from .helpers import partner, salary, sie_file

pytestmark = pytest.mark.django_db

ROWS = [
    LedgerRow("20240101/A/1/0", "A", "1", date(2024, 1, 25), "7010", "staff", D("1234.50"), "Lön"),
    LedgerRow(
        "20240101/A/1/1", "A", "1", date(2024, 1, 31), "7510", "staff", D("-0.05"), "Rättelse"
    ),
    LedgerRow(
        "20240101/LÖN/22/0",
        "LÖN",
        "22",
        date(2024, 2, 29),
        "6550",
        "external_services",
        D("999999999999.99"),
        'Konsult "Åre" \tAB',
    ),
]


def an_import(world) -> SieImport:
    return SieImport.objects.create(
        programme=world.programme, organisation=partner(world.programme), filename="x.se"
    )


def test_the_values_are_the_shared_ones_then_the_ledger_row_as_it_is(world):
    staged = an_import(world)
    now = timezone.now()
    values = list(ledger_import.pending_values(staged, ROWS[:1], now))
    assert values == [
        (
            world.programme.pk,
            staged.organisation_id,
            staged.pk,
            "sie",
            "pending",
            False,
            now,
            *ROWS[0],
        )
    ]
    assert len(values[0]) == len(ledger_import.COLUMNS)


def test_every_column_written_is_a_column_of_the_ledger():
    columns = {f.attname for f in CostEntry._meta.concrete_fields}
    assert set(ledger_import.COLUMNS) <= columns
    assert ledger_import.ROW_COLUMNS[0] == "natural_key"


def test_rows_written_by_the_insert_read_back_exactly_through_the_orm(world, monkeypatch):
    monkeypatch.setattr(ledger_import, "BATCH", 2)  # more rows than one batch
    staged = an_import(world)
    before = timezone.now()
    ledger_import._insert_pending(staged, ROWS)
    fields = ("natural_key", "series", "number", "date", "account", "category", "amount", "text")
    stored = CostEntry.objects.filter(sie_import=staged).order_by("date")
    assert [tuple(r) for r in stored.values_list(*fields)] == [tuple(r) for r in ROWS]
    assert set(stored.values_list("state", "source", "excluded", "programme", "claim")) == {
        ("pending", "sie", False, world.programme.pk, None)
    }
    created = stored.first().created
    assert isinstance(created, datetime) and timezone.is_aware(created)
    assert before - timedelta(seconds=1) <= created <= timezone.now()
    assert stored.first().organisation_id == staged.organisation_id


def test_confirm_refuses_rows_that_left_the_programme_period_during_review(world):
    staged = services.sie_import_stage(
        programme=world.programme,
        organisation=partner(world.programme),
        data=sie_file([salary(1, date(2024, 1, 25)), salary(2, date(2024, 3, 1))]),
        filename="iuc.se",
    )
    world.programme.start = date(2024, 2, 1)
    world.programme.save()
    with pytest.raises(ValidationError) as e:
        services.sie_import_confirm(sie_import=staged)
    assert [m[:26] for m in e.value.messages] == ["Voucher A 1 of 2024-01-25 "] * 2
    assert "outside the programme period 2024-02-01–" in e.value.messages[0]
    assert CostEntry.objects.filter(state="counted").count() == 0


def test_confirm_refuses_rows_in_a_period_claimed_during_review(world):
    staged = services.sie_import_stage(
        programme=world.programme,
        organisation=partner(world.programme),
        data=sie_file([salary(1, date(2024, 1, 25)), salary(2, date(2024, 7, 25))]),
        filename="iuc.se",
    )
    period = ReportingPeriod.objects.create(
        programme=world.programme, number=1, start=date(2024, 1, 1), end=date(2024, 6, 30)
    )
    # As if submitted in a race with the review (claim_submit itself waits for the review).
    PaymentClaim.objects.create(period=period, status=PaymentClaim.Status.SUBMITTED)
    with pytest.raises(ValidationError) as e:
        services.sie_import_confirm(sie_import=staged)
    assert len(e.value.messages) == 2
    assert all("reporting period 1 has already been claimed" in m for m in e.value.messages)
    staged.refresh_from_db()
    assert staged.status == "review"
