from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.core.models import AuditEntry
from dipps.finance import services
from dipps.finance.models import CostEntry, ReportingPeriod, SieImport

from .helpers import partner, salary, sie_file

pytestmark = pytest.mark.django_db


def stage(world, data, **kw):
    org = partner(world.programme)
    return services.sie_import_stage(
        programme=world.programme,
        organisation=org,
        data=data,
        filename="iuc.se",
        by=world.users["finance"],
        **kw,
    )


def counted_total(world):
    return sum(
        CostEntry.objects.filter(
            programme=world.programme, state="counted", excluded=False
        ).values_list("amount", flat=True),
        D(0),
    )


def test_staged_rows_do_not_count_until_confirmed(world):
    staged = stage(world, sie_file([salary(1, date(2024, 1, 25)), salary(2, date(2024, 2, 25))]))
    assert staged.rows_new == 4
    assert counted_total(world) == 0
    assert services.sie_import_confirm(sie_import=staged, by=world.users["finance"]) == 4
    assert counted_total(world) == D("26000.00")
    assert (
        AuditEntry.objects.filter(model="finance.sieimport", object_id=str(staged.pk)).count() == 2
    )


def test_the_same_file_twice_adds_nothing(world):
    data = sie_file([salary(1, date(2024, 1, 25))])
    services.sie_import_confirm(sie_import=stage(world, data))
    again = stage(world, data)
    assert (again.rows_new, again.rows_known) == (0, 2)
    services.sie_import_confirm(sie_import=again)
    assert CostEntry.objects.count() == 2
    assert counted_total(world) == D("13000.00")


def test_an_overlapping_newer_file_adds_only_the_new_vouchers(world):
    services.sie_import_confirm(sie_import=stage(world, sie_file([salary(1, date(2024, 1, 25))])))
    newer = stage(world, sie_file([salary(1, date(2024, 1, 25)), salary(2, date(2024, 2, 26))]))
    assert (newer.rows_new, newer.rows_known) == (2, 2)
    services.sie_import_confirm(sie_import=newer)
    assert counted_total(world) == D("26000.00")


def test_excluded_rows_never_count_and_do_not_come_back(world):
    staged = stage(world, sie_file([salary(1, date(2024, 1, 25), D("1000"))]))
    fees = staged.entries.get(account="7510")
    services.sie_import_exclude(sie_import=staged, entry_ids=[fees.pk], excluded=True)
    services.sie_import_confirm(sie_import=staged)
    assert counted_total(world) == D("1000.00")
    again = stage(world, sie_file([salary(1, date(2024, 1, 25), D("1000"))]))
    assert again.rows_new == 0


def test_a_file_from_another_organisation_needs_confirmation(world):
    data = sie_file([salary(1, date(2024, 1, 25))], orgnr="556036-0793")
    with pytest.raises(services.OrgnrMismatch) as e:
        stage(world, data)
    assert "5560360793" in e.value.messages[0] and "5566946058" in e.value.messages[0]
    assert SieImport.objects.count() == 0
    staged = stage(world, data, accept_orgnr=True)
    assert staged.rows_new == 2
    assert staged.warnings[0] == {
        "code": "orgnr_accepted",
        "params": {"file": "5560360793", "expected": "5566946058"},
    }


def test_a_voucher_outside_the_programme_period_refuses_the_whole_file(world):
    data = sie_file([salary(1, date(2023, 8, 31)), salary(2, date(2024, 1, 25))])
    with pytest.raises(ValidationError) as e:
        stage(world, data)
    assert e.value.messages[0].startswith("Voucher A 1 of ")
    assert "(account 7010): the date is outside the programme period" in e.value.messages[0]
    assert "outside the programme period" in e.value.messages[0]
    assert CostEntry.objects.count() == 0
    assert SieImport.objects.count() == 0


def test_new_costs_in_a_claimed_period_are_refused(world):
    services.sie_import_confirm(sie_import=stage(world, sie_file([salary(1, date(2024, 1, 25))])))
    period = ReportingPeriod.objects.create(
        programme=world.programme, number=1, start=date(2024, 1, 1), end=date(2024, 6, 30)
    )
    services.claim_submit(claim=services.claim_open(period=period))
    # The claimed voucher again is no problem (already in the ledger); a new one in the period is.
    with pytest.raises(ValidationError) as e:
        stage(world, sie_file([salary(1, date(2024, 1, 25)), salary(2, date(2024, 3, 1))]))
    assert "reporting period 1 has already been claimed" in e.value.messages[0]
    ok = stage(world, sie_file([salary(1, date(2024, 1, 25)), salary(3, date(2024, 7, 1))]))
    assert ok.rows_new == 2


def test_an_unreadable_file_gets_a_message_with_the_line(world):
    with pytest.raises(ValidationError) as e:
        stage(world, b'#FLAGGA 0\n#SIETYP 4\n#VER A 1 20240101 "x"\n{\n#TRANS 7010 {} abc\n}\n')
    assert "cannot be read as SIE (line 5)" in e.value.messages[0]


def test_a_new_upload_replaces_the_open_review(world):
    first = stage(world, sie_file([salary(1, date(2024, 1, 25))]))
    second = stage(world, sie_file([salary(1, date(2024, 1, 25))]))
    first.refresh_from_db()
    assert first.status == "discarded"
    assert second.rows_new == 2
    assert CostEntry.objects.count() == 2
