"""The regulation by grant date in the app: the ex-ante check when support is recorded,
the refusal of backdated aid that breaches a later grant, the certificate and register.

1407/2013's fiscal years are the firm's own (`Company.fiscal_year_end`, `12-31` unless
set; services.fiscal_year_end_of).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dipps.engagements.models import Activity
from dipps.stateaid.models import AidEntry
from dipps.stateaid.selectors import certificate_data
from tests.engagements.helpers import rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def _declared(company, day, eur):
    return AidEntry.objects.create(
        company=company,
        source="declared",
        giver="Almi",
        granted=day,
        amount_sek=D(0),
        amount_eur=D(eur),
        sek_per_eur=D("11.4325"),
    )


def test_support_in_2023_is_checked_under_1407_with_its_ceiling_of_200_000(w):
    _declared(w.company, date(2021, 1, 1), "199000.00")  # first day of the window
    with pytest.raises(ValidationError) as info, translation.override("en"):
        record(w, day=date(2023, 10, 2))  # 1 224.58 EUR > 1 000.00 EUR headroom
    message = " ".join(info.value.messages)
    assert "Commission Regulation (EU) No 1407/2013" in message
    assert "the current and the two previous fiscal years, 2021-01-01–2023-10-02" in message
    assert "The headroom is 1,000.00 EUR of 200,000.00 EUR" in message
    decision = info.value.decision
    assert (decision.regulation, decision.ceiling_eur, decision.headroom_eur) == (
        "1407/2013",
        D("200000.00"),
        D("1000.00"),
    )
    assert Activity.objects.count() == 0


def test_the_same_support_on_1_january_2024_falls_under_2023_2831_and_fits(w):
    _declared(w.company, date(2021, 1, 2), "199000.00")
    record(w, day=date(2024, 1, 1))
    assert AidEntry.objects.filter(source="programme").count() == 1


def test_backdated_support_that_takes_a_later_grant_over_its_ceiling_is_refused_naming_it(w):
    _declared(w.company, date(2025, 6, 1), "299500.00")
    with pytest.raises(ValidationError) as info, translation.override("sv"):
        record(w, day=date(2025, 3, 3))  # 1 224.58 EUR: fits its own window, not 2025-06-01's
    message = " ".join(info.value.messages)
    assert "före stöd som redan beviljats den 2025-06-01" in message
    assert "300\xa0724,58 EUR" in message and "300\xa0000,00 EUR" in message
    assert info.value.code == "deminimis_later"
    assert Activity.objects.count() == 0
    assert not AidEntry.objects.filter(source="programme").exists()


def test_support_dated_after_the_later_grant_is_only_checked_in_its_own_window(w):
    _declared(w.company, date(2025, 6, 1), "298000.00")
    record(w, day=date(2025, 3, 3))  # 298 000 + 1 224.58 fits 2025-06-01's window
    with pytest.raises(ValidationError) as info:
        record(w, day=date(2025, 6, 2), cost="20000")
    assert info.value.code == "deminimis"


def test_the_certificate_cites_the_regulation_of_each_grant(w):
    record(w, day=date(2023, 10, 2))
    record(w, day=date(2024, 2, 1))
    data = certificate_data(w.users["manager"], w.company.pk, w.programme.code)
    with translation.override("sv"):
        html = render_to_string("stateaid/certificate.html", data)
    assert "Kommissionens förordning (EU) nr 1407/2013 av den 18 december 2013" in html
    assert "Kommissionens förordning (EU) 2023/2831 av den 13 december 2023" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.index("nr 1407/2013") < rows.index("(EU) 2023/2831")


def test_the_register_names_the_regulation_of_each_entry(w, client_as):
    _declared(w.company, date(2023, 12, 31), "1000.00")
    _declared(w.company, date(2024, 1, 1), "1000.00")
    client = client_as("manager")
    page = client.get(reverse("stateaid:register"))
    assert [(r[0], r[10]) for r in page.context["rows"]] == [
        (date(2024, 1, 1), "Kommissionens förordning (EU) 2023/2831"),
        (date(2023, 12, 31), "Kommissionens förordning (EU) nr 1407/2013"),
    ]
    csv = client.get(reverse("stateaid:register_export", args=["csv"])).content.decode()
    assert "Kommissionens förordning (EU) nr 1407/2013" in csv


def test_moving_an_activity_to_an_earlier_day_re_checks_the_later_grants(w):
    from tests.engagements.test_editing import changed

    activity = record(w, day=date(2025, 9, 1))  # 1 224.58 EUR, after the declared aid
    _declared(w.company, date(2025, 6, 1), "299000.00")
    with pytest.raises(ValidationError) as info:
        changed(w, activity, hours="10", cost="5000", day=date(2025, 3, 3))
    assert info.value.code == "deminimis_later"
    assert info.value.decision.later_breached[0].granted == date(2025, 6, 1)
    entry = AidEntry.objects.get(reference=f"activity:{activity.pk}")
    assert entry.granted == date(2025, 9, 1)  # the old values stay


def test_a_broken_fiscal_year_moves_the_1407_window_to_the_firms_own_year_start(w):
    # Fiscal year 1 July – 30 June: a grant on 2023-10-02 lies in fiscal year 2024
    # (2023-07-01 – 2024-06-30); two before it starts on 2021-07-01.
    w.company.fiscal_year_end = "06-30"
    w.company.save()
    _declared(w.company, date(2021, 6, 30), "199000.00")  # the day before: outside
    record(w, day=date(2023, 10, 2))  # allowed (calendar years would have refused it)
    _declared(w.company, date(2021, 7, 1), "199000.00")  # the first day: inside
    with pytest.raises(ValidationError) as info, translation.override("en"):
        record(w, day=date(2023, 10, 3))
    message = " ".join(info.value.messages)
    assert "Commission Regulation (EU) No 1407/2013" in message
    assert "the current and the two previous fiscal years, 2021-07-01–2023-10-03" in message


def test_the_headroom_panel_counts_the_firms_own_fiscal_years(w):
    from dipps.stateaid.selectors import headroom_of

    w.company.fiscal_year_end = "06-30"
    w.company.save()
    _declared(w.company, date(2021, 6, 30), "1000.00")
    _declared(w.company, date(2021, 7, 1), "2000.00")
    headroom = headroom_of(w.company, date(2023, 10, 2))
    assert (headroom.window_start, headroom.window_end) == (date(2021, 7, 1), date(2023, 10, 2))
    assert headroom.three_year_sum_eur == D("2000.00")
