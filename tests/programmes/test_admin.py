from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def form_data(programme, shares, **extra):
    data = {
        "code": programme.code,
        "name": programme.name,
        "start": "2023-09-01",
        "end": "2028-08-31",
        "status": "active",
        "owner": programme.owner_id,
        "total_budget": "22185000",
        "diary_number": "",
        "decision_date": "",
        "decision_body": "",
        "description": "",
        "financiers-TOTAL_FORMS": str(len(shares)),
        "financiers-INITIAL_FORMS": "0",
        "financiers-MIN_NUM_FORMS": "0",
        "financiers-MAX_NUM_FORMS": "1000",
    }
    for i, (name, share, amount) in enumerate(shares):
        data.update(
            {
                f"financiers-{i}-name": name,
                f"financiers-{i}-share_percent": share,
                f"financiers-{i}-amount": amount,
                f"financiers-{i}-financier_type": "region_municipality",
                f"financiers-{i}-contribution": "cash",
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.se", "x"))
    client.cookies["django_language"] = "en"
    return client


def test_the_admin_refuses_financier_shares_that_do_not_sum_to_100(admin_client):
    programme = make_programme()
    programme.financiers.all().delete()
    data = form_data(programme, [("Region", "50", "11092500"), ("ERUF", "40", "11092500")])
    with translation.override("en"):
        response = admin_client.post(f"/admin/programmes/programme/{programme.pk}/change/", data)
    assert response.status_code == 200
    assert "Financier shares sum to 90.000 %; they must sum to exactly 100 %." in (
        response.content.decode()
    )
    assert programme.financiers.count() == 0


def test_the_admin_saves_a_plan_that_adds_up(admin_client):
    programme = make_programme()
    programme.financiers.all().delete()
    data = form_data(programme, [("Region", "60", "13311000"), ("ERUF", "40", "8874000")])
    response = admin_client.post(f"/admin/programmes/programme/{programme.pk}/change/", data)
    assert response.status_code == 302
    assert sorted(programme.financiers.values_list("amount", flat=True)) == [
        D("8874000"),
        D("13311000"),
    ]


def test_the_admin_saves_a_financiers_type_and_decision_and_derives_public_or_private(
    admin_client,
):
    programme = make_programme()
    programme.financiers.all().delete()
    data = form_data(
        programme,
        [("IUC Z-Group", "10", "2218500"), ("Staten", "50", "11092500"), ("ERUF", "40", "8874000")],
        **{
            "financiers-0-financier_type": "private",
            "financiers-1-financier_type": "state_appropriation",
            "financiers-1-is_owner": "on",
            "financiers-1-decision_number": "RUN/2023/0042",
            "financiers-1-decision_date": "2023-06-14",
            "financiers-1-decided_amount": "11092500",
            "financiers-1-conditions": "Lägesrapport varje halvår.",
            "financiers-2-financier_type": "eu_fund",
        },
    )
    response = admin_client.post(f"/admin/programmes/programme/{programme.pk}/change/", data)
    assert response.status_code == 302
    state = programme.financiers.get(name="Staten")
    assert (state.financier_type, state.kind, state.is_owner) == (
        "state_appropriation",
        "public",
        True,
    )
    assert (state.decision_number, str(state.decision_date)) == ("RUN/2023/0042", "2023-06-14")
    assert (state.decided_amount, state.conditions) == (D("11092500"), "Lägesrapport varje halvår.")
    assert programme.financiers.get(name="IUC Z-Group").kind == "private"


def test_the_admin_refuses_an_unknown_type_and_a_negative_decided_amount(admin_client):
    programme = make_programme()
    programme.financiers.all().delete()
    data = form_data(
        programme,
        [("Region", "100", "22185000")],
        **{"financiers-0-financier_type": "lottery", "financiers-0-decided_amount": "-1"},
    )
    with translation.override("en"):
        response = admin_client.post(f"/admin/programmes/programme/{programme.pk}/change/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. lottery is not one of the available choices." in html
    assert "Ensure this value is greater than or equal to 0." in html
    assert programme.financiers.count() == 0
