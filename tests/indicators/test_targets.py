"""The programme manager sets the indicator targets in the browser."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.indicators import services
from dipps.indicators.models import IndicatorTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as):
    """Pages in English, the language the messages are asserted in."""

    def login(role):
        c = client_as(role)
        c.cookies["django_language"] = "en"
        return c

    return login


def targets(world):
    return dict(
        IndicatorTarget.objects.filter(programme=world.programme).values_list("code", "target")
    )


def test_the_manager_sets_changes_and_clears_targets(world, client_as):
    url = f"/indicators/{world.programme.code}/targets/"
    client = client_as("manager")
    assert client.post(url, {"RCO01": "150", "RCR03": "40"}).status_code == 302
    assert targets(world) == {"RCO01": D("150.00"), "RCR03": D("40.00")}
    page = client.get(url).content.decode()
    assert 'value="150.00"' in page
    assert client.post(url, {"RCO01": "160"}).status_code == 302
    assert targets(world) == {"RCO01": D("160.00")}


def test_a_negative_target_is_refused_and_nothing_is_saved(world, client_as):
    response = client_as("manager").post(
        f"/indicators/{world.programme.code}/targets/", {"RCO01": "150", "RCR03": "-1"}
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert targets(world) == {}


def test_the_service_refuses_unknown_codes(world):
    with pytest.raises(ValidationError) as e:
        services.targets_set(programme=world.programme, targets={"RCO99": D(1)})
    assert e.value.messages == ["Unknown indicator “RCO99”."]
