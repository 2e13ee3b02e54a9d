import pytest

from dipps.finance import demo
from dipps.finance.models import EvaluationPlan, EvaluationReport, FinalReport
from tests.factories import make_programme

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # renders the report's PDF


def test_the_demo_has_an_evaluation_plan_a_report_and_a_draft_final_report_once():
    programme = make_programme()
    demo.load()
    demo.load()
    plan = EvaluationPlan.objects.get(programme=programme)
    assert plan.evaluator_organisation == "Norrlandsutvärdering AB"
    assert len(plan.questions) == 5
    assert [p["period"] for p in plan.planned_reports] == [3, 6, 10]
    report = EvaluationReport.objects.get(programme=programme)
    assert (report.period.number, report.kind) == (3, "pdf")
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    final = FinalReport.objects.get()
    assert final.claim.period == programme.reporting_periods.order_by("-start").first()
    assert final.claim.status == "draft" and final.continuation.startswith("IUC Z-Group")
