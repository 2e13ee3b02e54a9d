"""Eligibility at the point of support: the check the support services call, and the
programme manager's audited overrides (docs/working-method.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit

from .models import (
    Company,
    EligibilityOverride,
)
from .selectors import eligibility_of, reason_text

# --- eligibility at the point of support ---------------------------------------------


def eligibility_require(*, companies, programme) -> None:
    """Refuse support from `programme` to a firm that is not eligible (companies/
    eligibility.py) unless a programme manager has overridden every reason that applies.

    The one call the support services make (an activity, a new timesheet row on an
    activity, a new action-plan item). Raises ValidationError naming each firm and
    every reason; returns nothing when all may be supported.
    """
    problems = []
    for company in companies:
        result = eligibility_of(company, programme)
        if result.allowed:
            continue
        reasons = " ".join(reason_text(r) for r in result.not_overridden)
        problems.append(
            _(
                "%(name)s may not be supported by %(programme)s: %(reasons)s A programme "
                "manager may record an override with a reason on the company page."
            )
            % {"name": company.name, "programme": programme.code, "reasons": reasons}
        )
    if problems:
        raise ValidationError({"companies": problems})


@transaction.atomic
def eligibility_override_set(*, company: Company, programme, motivation: str, by):
    """Record (or renew) a programme manager's override of the reasons that apply now.

    Refused when the firm is eligible (nothing to override), when the firm takes no
    part in the programme, or without a reason. The audit history of the firm keeps
    who decided, which reasons and why.
    """
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Give the reason for the override: it is kept in the history.")}
        )
    if not company.participations.filter(programme=programme).exists():
        raise ValidationError(
            {"programme": _("The firm takes no part in %(code)s.") % {"code": programme.code}}
        )
    result = eligibility_of(company)
    if result.eligible:
        raise ValidationError(
            {"programme": _("The firm is eligible: there is nothing to override.")}
        )
    codes = ",".join(result.codes)
    override, created = EligibilityOverride.objects.update_or_create(
        company=company,
        programme=programme,
        defaults={
            "reasons": codes,
            "motivation": motivation,
            "decided_by": audit.acting_user(by),
        },
    )
    audit.record(
        instance=company,
        action="update",
        by=by,
        changes={
            "eligibility_override": {
                "programme": programme.code,
                "reasons": list(result.codes),
                "motivation": motivation,
                "renewed": not created,
            }
        },
    )
    return override


@transaction.atomic
def eligibility_override_remove(*, override: EligibilityOverride, by) -> None:
    audit.record(
        instance=override.company,
        action="update",
        by=by,
        changes={
            "eligibility_override_removed": {
                "programme": override.programme.code,
                "reasons": override.reason_codes,
                "motivation": override.motivation,
            }
        },
    )
    override.delete()
