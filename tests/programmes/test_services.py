from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dipps.programmes.services import (
    FinancierInput,
    owner_cofinancing,
    programme_decision_check,
    programme_set_financiers,
)
from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def test_financiers_whose_shares_do_not_sum_to_100_are_refused_and_nothing_changes():
    programme = make_programme()
    with translation.override("en"), pytest.raises(ValidationError) as err:
        programme_set_financiers(
            programme=programme,
            financiers=[
                FinancierInput(
                    "Region", D("50"), D("11092500"), "region_municipality", is_owner=True
                ),
                FinancierInput("ERUF", D("40"), D("11092500"), "eu_fund"),
            ],
        )
    assert err.value.messages == [
        "Financier shares sum to 90.000 %; they must sum to exactly 100 %."
    ]
    assert programme.financiers.count() == 3


def test_the_swedish_message_uses_a_decimal_comma():
    programme = make_programme()
    with translation.override("sv"), pytest.raises(ValidationError) as err:
        programme_set_financiers(
            programme=programme,
            financiers=[
                FinancierInput(
                    "Region", D("50"), D("22185000"), "region_municipality", is_owner=True
                ),
            ],
        )
    assert "50,000" in err.value.messages[0]


def test_the_programme_page_warns_when_the_director_decided_a_board_matter():
    programme = make_programme(decision_body="regional_director")
    with translation.override("en"):
        check = programme_decision_check(programme)
    assert check.body_label == "regional development board"
    assert check.warnings == ["The recorded decision body does not match the delegation order."]


def test_a_small_programme_with_little_own_money_goes_to_the_director(settings):
    programme = make_programme(total_budget=D("4000000"), decision_body="regional_director")
    programme_set_financiers(
        programme=programme,
        financiers=[
            FinancierInput("Region", D("10"), D("400000"), "region_municipality", is_owner=True),
            FinancierInput("ERUF", D("90"), D("3600000"), "eu_fund"),
        ],
    )
    assert programme_decision_check(programme).warnings == []
    settings.DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK = D("300000")
    assert programme_decision_check(programme).required.body == "regional_development_board"


def test_the_predecessor_is_linked_only_for_those_who_may_open_it(client_as, world):
    from datetime import date

    from dipps.programmes.models import Programme

    old = Programme.objects.create(
        code="SIMMITT",
        name="SIMMITT",
        start=date(2020, 1, 1),
        end=date(2023, 6, 30),
        owner=world.programme.owner,
        total_budget=D("14400000"),
    )
    world.programme.predecessor = old
    world.programme.save()
    observer = client_as("observer").get("/programmes/DIPPS/").content.decode()
    assert "SIMMITT" in observer and 'href="/programmes/SIMMITT/"' not in observer
    world.users["manager"].is_superuser = True
    world.users["manager"].save()
    manager = client_as("manager").get("/programmes/DIPPS/").content.decode()
    assert 'href="/programmes/SIMMITT/"' in manager


def test_the_owners_state_appropriation_is_not_its_own_cofinancing(settings):
    """Exact thresholds from settings: 500 000 is still the director's, 500 000.01 is not."""
    settings.DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK = D("500000")
    settings.DIPPS_BOARD_MIN_TOTAL_BUDGET_SEK = D("10000000")
    programme = make_programme(total_budget=D("10000000"), decision_body="regional_director")
    programme_set_financiers(
        programme=programme,
        financiers=[
            FinancierInput(
                "Staten via Regionen", D("50"), D("5000000"), "state_appropriation", is_owner=True
            ),
            FinancierInput("Region", D("5"), D("500000"), "region_municipality", is_owner=True),
            FinancierInput("ERUF", D("45"), D("4500000"), "eu_fund"),
        ],
    )
    assert owner_cofinancing(programme) == D("500000")
    check = programme_decision_check(programme)
    assert check.required.body == "regional_director" and check.warnings == []
    settings.DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK = D("499999.99")
    assert programme_decision_check(programme).required.body == "regional_development_board"


def test_public_or_private_follows_from_the_type():
    programme = make_programme()
    programme_set_financiers(
        programme=programme,
        financiers=[
            FinancierInput("IUC", D("10"), D("2218500"), "private", decision_number="IUC-1"),
            FinancierInput("Staten", D("50"), D("11092500"), "state_appropriation"),
            FinancierInput("ERUF", D("40"), D("8874000"), "eu_fund"),
        ],
    )
    kinds = dict(programme.financiers.values_list("name", "kind"))
    assert kinds == {"IUC": "private", "Staten": "public", "ERUF": "public"}
    assert programme.financiers.get(name="IUC").decision_number == "IUC-1"


def test_the_programme_page_shows_each_financiers_type_and_decision(client_as, world):
    f = world.programme.financiers.get(financier_type="eu_fund")
    f.decision_number = "20201234"
    f.decision_date = date(2023, 8, 30)
    f.decided_amount = D("8874000")
    f.conditions = "Slutrapport senast 2028-10-31."
    f.save()
    page = client_as("observer").get("/programmes/DIPPS/", HTTP_ACCEPT_LANGUAGE="sv")
    html = page.content.decode()
    assert "statlig 1:1-medfinansiering" in html and "EU-fond" in html
    assert "20201234" in html and "Slutrapport senast 2028-10-31." in html
