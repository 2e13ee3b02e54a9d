"""The programme's indicator set from its funding decision: import, add, remove (manager)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dipps.core.models import AuditEntry
from dipps.indicators import services
from dipps.indicators.imports import entry_for, read_indicator_set
from dipps.indicators.models import IndicatorTarget, ProgrammeIndicator
from dipps.indicators.selectors import MEASURE, indicator_page, indicator_values
from tests.factories import make_company

from .helpers import activity, rebuild

pytestmark = pytest.mark.django_db

DECISION = (
    "code;target;name_sv;name_en;unit;measure\n"
    "RCO01;120;;;;\n"
    "RCR13;30;;;;\n"
    "persons;1 200,5;;;;\n"
    "DIPPS-T0;80;Företag med T0;Enterprises with a T0;enterprises;assessed_t0\n"
)


@pytest.fixture
def client_as(client_as):
    def login(role):
        c = client_as(role)
        c.cookies["django_language"] = "en"
        return c

    return login


def codes(programme):
    return list(
        ProgrammeIndicator.objects.filter(programme=programme).values_list("code", flat=True)
    )


def test_the_decision_table_becomes_the_set_with_names_from_the_erdf_list(world):
    entries, problems = read_indicator_set(DECISION.encode(), "beslut.csv")
    assert problems == []
    services.indicator_set_replace(programme=world.programme, entries=entries)
    assert codes(world.programme) == ["RCO01", "RCR13", "persons", "DIPPS-T0"]
    rco01 = ProgrammeIndicator.objects.get(programme=world.programme, code="RCO01")
    assert (rco01.name_sv, rco01.unit, rco01.measure) == (
        "Företag som får stöd",
        "enterprises",
        "RCO01",
    )
    persons = ProgrammeIndicator.objects.get(programme=world.programme, code="persons")
    assert (persons.name_sv, persons.unit, persons.measure) == (
        "Deltagare (personer)",
        "persons",
        "persons",
    )
    assert dict(
        IndicatorTarget.objects.filter(programme=world.programme).values_list("code", "target")
    ) == {"RCO01": D(120), "RCR13": D(30), "persons": D("1200.50"), "DIPPS-T0": D(80)}
    assert AuditEntry.objects.filter(action="create").count() >= 8


def test_the_page_and_the_json_follow_the_set(world):
    p = world.programme
    activity(p, date(2024, 3, 1), [make_company("A AB", programme=p)], women=1)
    rebuild(p)
    entries, _ = read_indicator_set(DECISION.encode(), "beslut.csv")
    services.indicator_set_replace(programme=p, entries=entries)
    _values, rows = indicator_page(p)
    assert [(r.indicator.code, r.value, r.target) for r in rows] == [
        ("RCO01", D(1), D(120)),
        ("RCR13", None, D(30)),  # reported outside DIPPS
        ("persons", D(0), D("1200.50")),
        ("DIPPS-T0", D(0), D(80)),
    ]
    assert rows[0].percent == D("0.8")  # 1 of 120
    listed = indicator_values(p)["indicators"]
    assert listed[1] == {
        "code": "RCR13",
        "name_sv": "Företag som når hög digital intensitet",
        "name_en": "Enterprises reaching high digital intensity",
        "unit": "enterprises",
        "value": None,
        "cumulative": None,
        "target": "30.00",
    }
    # Existing keys stay whatever the set: one fact, one figure.
    assert indicator_values(p)["RCO01"]["total"] == 1


def test_a_new_import_replaces_the_set_and_drops_targets_outside_it(world):
    p = world.programme
    services.targets_set(programme=p, targets={"activities": D(600)})
    entries, _ = read_indicator_set(DECISION.encode(), "beslut.csv")
    services.indicator_set_replace(programme=p, entries=entries)
    again, _ = read_indicator_set(b"code,target\nRCO04,10\nRCO01,\n", "beslut.csv")
    services.indicator_set_replace(programme=p, entries=again)
    assert codes(p) == ["RCO04", "RCO01"]
    assert dict(IndicatorTarget.objects.filter(programme=p).values_list("code", "target")) == {
        "RCO04": D(10)
    }


def test_every_bad_row_is_named_and_nothing_is_kept():
    data = (
        "code,target,name_sv,name_en,unit,measure\n"
        "RCO77,1,,,,\n"
        "OWN-1,2,Eget,,number,\n"
        "OWN-2,-3,Eget,Own,number,\n"
        "OWN-3,1.234,Eget,Own,parsecs,magic\n"
        "bad code!,1,A,B,number,\n"
        "RCO01,1,,,,\n"
        "RCO01,2,,,,\n"
    )
    entries, problems = read_indicator_set(data.encode(), "beslut.csv")
    assert entries == []
    assert problems == [
        "Row 2: RCO77 is not an ERDF common indicator of the shipped list.",
        "Row 3: OWN-1 is specific to the programme: give its Swedish and English names.",
        "Row 4: target “-3”: expected a number of 0 or more, with at most two decimals.",
        "Row 5: unit “parsecs” is not known; use one of: enterprises, persons, attendances, "
        "activities, hours, sek, eur, fte, score, mwh_year, tonnes_co2e_year, number.",
        "Row 5: “magic” is not a figure DIPPS computes; leave it empty or use one of: "
        + ", ".join(MEASURE)
        + ".",
        "Row 5: target “1.234”: expected a number of 0 or more, with at most two decimals.",
        "Row 6: the code “bad code!” may hold only letters, digits, “_”, “.” and “-” (at most 40).",
        "Row 8: RCO01 is listed twice.",
    ]


def test_the_manager_imports_adds_and_removes_in_the_browser(world, client_as):
    p = world.programme
    url = f"/indicators/{p.code}/set/"
    client = client_as("manager")
    upload = SimpleUploadedFile("beslut.csv", DECISION.encode(), content_type="text/csv")
    response = client.post(url, {"action": "import", "file": upload})
    assert response.status_code == 302
    assert codes(p) == ["RCO01", "RCR13", "persons", "DIPPS-T0"]
    page = client.get(url).content.decode()
    assert "Enterprises reaching high digital intensity" in page
    assert "reported outside DIPPS" in page
    response = client.post(
        url,
        {
            "action": "save",
            "code": "OWN-9",
            "name_sv": "Eget",
            "name_en": "Own",
            "unit": "hours",
            "measure": "staff_hours",
            "target": "100",
        },
    )
    assert response.status_code == 302
    assert codes(p)[-1] == "OWN-9"
    own = ProgrammeIndicator.objects.get(programme=p, code="OWN-9")
    assert (own.position, own.measure) == (5, "staff_hours")
    assert client.post(url, {"action": "remove", "code": "RCR13"}).status_code == 302
    assert "RCR13" not in codes(p)
    assert not IndicatorTarget.objects.filter(programme=p, code="RCR13").exists()


def test_a_bad_file_in_the_browser_saves_nothing_and_says_why(world, client_as):
    p = world.programme
    upload = SimpleUploadedFile("beslut.csv", b"code,target\nRCO77,1\n", content_type="text/csv")
    response = client_as("manager").post(
        f"/indicators/{p.code}/set/", {"action": "import", "file": upload}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "Row 2: RCO77 is not an ERDF common indicator of the shipped list." in page
    assert codes(p) == []


def test_a_set_lets_the_targets_form_take_its_own_codes(world):
    p = world.programme
    entry, _ = entry_for(None, "OWN-1", name_sv="Eget", name_en="Own", unit="number")
    services.indicator_save(programme=p, entry=entry)
    services.targets_set(programme=p, targets={"OWN-1": D(5)})
    assert IndicatorTarget.objects.get(programme=p, code="OWN-1").target == D(5)


def test_a_breakdown_is_offered_after_the_figure_it_breaks_down():
    from dipps.indicators.forms import measure_choices

    choices = dict(measure_choices())
    assert choices["RCO01_micro"] == "Enterprises supported (RCO01) … of which micro"
    assert choices["persons_50_plus"] == "Participants (persons) … of which 50 or older"
    assert choices["attendances"] == "Attendances (person and activity)"
