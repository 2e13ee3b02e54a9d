"""Reads of de minimis cases, scoped to the asking user.

A case belongs to a firm in a programme. It is read by the roles that count for the
firm (`companies.selectors.company_for`) that are held in the case's programme: that
programme's staff, and the firm's own representative there. Another firm's case, or a
case in a programme where the user holds no role, is a 404.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dipps.accounts.models import Role
from dipps.accounts.roles import WRITERS, memberships_of
from dipps.companies.models import Company
from dipps.core.audit import history_for
from dipps.programmes.models import Programme

from . import deminimis, drawdown
from .models import AidEntry, CaseDecision, DeMinimisCase, UndertakingMember


def case_roles(user, case: DeMinimisCase) -> set[str]:
    """The roles the user holds in the case's programme that count for its firm."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.MANAGER}
    roles = set()
    for m in memberships_of(user):
        if m.programme_id != case.programme_id:
            continue
        if m.role != Role.COMPANY or m.company_id == case.company_id:
            roles.add(m.role)
    return roles


def case_for(user, pk: int, roles) -> DeMinimisCase:
    """The case `pk` if the user holds one of `roles` for it: 404 when the user may not see
    it at all, 403 when they see it with another role."""
    case = get_object_or_404(
        DeMinimisCase.objects.select_related("programme", "company", "declared_by"), pk=pk
    )
    held = case_roles(user, case) - {Role.OBSERVER}
    if not held:
        raise Http404
    if not held & set(roles):
        raise PermissionDenied
    return case


def in_force(case: DeMinimisCase) -> CaseDecision | None:
    """The decision in force: the latest approving one (a refusal approves nothing)."""
    return case.decisions.filter(approved=True).order_by("-decided", "-id").first()


def used_sek(case: DeMinimisCase) -> Decimal:
    """Aid the programme has granted the firm (activity shares), in SEK."""
    total = AidEntry.objects.filter(
        company_id=case.company_id,
        programme_id=case.programme_id,
        source=AidEntry.Source.PROGRAMME,
    ).aggregate(s=Sum("amount_sek"))["s"]
    return Decimal(str(total or 0)).quantize(deminimis.CENT)


def drawdown_of(case: DeMinimisCase) -> drawdown.Drawdown:
    decision = in_force(case)
    approved = decision.approved_sek if decision else Decimal("0.00")
    return drawdown.Drawdown(approved, used_sek(case))


def case_declaration(case: DeMinimisCase) -> dict:
    """What the firm declares: its sector, the members of its single undertaking and the
    de minimis aid they declared from other givers in the window of a grant today
    (JSON-safe: kept as signed in `DeMinimisCase.declaration`)."""
    today = timezone.localdate()
    start, end = deminimis.window(today)
    member = UndertakingMember.objects.filter(company=case.company).first()
    members = []
    ids = [case.company_id]
    if member is not None:
        rows = UndertakingMember.objects.filter(undertaking_id=member.undertaking_id)
        ids = sorted({r.company_id for r in rows} | {case.company_id})
        members = list(
            Company.objects.filter(id__in=ids)
            .exclude(pk=case.company_id)
            .values_list("name", flat=True)
        )
    aid = AidEntry.objects.filter(
        company_id__in=ids, source=AidEntry.Source.DECLARED, granted__range=(start, end)
    ).select_related("company")
    return {
        "sector": case.sector,
        "members": sorted(members),
        "window": [start.isoformat(), end.isoformat()],
        "aid": [
            {
                "company": a.company.name,
                "giver": a.giver,
                "granted": a.granted.isoformat(),
                "amount_sek": str(a.amount_sek),
                "amount_eur": str(a.amount_eur),
            }
            for a in aid.order_by("granted", "id")
        ],
    }


def cases_of(user, company: Company):
    """The firm's cases in the programmes where the user holds a role that counts for it."""
    qs = DeMinimisCase.objects.filter(company=company).select_related("programme")
    if user.is_superuser:
        return qs
    ids = [
        m.programme_id
        for m in memberships_of(user)
        if m.role != Role.OBSERVER and (m.role != Role.COMPANY or m.company_id == company.pk)
    ]
    return qs.filter(programme_id__in=ids)


def programmes_to_open(user, company: Company):
    """Programmes the firm takes part in where the user is a writer and no case is open."""
    taking_part = company.participations.values_list("programme_id", flat=True)
    qs = Programme.objects.filter(id__in=taking_part).exclude(deminimis_cases__company=company)
    if user.is_superuser:
        return qs
    ids = [m.programme_id for m in memberships_of(user) if m.role in WRITERS]
    return qs.filter(id__in=ids)


STEPS = {
    "opened": _("case opened"),
    "planned": _("planned aid entered"),
    "signed": _("declaration signed digitally"),
    "uploaded": _("signed declaration uploaded"),
    "checked": _("checked against the ceiling"),
    "decided": _("decision recorded"),
}


def case_history(case: DeMinimisCase) -> list[dict]:
    """The case's audit history, each step named in words."""
    return [
        {
            "at": h.at,
            "user": h.user,
            "step": STEPS.get(h.changes.get("step"), h.get_action_display()),
        }
        for h in history_for(case).order_by("-at", "-id")[:50]
    ]


def case_detail(case: DeMinimisCase) -> dict:
    return {
        "case": case,
        "decisions": list(case.decisions.select_related("by").order_by("decided", "id")),
        "drawdown": drawdown_of(case),
        "history": case_history(case),
        "declaration": case.declaration or case_declaration(case),
    }


def drawdown_warnings(programme, companies) -> list[tuple[Company, drawdown.Drawdown]]:
    """The firms whose approved amount in the programme is used to 90 % or more."""
    found = []
    cases = DeMinimisCase.objects.filter(
        programme=programme,
        company__in=list(companies),
        status=DeMinimisCase.Status.APPROVED,
    ).select_related("company")
    for case in cases.order_by("company__name"):
        draw = drawdown_of(case)
        if draw.warn:
            found.append((case.company, draw))
    return found


def cases_to_sign(user):
    """Cases of the firms the user represents that wait for the representative's signature
    (in the programme where they represent the firm)."""
    pairs = [(m.programme_id, m.company_id) for m in memberships_of(user) if m.role == Role.COMPANY]
    cases = DeMinimisCase.objects.none()
    for programme_id, company_id in pairs:
        cases |= DeMinimisCase.objects.filter(
            programme_id=programme_id, company_id=company_id, status=DeMinimisCase.Status.DRAFT
        )
    return cases.select_related("company", "programme").order_by("company__name")


def cases_awaiting_decision(programme):
    """The programme's cases whose ex-ante check is done and that wait for the aid giver's
    decision (the caller passes a programme where the user is a manager)."""
    return (
        DeMinimisCase.objects.filter(programme=programme, status=DeMinimisCase.Status.CHECKED)
        .select_related("company")
        .order_by("checked_at", "company__name")
    )
