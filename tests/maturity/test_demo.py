import pytest

from dipps.maturity.models import Assessment
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_assesses_most_companies_and_a_second_run_adds_nothing():
    load_demo(company_count=80)
    current = Assessment.objects.filter(is_current=True)
    assert current.filter(stage="t0", framework="dipps-dma-sme").count() == 70
    assert current.filter(stage="t1").count() == 25
    assert current.filter(stage="t2").count() == 9
    assert current.filter(framework="dipps-siri").count() == 2
    bands = set(current.values_list("band", flat=True))
    assert {"basic", "average", "moderately_advanced"} <= bands
    total = Assessment.objects.count()
    load_demo(company_count=80)
    assert Assessment.objects.count() == total
