"""The dated-rate base: one lookup and one set service for every rate table."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.core.models import AuditEntry, ExchangeRate
from dipps.core.rates import MissingRate, rate_on, rate_set
from dipps.engagements.models import InKindRate
from dipps.stateaid.models import AidRate

from ..factories import make_programme

pytestmark = pytest.mark.django_db

NEW_YEAR = date(2024, 1, 1)


@pytest.fixture
def programme():
    return make_programme()


def series_of(model, programme) -> dict:
    return {"currency": "EUR"} if model is ExchangeRate else {"programme": programme}


@pytest.mark.parametrize("model", [ExchangeRate, AidRate, InKindRate])
def test_a_rate_holds_from_the_day_it_starts_until_the_next_one(model, programme):
    series = series_of(model, programme)
    model.objects.create(valid_from=date(2023, 9, 1), **series, **{model.value_field: D("11")})
    model.objects.create(valid_from=NEW_YEAR, **series, **{model.value_field: D("12")})
    rates = model.objects.filter(**series)
    assert rates.value_on(NEW_YEAR) == D("12")  # the day it starts
    assert rates.value_on(date(2023, 12, 31)) == D("11")  # the day before
    assert rates.value_on(date(2030, 1, 1)) == D("12")
    assert rates.value_on(date(2023, 8, 31)) is None  # before the first rate: none


def test_another_series_has_no_rate_of_its_own_from_this_one(programme):
    other = make_programme("OTHER")
    AidRate.objects.create(programme=programme, valid_from=NEW_YEAR, hourly_rate_sek=D(900))
    assert AidRate.objects.filter(programme=other).value_on(NEW_YEAR) is None
    assert AidRate.objects.filter(programme=programme).value_on(NEW_YEAR) == D(900)


def test_the_exchange_rate_lookup_names_the_missing_day():
    ExchangeRate.objects.create(currency="EUR", valid_from=NEW_YEAR, sek_per_unit=D("11.5"))
    assert rate_on(NEW_YEAR) == D("11.5")
    with pytest.raises(MissingRate) as caught:
        rate_on(date(2023, 12, 31))
    assert "EUR" in str(caught.value) and "2023-12-31" in str(caught.value)


def test_periods_cut_a_span_where_the_rate_changes(programme):
    for day, value in [(date(2023, 9, 1), 500), (date(2025, 1, 1), 600)]:
        InKindRate.objects.create(programme=programme, valid_from=day, hourly_rate_sek=D(value))
    periods = InKindRate.objects.filter(programme=programme).periods(
        date(2023, 1, 1), date(2025, 6, 30)
    )
    assert periods == [
        (date(2023, 9, 1), date(2024, 12, 31), D(500)),
        (date(2025, 1, 1), date(2025, 6, 30), D(600)),
    ]


def test_setting_a_rate_creates_then_corrects_it_and_keeps_the_audit_history(world):
    manager = world.users["manager"]
    kw = {"series": {"programme": world.programme}, "valid_from": NEW_YEAR, "by": manager}
    rate = rate_set(AidRate, value=D(900), **kw)
    rate_set(AidRate, value=D(950), **kw)
    rate_set(AidRate, value=D("950.00"), **kw)  # the same value again is no change
    rate.refresh_from_db()
    assert rate.hourly_rate_sek == D(950)
    entries = list(
        AuditEntry.objects.filter(model="stateaid.aidrate", object_id=str(rate.pk))
        .order_by("id")
        .values_list("user", "action", "changes")
    )
    assert entries == [
        (manager.pk, "create", {"hourly_rate_sek": [None, "900"]}),
        (manager.pk, "update", {"hourly_rate_sek": ["900.00", "950"]}),
    ]


def test_a_refused_rate_is_neither_saved_nor_audited(programme):
    def problems(existing):
        return {"hourly_rate_sek": "too high"} if existing is None else {}

    with pytest.raises(ValidationError) as caught:
        rate_set(
            InKindRate,
            series={"programme": programme, "role": ""},
            valid_from=NEW_YEAR,
            value=D(10**6),
            by=None,
            problems=problems,
        )
    assert caught.value.message_dict == {"hourly_rate_sek": ["too high"]}
    assert not InKindRate.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_rate_is_set_for_the_series_its_table_is_named_by():
    with pytest.raises(TypeError):
        rate_set(
            ExchangeRate,
            series={"programme": None},
            valid_from=NEW_YEAR,
            value=D(11),
            by=None,
        )
