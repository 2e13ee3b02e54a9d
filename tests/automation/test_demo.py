import pytest

from dipps.automation import demo
from dipps.automation.models import PreStudy, ProcessStep
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo

# The solution each trade may get: no welding robot in a bakery.
FITTING = {
    "Mekaniska Verkstad": {"robot", "cobot"},
    "Sågverk": {"vision"},
    "Bageri": {"cobot", "robot"},
    "Snickerifabrik": {"software", "robot"},
    "Logistik": {"agv"},
}


def test_the_demo_gives_several_firms_a_pre_study_that_fits_their_trade():
    load_demo(company_count=20)
    studies = PreStudy.objects.select_related("company")
    assert studies.count() == len(demo.STUDIES) == 5
    for step in ProcessStep.objects.select_related("prestudy__company"):
        stem = next(s for s in FITTING if s in step.prestudy.company.name)
        assert step.solution in FITTING[stem], (step.prestudy.company.name, step.solution)
        assert step.payback() is not None
    # The firms with a cost structure have their first step in the scenario.
    assert ProcessStep.objects.filter(measure__isnull=False).exists()
    assert {s.status for s in studies} == {"prestudy", "decided", "installed"}
    count = ProcessStep.objects.count()
    demo.load()  # idempotent
    assert ProcessStep.objects.count() == count
