"""Assessments: start, drafts, submission with the core's validation, corrections, links."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError

from dipps.companies.models import Contact
from dipps.core.models import AuditEntry
from dipps.maturity import links, services
from dipps.maturity.models import AcceptedSuggestion, Assessment, Status

from ..factories import make_company
from .builders import answers_at, submitted

pytestmark = pytest.mark.django_db


def test_submitting_stores_the_exact_scores_once_and_sort_keys_derived_from_them(world):
    coach = world.users["coach"]
    assessment = services.assessment_start(
        company=world.company, programme=world.programme, stage="t0", by=coach
    )
    assert assessment.status == Status.DRAFT
    assert (assessment.framework, assessment.framework_version) == ("dipps-dma-sme", 1)
    done = services.assessment_submit(assessment=assessment, answers=answers_at(2), by=coach)
    assert done.status == Status.SUBMITTED
    assert done.scores["overall"] == "18335/504"
    assert done.scores["dimensions"]["human"] == "1125/28"
    done.refresh_from_db()
    assert done.exact.overall == Fraction(18335, 504)
    assert done.exact.dimensions["data"] == Fraction(800, 21)
    assert done.band == "average"
    # Sort keys for the peer arrays: the nearest floats of the exact scores.
    assert done.overall == 18335 / 504
    assert (done.d1, done.d3, done.d6, done.d7) == (40.0, 1125 / 28, 20.0, None)
    assert done.is_current is True
    assert done.in_region is True  # municipality 2380 is in Jämtland
    assert (
        AuditEntry.objects.filter(model="maturity.assessment", object_id=str(done.pk)).count() == 2
    )


def test_invalid_answers_are_refused_with_one_problem_per_question_and_nothing_saved(world):
    assessment = services.assessment_start(
        company=world.company, programme=world.programme, stage="t0"
    )
    answers = answers_at(3)
    del answers["green.uses"]
    answers["readiness.advanced"] = [9] * 7
    with pytest.raises(services.AssessmentInvalid) as error:
        services.assessment_submit(assessment=assessment, answers=answers)
    questions = sorted(p.question for p in error.value.problems)
    assert questions == ["green.uses"] + ["readiness.advanced"] * 7
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT and assessment.overall is None


def test_a_draft_keeps_partial_answers_and_starting_again_returns_it(world):
    first = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    services.assessment_save_draft(assessment=first, answers={"strategy.preparedness": [1]})
    again = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    assert again.pk == first.pk
    assert again.answers == {"strategy.preparedness": [1]}


def test_a_submitted_stage_cannot_be_started_again_only_corrected(world):
    original = submitted(world.company, world.programme)
    with pytest.raises(ValidationError):
        services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    with pytest.raises(ValidationError):
        services.assessment_save_draft(assessment=original, answers={})


def test_a_correction_is_a_new_version_and_the_history_keeps_both(world):
    original = submitted(world.company, world.programme, level=2)
    correction = services.assessment_correct(assessment=original)
    assert (correction.version, correction.supersedes_id) == (2, original.pk)
    assert correction.answers == original.answers
    services.assessment_submit(assessment=correction, answers=answers_at(4))
    original.refresh_from_db()
    correction.refresh_from_db()
    assert original.status == Status.SUBMITTED and original.exact.overall == Fraction(18335, 504)
    assert original.is_current is False
    assert correction.is_current is True and correction.band == "advanced"
    assert Assessment.objects.filter(company=world.company).count() == 2


def test_correcting_twice_returns_the_open_draft(world):
    original = submitted(world.company, world.programme)
    assert (
        services.assessment_correct(assessment=original).pk
        == services.assessment_correct(assessment=original).pk
    )


def test_a_link_opens_its_draft_and_nothing_else(world):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t1")
    token = services.link_create(assessment=draft)
    assert links.read_token(token).pk == draft.pk
    with pytest.raises(links.LinkInvalid) as error:
        links.read_token(token[:-2] + "xx")
    assert error.value.reason == "bad"
    moved = signing.dumps({"a": draft.pk, "c": world.other_company.pk}, salt=links.SALT)
    with pytest.raises(links.LinkInvalid):
        links.read_token(moved)


def test_a_link_expires_after_the_configured_days(world, settings, monkeypatch):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    token = services.link_create(assessment=draft)
    settings.MATURITY_LINK_MAX_AGE_DAYS = 2
    real = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() + timedelta(days=3).total_seconds())
    with pytest.raises(links.LinkInvalid) as error:
        links.read_token(token)
    assert error.value.reason == "expired"


def test_a_link_of_a_submitted_assessment_is_no_longer_open(world):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    token = services.link_create(assessment=draft)
    services.assessment_submit(assessment=draft, answers=answers_at(1))
    with pytest.raises(links.LinkInvalid) as error:
        links.read_token(token)
    assert error.value.reason == "submitted"


def test_the_link_is_sent_by_email_in_the_language_asked(world):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    services.link_send(
        assessment=draft,
        url="https://dipps.example/maturity/s/abc/",
        to="anna@example.se",
        name="Anna Berg",
        language="en",
        by=world.users["coach"],
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.se"]
    assert mail.outbox[0].body.startswith("Hello Anna Berg,")
    assert "https://dipps.example/maturity/s/abc/" in mail.outbox[0].body


def test_a_link_for_another_companys_contact_is_refused(world):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    stranger = Contact.objects.create(company=world.other_company, name="Per Lind")
    with pytest.raises(ValidationError):
        services.link_create(assessment=draft, contact=stranger)


def test_accepting_a_suggestion_stores_it_once_and_hands_it_to_the_action_plan(world):
    assessment = submitted(world.company, world.programme)
    coach = world.users["coach"]
    kept = services.suggestion_accept(
        company=world.company,
        programme=world.programme,
        intervention_id="energy_mapping",
        assessment=assessment,
        by=coach,
    )
    again = services.suggestion_accept(
        company=world.company, programme=world.programme, intervention_id="energy_mapping", by=coach
    )
    assert kept.pk == again.pk
    assert kept.dimensions == ["green", "data"]
    assert AcceptedSuggestion.objects.count() == 1
    from dipps.engagements.models import ActionItem

    item = ActionItem.objects.get(pk=kept.action_item_id)
    assert item.intervention == "energy_mapping"


def test_an_unknown_intervention_is_refused(world):
    with pytest.raises(ValidationError):
        services.suggestion_accept(
            company=world.company, programme=world.programme, intervention_id="nope", by=None
        )


def test_peer_keys_are_copied_from_the_company(world):
    company = make_company(
        municipality_code="0180", primary_division=25, size_class="small", programme=world.programme
    )
    done = submitted(company, world.programme)
    assert (done.division, done.size_class, done.in_region) == (25, "small", False)
