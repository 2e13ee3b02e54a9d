from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def form_data(programme, shares):
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
                f"financiers-{i}-kind": "public",
                f"financiers-{i}-contribution": "cash",
            }
        )
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
