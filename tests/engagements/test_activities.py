from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.core.models import AuditEntry
from dipps.engagements.models import Activity, ActivityCompany, DailyTotals
from dipps.engagements.services import activity_delete, totals_rebuild
from dipps.stateaid.models import AidEntry

from .helpers import rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def test_recording_an_activity_grants_the_company_its_aid_in_sek_and_eur(w):
    activity = record(w)
    share = ActivityCompany.objects.get(activity=activity)
    # 10 h × 900 kr + 5 000 kr = 14 000 kr; 14 000 / 11.4325 = 1 224.58 EUR
    assert (share.staff_hours, share.aid_sek, share.aid_eur) == (
        D("10.00"),
        D("14000.00"),
        D("1224.58"),
    )
    entry = AidEntry.objects.get(reference=f"activity:{activity.pk}")
    assert (entry.amount_sek, entry.amount_eur, entry.sek_per_eur) == (
        D("14000.00"),
        D("1224.58"),
        D("11.4325"),
    )
    assert AuditEntry.objects.filter(model="engagements.activity", action="create").count() == 1


def test_a_group_activity_spreads_hours_and_cost_equally_by_default(w):
    activity = record(
        w, companies=[w.company, w.other_company], hours="3", cost="1000", type="network_meeting"
    )
    shares = list(ActivityCompany.objects.filter(activity=activity).order_by("company_id"))
    assert [s.staff_hours for s in shares] == [D("1.50"), D("1.50")]
    assert [s.external_cost_sek for s in shares] == [D("500.00"), D("500.00")]
    assert [s.aid_sek for s in shares] == [D("1850.00"), D("1850.00")]


def test_a_group_activity_can_spread_by_participants(w):
    first, second = sorted([w.company, w.other_company], key=lambda c: c.pk)
    activity = record(
        w,
        companies=[first, second],
        hours="4",
        cost="900",
        spread="participants",
        company_participants={first.pk: 2, second.pk: 1},
        women=2,
        men=1,
        participant_hours=D(9),
        type="training",
    )
    shares = list(ActivityCompany.objects.filter(activity=activity).order_by("company_id"))
    assert [(s.staff_hours, s.external_cost_sek, s.participant_hours) for s in shares] == [
        (D("2.67"), D("600.00"), D("6.00")),
        (D("1.33"), D("300.00"), D("3.00")),
    ]


def test_support_over_the_ceiling_is_refused_with_the_three_year_sum_and_headroom(w):
    AidEntry.objects.create(
        company=w.company,
        source="declared",
        giver="Tillväxtverket",
        granted=date(2024, 5, 1),
        amount_sek=D("3418400.00"),
        amount_eur=D("299000.00"),
        sek_per_eur=D("11.4325"),
    )
    with pytest.raises(ValidationError) as info:
        record(w)  # 1 224.58 EUR > 1 000.00 EUR headroom
    message = " ".join(info.value.messages)
    assert "299\xa0000,00 EUR" in message and "1\xa0000,00 EUR" in message
    assert "2023/2831" in message
    decision = info.value.decision
    assert (decision.three_year_sum_eur, decision.headroom_eur) == (D("299000.00"), D("1000.00"))
    assert Activity.objects.count() == 0
    assert not AidEntry.objects.filter(source="programme").exists()
    assert not DailyTotals.objects.exists()


def test_a_linked_enterprises_aid_counts_against_the_headroom(w):
    from dipps.stateaid.services import undertaking_link

    undertaking_link(company=w.company, other=w.other_company, by=None)
    AidEntry.objects.create(
        company=w.other_company,
        source="declared",
        giver="Almi",
        granted=date(2024, 5, 1),
        amount_sek=D("0"),
        amount_eur=D("299000.00"),
        sek_per_eur=D("11.4325"),
    )
    with pytest.raises(ValidationError):
        record(w)


def test_two_shares_of_one_activity_to_one_undertaking_count_together(w):
    from dipps.stateaid.services import undertaking_link

    undertaking_link(company=w.company, other=w.other_company, by=None)
    AidEntry.objects.create(
        company=w.company,
        source="declared",
        giver="Almi",
        granted=date(2024, 5, 1),
        amount_sek=D("0"),
        amount_eur=D("298000.00"),
        sek_per_eur=D("11.4325"),
    )
    # Each share is 1 224.58 EUR: the first fits in 2 000 EUR, the two together do not.
    with pytest.raises(ValidationError):
        record(w, companies=[w.company, w.other_company], hours="20", cost="10000")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        (dict(day=date(2023, 8, 31)), "date"),
        (dict(hours="-1"), "coach_hours"),
        (dict(hours="25"), "coach_hours"),
        (dict(companies=[], type="network_meeting"), "companies"),
        (dict(cost="-5"), "external_cost_sek"),
        (dict(type="karaoke"), "type"),
    ],
)
def test_bad_activities_are_refused_with_a_message_and_nothing_is_saved(w, kw, field):
    with pytest.raises(ValidationError) as info:
        record(w, **kw)
    assert field in info.value.message_dict
    assert Activity.objects.count() == 0 and AidEntry.objects.count() == 0


def test_a_coach_cannot_exceed_24_hours_over_several_activities_in_a_day(w):
    record(w, hours="20")
    with pytest.raises(ValidationError) as info:
        record(w, hours="5", note="second")
    assert "25,00" in " ".join(info.value.messages) or "25.00" in " ".join(info.value.messages)


def test_daily_totals_follow_recording_and_deleting_and_can_be_rebuilt(w):
    a = record(w, women=1, men=2, participant_hours=D(6))
    record(w, hours="2", cost="0", other=1, participant_hours=D(2), day=date(2025, 3, 3), note="b")
    row = DailyTotals.objects.get()
    assert (row.activities, row.staff_hours, row.women, row.men, row.other) == (2, D(12), 1, 2, 1)
    activity_delete(activity=a, by=None)
    row.refresh_from_db()
    assert (row.activities, row.staff_hours, row.participant_hours) == (1, D(2), D(2))
    assert AidEntry.objects.count() == 1
    totals_rebuild(w.programme)
    assert DailyTotals.objects.get().staff_hours == D(2)
