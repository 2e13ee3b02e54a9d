"""The demo comparison group: in the supported firms' cells, deterministic and idempotent."""

import pytest
from django.utils import timezone

from dipps.impact import demo_comparison
from dipps.impact.models import ComparisonFirm, ComparisonYear
from dipps.impact.selectors_comparison import evaluation
from tests.impact.test_comparison import _supported

pytestmark = pytest.mark.django_db


def test_the_demo_group_fills_the_cells_and_a_second_run_adds_nothing(world):
    _supported(
        world,
        "5560360793",
        {2023: (1_000_000, 3_800_000, 200_000), 2025: (1_200_000, 3_900_000, 200_000)},
    )
    demo_comparison.load()
    firms = ComparisonFirm.objects.filter(programme=world.programme)
    assert firms.count() == demo_comparison.FIRMS
    assert set(firms.values_list("division", flat=True)) == {25}
    years = ComparisonYear.objects.count()
    result = evaluation(world.programme)
    assert result.matching.comparison_matched == demo_comparison.FIRMS
    assert result.estimate is not None and result.estimate.comparison == demo_comparison.FIRMS
    per_employee = [v for f in result.matching.cells[0].comparison for v in f.outcome.values()]
    # Around the supported firm's 500 000 kr in 2023 (±20 %), 2020 to the last closed year,
    # growing 0.5–2.5 % a year, ±1.5 % noise.
    last = timezone.localdate().year - 1
    assert min(per_employee) > 400_000 / 1.025**3 / 1.015
    assert max(per_employee) < 600_000 * 1.025 ** (last - 2023) * 1.015
    first = sorted(firms.values_list("orgnr", flat=True))
    demo_comparison.load()
    assert ComparisonYear.objects.count() == years
    assert sorted(firms.values_list("orgnr", flat=True)) == first
