import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SENTENCE = "Industrinära tjänsteföretag är de i SNI-avdelningarna {} – ett standardval"


def test_division_lists_are_shown_as_ranges(client_as):
    response = client_as("coach").get(reverse("companies:list"))
    assert response.status_code == 200
    # The default divisions of settings.DIPPS_SERVICE_DIVISIONS, runs written as ranges.
    assert SENTENCE.format("49–52, 62–63, 69–74, 77–78, 82") in response.content.decode()


def test_the_ranges_follow_the_setting_in_order_without_repeats(client_as, settings):
    settings.DIPPS_SERVICE_DIVISIONS = [82, 50, 49, 62, 51, 82]
    page = client_as("coach").get(reverse("companies:list")).content.decode()
    assert SENTENCE.format("49–51, 62, 82") in page
