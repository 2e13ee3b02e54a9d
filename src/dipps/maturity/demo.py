"""Demo maturity data: T0 for most DIPPS companies, T1 with gains for some, two SIRI scans.

Deterministic (random.Random per company, seeded from its organisation number)
and idempotent: a company, stage and framework that already has an assessment
is left alone. Answers are drawn around a latent maturity per company, so the
scores spread over all bands the way a real cohort would.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from dipps.companies.models import Company
from dipps.programmes.models import Programme

from . import services
from .frameworks import DEFAULT_FRAMEWORK, LEVEL_MAX, Framework, load_framework
from .models import AnsweredBy, Assessment

T0_SHARE = 70  # of 80 demo companies
T1_COUNT = 25
T2_COUNT = 9  # every third T1: index % 3 == 0
SIRI_COUNT = 2
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _answers(framework: Framework, level: float, rng: random.Random) -> dict:
    """An answer set around `level` (0..1): higher levels tick more and rate higher."""
    answers: dict = {}
    for q in framework.questions.values():
        if q.type == "multi":
            ticked = [i for i, o in enumerate(q.options) if not o.negative and rng.random() < level]
            negative = [i for i, o in enumerate(q.options) if o.negative]
            if negative and level < 0.2 and rng.random() < 0.4:
                ticked = [negative[0]]  # "data is not collected digitally"
            answers[q.id] = ticked
        elif q.type == "grid":
            already = [i for i in range(len(q.rows)) if rng.random() < level * 0.8]
            planned = [i for i in range(len(q.rows)) if i not in already and rng.random() < 0.3]
            answers[q.id] = {"already": already, "planned": planned}
        elif q.type in ("scale", "band"):
            values = [
                max(0, min(LEVEL_MAX, round(rng.gauss(level * LEVEL_MAX, 1))))
                for _ in range(len(q.rows) if q.type == "scale" else 1)
            ]
            answers[q.id] = values if q.type == "scale" else values[0]
        else:  # ternary
            answers[q.id] = [
                "yes" if r < level else "partial" if r < level + 0.25 else "no"
                for r in (rng.random() for _ in q.rows)
            ]
    return answers


def _assess(company, programme, stage, framework, answers, when, by, self_service):
    if Assessment.objects.filter(
        company=company, programme=programme, stage=stage, framework=framework.id
    ).exists():
        return None
    assessment = services.assessment_start(
        company=company,
        programme=programme,
        stage=stage,
        framework=framework.id,
        answered_by=AnsweredBy.COMPANY if self_service else AnsweredBy.COACH,
        by=by,
    )
    contact = company.contacts.first() if self_service else None
    services.assessment_submit(assessment=assessment, answers=answers, by=by, contact=contact)
    Assessment.objects.filter(pk=assessment.pk).update(
        started=when - timedelta(days=3), submitted=when
    )
    return assessment


def load() -> None:
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is None:
        return
    coach = get_user_model().objects.filter(username="coach").first()
    dma = load_framework(DEFAULT_FRAMEWORK)
    siri = load_framework("dipps-siri")
    companies = list(Company.objects.filter(participations__programme=programme).order_by("orgnr"))
    # The demo representative's company always has T0 and T1 to look at.
    shown = Company.objects.filter(representatives__role="company").values_list("pk", flat=True)
    ordered = sorted(companies, key=lambda c: (c.pk not in set(shown), c.orgnr))
    start = datetime(2024, 1, 15, 10, tzinfo=STOCKHOLM)
    for index, company in enumerate(ordered[:T0_SHARE]):
        rng = random.Random(f"maturity-{company.orgnr}")
        level = rng.uniform(0.08, 0.8)
        when = start + timedelta(days=index * 5)
        _assess(
            company, programme, "t0", dma, _answers(dma, level, rng), when, coach, index % 4 == 1
        )
        if index < T1_COUNT:
            later = min(0.98, level + rng.uniform(0.05, 0.25))
            t1_when = when + timedelta(days=300 + rng.randrange(60))
            _assess(company, programme, "t1", dma, _answers(dma, later, rng), t1_when, coach, False)
            if index % 3 == 0:
                # A third made their T2 on time, twelve months after T1; the others are
                # due or overdue on the coach's desk (followup.py).
                t2_when = t1_when + timedelta(days=360 + rng.randrange(5))
                last = min(0.99, later + rng.uniform(0.0, 0.1))
                _assess(
                    company, programme, "t2", dma, _answers(dma, last, rng), t2_when, coach, False
                )
        if index < SIRI_COUNT:
            _assess(company, programme, "t0", siri, _answers(siri, level, rng), when, coach, False)
