"""Rows of the read API: model objects into the plain shapes of `schemas`.

Only what the UI shows the same user goes out: contact people for the programme's staff
only, a sole trader's number always masked (an API answer is a list that ends up in a
spreadsheet, where `companies.orgnr.shown` masks it too), never an assessment's answers or
an activity's note (free text may hold anything, personal data included).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.db import models
from django.utils import translation
from django.utils.translation import get_language

from dipps.accounts.roles import STAFF, company_roles
from dipps.companies import municipalities, orgnr
from dipps.companies.models import Company, SizeClass, TargetGroup
from dipps.engagements import catalogue
from dipps.engagements.models import Activity
from dipps.finance import budget
from dipps.finance.models import PaymentClaim, category_label
from dipps.finance.services import claim_figures
from dipps.indicators.models import Unit
from dipps.maturity.figures import rounded
from dipps.maturity.frameworks import FrameworkError, load_framework
from dipps.maturity.models import Assessment
from dipps.maturity.selectors import band_title

from .conditional import Window


@lru_cache(maxsize=64)
def _labels(choices: type[models.TextChoices], language: str) -> dict[str, str]:
    """A code list's labels in one language, made once (a model's get_FOO_display
    translates its whole list again on every call: a third of a company row's time)."""
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def label(choices: type[models.TextChoices], value: str) -> str:
    return _labels(choices, get_language() or "sv").get(value, value)


def page(window: Window, results: list) -> dict:
    return {
        "count": window.count,
        "limit": window.limit,
        "offset": window.offset,
        "next_offset": window.next_offset,
        "previous_offset": window.previous_offset,
        "results": results,
    }


def programme_row(programme, role: str | None) -> dict:
    return {
        "code": programme.code,
        "name": programme.name,
        "start": programme.start,
        "end": programme.end,
        "status": programme.status,
        "status_label": str(programme.get_status_display()),
        "role": role,
    }


def indicator_row(row) -> dict:
    ind = row.indicator
    return {
        "code": ind.code,
        "name": ind.name_in(get_language() or "sv"),
        "unit": ind.unit,
        "unit_label": str(Unit(ind.unit).label) if ind.unit in Unit.values else ind.unit,
        "value": row.value,
        "cumulative": row.cumulative,
        "target": row.target,
        "percent": row.percent,
        "definition": ind.definition,
    }


def company_row(user, company: Company) -> dict:
    # The access helper's own rule, fed from the prefetched participations (one query for
    # the page, not one per firm as `roles_for_company` would make).
    taking_part = [p.programme_id for p in company.participations.all()]
    staff = bool(company_roles(user, company.pk, taking_part) & set(STAFF))
    return {
        "id": company.pk,
        "orgnr": orgnr.shown(company.orgnr, is_sole_trader=company.is_sole_trader),
        "name": company.name,
        "is_sole_trader": company.is_sole_trader,
        "municipality_code": company.municipality_code,
        "municipality": municipalities.name(company.municipality_code),
        "target_group": company.target_group,
        "target_group_label": label(TargetGroup, company.target_group),
        "size_class": company.size_class,
        "size_class_label": label(SizeClass, company.size_class),
        "primary_division": company.primary_division,
        "sni": [{"code": s.code, "version": s.version} for s in company.sni_codes.all()],
        "programmes": sorted(p.programme.code for p in company.participations.all()),
        "updated": company.updated,
        "contacts": (
            [
                {"name": c.name, "role": c.role, "email": c.email, "phone": c.phone}
                for c in company.contacts.all()
            ]
            if staff
            else None
        ),
    }


def _framework(assessment: Assessment):
    try:
        return load_framework(assessment.framework, assessment.framework_version)
    except FrameworkError:
        return None


def assessment_row(assessment: Assessment) -> dict | None:
    scores = assessment.exact
    if scores is None or assessment.submitted is None:
        return None
    framework = _framework(assessment)
    language = get_language() or "sv"
    titles = {d.id: d.title.get(language) for d in framework.dimensions} if framework else {}
    order = list(titles) + [k for k in scores.dimensions if k not in titles]
    return {
        "id": assessment.pk,
        "company_id": assessment.company_id,
        "company": assessment.company.name,
        "programme": assessment.programme.code,
        "stage": assessment.stage,
        "stage_label": str(assessment.get_stage_display()),
        "framework": assessment.framework,
        "framework_version": assessment.framework_version,
        "version": assessment.version,
        "is_current": assessment.is_current,
        "date": assessment.submitted.date(),
        "submitted": assessment.submitted,
        "overall": rounded(scores.overall),
        "band": assessment.band,
        "band_title": band_title(framework, assessment.band) if framework else "",
        "dimensions": [
            {"dimension": k, "title": titles.get(k, k), "score": rounded(scores.dimensions[k])}
            for k in order
            if k in scores.dimensions
        ],
    }


def activity_row(activity: Activity, visible_ids: set[int] | None) -> dict:
    women, men, other = (
        activity.participants_women,
        activity.participants_men,
        activity.participants_other,
    )
    firms = [s.company_id for s in activity.shares.all()]
    return {
        "id": activity.pk,
        "programme": activity.programme.code,
        "date": activity.date,
        "type": activity.type,
        "type_label": catalogue.type_label(activity.type),
        "staff_hours": activity.staff_hours,
        "participant_hours": activity.participant_hours,
        "participants": {"women": women, "men": men, "other": other, "total": women + men + other},
        "company_ids": sorted(f for f in firms if visible_ids is None or f in visible_ids),
    }


def claim_row(claim: PaymentClaim) -> dict:
    figures = claim_figures(claim)
    period = claim.period
    return {
        "id": claim.pk,
        "programme": period.programme.code,
        "period": period.number,
        "start": period.start,
        "end": period.end,
        "status": claim.status,
        "status_label": str(claim.get_status_display()),
        "submitted": claim.submitted,
        "totals": {
            "eligible": figures.total,
            "income": figures.income,
            "net_eligible": figures.net_total,
            "cumulative_eligible": figures.cumulative_total,
            "cumulative_net_eligible": figures.cumulative_net_total,
            "budget": figures.budget_total,
            "flat_rate_percent": figures.rate_percent,
        },
        "costs": [
            {
                "category": str(key),
                "label": category_label(str(key), figures.cost_model),
                "period": figures.costs.get(key, Decimal("0.00")),
                "cumulative": figures.cumulative.get(key, Decimal("0.00")),
            }
            for key in budget.ORDER
        ],
    }
