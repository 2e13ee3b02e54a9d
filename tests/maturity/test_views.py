"""The maturity pages: self-service, results, programme view, export and report."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

import pytest
from django.urls import reverse

from dipps.maturity import services
from dipps.maturity.models import Assessment, Status
from dipps.maturity.overview import pseudonym

from ..factories import make_company
from .builders import answers_at, submitted

pytestmark = pytest.mark.django_db


def _form_data(answers: dict, action: str) -> dict:
    data: dict = {"action": action}
    for qid, answer in answers.items():
        if isinstance(answer, dict):
            for column, rows in answer.items():
                data[f"q:{qid}:{column}"] = [str(r) for r in rows]
        elif qid in ("readiness.advanced", "automation.technologies", "green.practices"):
            for row, value in enumerate(answer):
                data[f"q:{qid}:{row}"] = str(value)
        else:
            data[f"q:{qid}"] = [str(v) for v in answer]
    return data


def test_a_contact_saves_comes_back_and_submits_through_the_link(world, client):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    url = reverse("maturity:self_service", args=[services.link_create(assessment=draft)])
    partial = {"strategy.preparedness": [0, 2], "green.practices": ["yes"] * 5}
    response = client.post(url, _form_data(partial, "save"))
    assert response.status_code == 200
    assert "sparats" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers["strategy.preparedness"] == [0, 2]
    assert draft.answers["green.practices"] == ["yes"] * 5
    assert draft.status == Status.DRAFT

    page = client.get(url).content.decode()
    assert 'value="2" checked' in page or 'checked value="2"' in page or "checked" in page

    response = client.post(url, _form_data(answers_at(3), "submit"))
    assert "Tack" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.answered_by == "company"
    assert draft.band == "moderately_advanced"


def test_submitting_with_unanswered_rows_names_the_questions_and_keeps_the_answers(world, client):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    url = reverse("maturity:self_service", args=[services.link_create(assessment=draft)])
    answers = answers_at(3)
    answers["automation.technologies"] = answers["automation.technologies"][:2]
    data = _form_data(answers, "submit")
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="question-automation.technologies" aria-invalid="true"' in body
    assert body.count('aria-invalid="true"') == 1
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and "strategy.investments" in draft.answers


def test_a_tampered_link_gets_a_friendly_page_that_names_no_company(world, client):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    token = services.link_create(assessment=draft)
    response = client.get(reverse("maturity:self_service", args=[token[:-3] + "abc"]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Länken kan inte användas" in body
    assert world.company.name not in body


def test_the_results_page_shows_gains_peers_and_suggestions(world, client_as):
    t0 = submitted(world.company, world.programme, stage="t0", level=1)
    submitted(world.company, world.programme, stage="t1", level=3)
    for level in (0, 1, 2, 3, 4):
        submitted(make_company(programme=world.programme), world.programme, level=level)
    response = client_as("company").get(reverse("maturity:company", args=[world.company.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<desc" in body
    assert "+46,1" in body  # overall gain 63.62 - 17.52
    assert t0.pk
    peers = response.context["results"].peers
    assert [g.kind for g in peers] == ["region", "all"]
    assert peers[1].companies == 0 and peers[1].overall is None  # nobody else has a T1
    assert len(response.context["suggestions"]) == 5


def test_results_warn_when_the_compared_assessments_used_different_versions(
    world, client_as, monkeypatch
):
    from dipps.maturity import selectors

    real = selectors.load_framework
    monkeypatch.setattr(selectors, "load_framework", lambda fid, version=None: real(fid, 1))
    submitted(world.company, world.programme, stage="t0", level=1)
    later = submitted(world.company, world.programme, stage="t1", level=3)
    Assessment.objects.filter(pk=later.pk).update(framework_version=2)
    response = client_as("coach").get(reverse("maturity:company", args=[world.company.pk]))
    results = response.context["results"]
    assert results.version_notice is True
    assert results.overall_gain is None
    assert all(row.gain is None for row in results.rows)
    assert "olika versioner" in response.content.decode()


def test_a_coach_accepts_a_suggestion_into_the_action_plan(world, client_as):
    assessment = submitted(world.company, world.programme, level=1)
    response = client_as("coach").post(
        reverse("maturity:accept", args=[world.company.pk]),
        {"assessment": assessment.pk, "intervention": "energy_mapping"},
    )
    assert response.status_code == 302
    assert world.company.accepted_suggestions.get().intervention == "energy_mapping"


def test_the_programme_view_counts_bands_and_gains_without_names(world, client_as):
    t0 = submitted(world.company, world.programme, stage="t0", level=1)
    t1 = submitted(world.company, world.programme, stage="t1", level=3)
    submitted(world.other_company, world.programme, stage="t0", level=4)
    response = client_as("observer").get(reverse("maturity:programme", args=["DIPPS"]))
    overview = response.context["overview"]
    assert overview.assessed_t0 == 2
    assert [(b, n) for b, _t, n in overview.bands] == [
        ("basic", 1),
        ("average", 0),
        ("moderately_advanced", 0),
        ("advanced", 1),
    ]
    assert overview.pairs == 1
    assert overview.mean_gain == t1.exact.overall - t0.exact.overall == Fraction(7745, 168)
    body = response.content.decode()
    assert "+46,1" in body
    assert world.company.name not in body and world.other_company.name not in body
    assert "assessments.csv" not in body


def test_the_export_has_a_column_per_dimension_and_question_and_can_pseudonymise(world, client_as):
    submitted(world.company, world.programme, level=2)
    url = reverse("maturity:export", args=["DIPPS", "csv"])
    rows = list(
        csv.reader(
            io.StringIO(client_as("manager").get(url).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][-17:-11] == ["strategy", "readiness", "human", "data", "automation", "green"]
    assert rows[0][-1] == "green.practices"
    assert rows[1][1] == world.company.name
    assert rows[1][-1] == "no,no,no,no,no"
    hidden = list(
        csv.reader(
            io.StringIO(
                client_as("manager").get(url + "?pseudonymise=1").content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert hidden[1][1] == pseudonym(world.company.pk) and hidden[1][2] == ""
    assert world.company.name not in str(hidden)


@pytest.mark.slow
def test_the_company_report_is_a_pdf_in_either_language(world, client_as):
    submitted(world.company, world.programme, level=2)
    client = client_as("coach")
    response = client.get(reverse("maturity:report", args=[world.company.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.cookies["django_language"] = "en"
    english = client.get(reverse("maturity:report", args=[world.company.pk]))
    assert english.content.startswith(b"%PDF") and english.content != response.content
