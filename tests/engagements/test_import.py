from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from dipps.engagements.models import Activity, ActivityCompany
from dipps.engagements.services import activities_import, read_activities
from dipps.stateaid.models import AidEntry

from .helpers import rates

pytestmark = pytest.mark.django_db

HEADER = (
    "date,programme,orgnr,type,staff_hours,external_cost_sek,participants_women,"
    "participants_men,participants_other,participant_hours,note\n"
)


def good(w) -> str:
    return (
        HEADER
        + f"2024-03-15,DIPPS,{w.company.orgnr},analysis,4,2000,1,2,0,12,Första analysen\n"
        + f'2024-04-02,DIPPS,{w.other_company.orgnr},workshop,"2,5",,,,,,\n'
    )


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def test_a_good_file_is_imported_and_a_second_import_adds_nothing(w, tmp_path):
    path = tmp_path / "aktiviteter.csv"
    path.write_text(good(w), encoding="utf-8")
    call_command("import", "activities", str(path))
    assert Activity.objects.count() == 2
    share = ActivityCompany.objects.get(company=w.company)
    # 4 h × 900 + 2 000 = 5 600 kr
    assert (share.aid_sek, share.participant_hours) == (D("5600.00"), D("12.00"))
    parsed = read_activities(good(w).encode(), "a.csv")
    errors, result = activities_import(rows=parsed.rows)
    assert (errors, result.created, result.skipped) == ([], 0, 2)
    assert Activity.objects.count() == 2 and AidEntry.objects.count() == 2


def test_every_bad_row_is_reported_and_nothing_is_saved(w, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + f"2024-03-15,DIPPS,{w.company.orgnr},analysis,4,,,,,,\n"
        + f"2023-08-01,DIPPS,{w.company.orgnr},analysis,4,,,,,,\n"
        + "2024-03-15,DIPPS,5569999994,analysis,4,,,,,,\n"
        + f"2024-03-15,DIPPS,{w.company.orgnr},karaoke,4,,,,,,\n"
        + f"2024-03-15,DIPPS,{w.company.orgnr},coaching,-1,,,,,,\n"
        + f"2024-03-15,DIPPS,{w.company.orgnr},coaching,25,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as info:
        call_command("import", "activities", str(path))
    assert info.value.returncode == 2
    err = capsys.readouterr().err
    for row, column in [
        (3, "date"),
        (4, "orgnr"),
        (5, "type"),
        (6, "staff_hours"),
        (7, "staff_hours"),
    ]:
        assert f"Row {row}, column {column}" in err or f"Rad {row}, kolumn {column}" in err
    assert Activity.objects.count() == 0


def test_an_import_row_over_the_de_minimis_ceiling_rolls_back_the_whole_file(w):
    from datetime import date

    AidEntry.objects.create(
        company=w.other_company,
        source="declared",
        giver="Almi",
        granted=date(2024, 1, 1),
        amount_sek=D(0),
        amount_eur=D("299990.00"),
        sek_per_eur=D("11.4325"),
    )
    parsed = read_activities(good(w).encode(), "a.csv")
    errors, result = activities_import(rows=parsed.rows)
    assert [(e.row, e.column) for e in errors] == [(3, "orgnr")]
    assert "2023/2831" in errors[0].message
    assert Activity.objects.count() == 0 and result.created == 0


def test_an_import_row_for_a_firm_without_an_approved_de_minimis_case_is_refused(w):
    from dipps.stateaid.models import DeMinimisCase

    DeMinimisCase.objects.filter(company=w.other_company).delete()
    parsed = read_activities(good(w).encode(), "a.csv")
    errors, result = activities_import(rows=parsed.rows)
    assert [(e.row, e.column) for e in errors] == [(3, "orgnr")]
    assert "Sundsvalls Mekaniska AB" in errors[0].message
    assert "de minimis" in errors[0].message
    assert Activity.objects.count() == 0 and result.created == 0


def test_two_identical_rows_must_be_told_apart_by_a_note(w):
    parsed = read_activities(
        (HEADER + f"2024-03-15,DIPPS,{w.company.orgnr},analysis,4\n" * 2).encode(), "a.csv"
    )
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "note")]


def test_progress_is_reported_while_checking_and_once_as_the_saving_starts(w):
    calls = []
    parsed = read_activities(good(w).encode(), "a.csv", progress=lambda *a: calls.append(a))
    errors, result = activities_import(rows=parsed.rows, progress=lambda *a: calls.append(a))
    assert (errors, result.created) == ([], 2)
    assert [(d, t) for d, t, _m in calls] == [(0, 2), (1, 2), (2, 2), (2, 2)]
    assert calls[-1][2] != calls[0][2]  # "Saving" after "Checking rows"
