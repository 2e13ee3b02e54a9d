"""Writes of a de minimis case: the steps before support, and the drawdown during it.

draft → declared (the representative signs, or a signed declaration is uploaded) →
checked (the ex-ante check of the planned aid against the ceiling) → approved or refused
(the programme manager records the aid giver's decision). A new decision on an approved
case raises the approved amount. Each step runs in one transaction and is kept in the
audit history. `case_drawdown` is called by the engagements services inside their own
transaction, before `services.aid_grant` (which keeps the ceiling check as the second
guard). See docs/de-minimis.md.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit, formatting

from . import deminimis, regulations
from .models import DeMinimisCase
from .selectors_case import case_declaration, drawdown_of, in_force
from .services import aid_check, aid_rate_on, eur_rate_on

Status = DeMinimisCase.Status
CHECK_FIELDS = [
    "checked_at",
    "check_on",
    "check_regulation",
    "check_window_start",
    "check_window_end",
    "check_planned_eur",
    "check_aid_in_window_eur",
    "check_ceiling_eur",
    "check_headroom_eur",
    "check_allowed",
]


def _plain(value):
    """`audit.plain`, through dicts and lists too."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return audit.plain(value)


def _log(case: DeMinimisCase, action: str, by, **changes) -> None:
    audit.record(instance=case, action=action, by=by, changes=_plain(changes))


def _refuse_unless(case: DeMinimisCase, *statuses: str) -> None:
    if case.status not in statuses:
        raise ValidationError(
            _("This step cannot be taken now: the case is %(status)s.")
            % {"status": case.get_status_display()},
            code="status",
        )


@transaction.atomic
def case_open(*, programme, company, by) -> DeMinimisCase:
    """Open the firm's case in a programme (one per firm and programme, like its engagement)."""
    if not company.participations.filter(programme=programme).exists():
        raise ValidationError(
            _("%(company)s does not take part in %(programme)s.")
            % {"company": company.name, "programme": programme.code},
            code="not_taking_part",
        )
    case, created = DeMinimisCase.objects.get_or_create(
        programme=programme,
        company=company,
        defaults={"created_by": audit.acting_user(by), "sector": _sector(company)},
    )
    if not created:
        raise ValidationError(
            _("%(company)s already has a de minimis case in %(programme)s.")
            % {"company": company.name, "programme": programme.code},
            code="exists",
        )
    _log(case, "create", by, step="opened", status=case.status, sector=case.sector)
    return case


def _sector(company) -> str:
    return ", ".join(f"{s.code} (SNI {s.version})" for s in company.sni_codes.all())


def _clear_check(case: DeMinimisCase) -> None:
    for name in CHECK_FIELDS:
        setattr(case, name, None)
    case.check_regulation = ""


@transaction.atomic
def case_plan(
    *,
    case: DeMinimisCase,
    by,
    planned_hours: Decimal | None = None,
    external_cost_sek: Decimal | None = None,
    planned_aid_sek: Decimal | None = None,
    on: date | None = None,
) -> DeMinimisCase:
    """Set the planned aid value: entered, or planned coach hours × the programme's aid
    hourly rate (today's) plus planned external costs. A new plan needs a new check."""
    _refuse_unless(case, Status.DRAFT, Status.DECLARED, Status.CHECKED, Status.APPROVED)
    on = on or timezone.localdate()
    if planned_aid_sek is None:
        if planned_hours is None:
            raise ValidationError(
                {"planned_hours": _("Enter the planned coach hours or the planned aid value.")}
            )
        if planned_hours < 0 or (external_cost_sek or 0) < 0:
            raise ValidationError(_("Hours and costs cannot be negative."), code="negative")
        rate = aid_rate_on(case.programme, on)
        planned_aid_sek = deminimis.aid_value_sek(
            planned_hours, rate, external_cost_sek or Decimal(0)
        )
    elif planned_aid_sek < 0:
        raise ValidationError({"planned_aid_sek": _("The amount cannot be negative.")})
    before = (case.planned_hours, case.planned_aid_sek, case.status)
    case.planned_hours = planned_hours
    case.planned_aid_sek = planned_aid_sek
    _clear_check(case)
    if case.status == Status.CHECKED:
        case.status = Status.DECLARED
    case.save()
    _log(
        case,
        "update",
        by,
        step="planned",
        planned_hours=[before[0], case.planned_hours],
        planned_aid_sek=[before[1], case.planned_aid_sek],
        status=[before[2], case.status],
    )
    return case


def _declared(case: DeMinimisCase, by, how: str) -> None:
    """The declaration as signed: a snapshot of what the firm declares."""
    case.declaration = case_declaration(case)
    case.declared_by = audit.acting_user(by)
    case.declared_at = timezone.now()
    if case.status == Status.DRAFT:
        case.status = Status.DECLARED
    case.save()
    _log(case, "update", by, step=how, status=case.status, declaration=case.declaration)


@transaction.atomic
def case_sign(*, case: DeMinimisCase, by) -> DeMinimisCase:
    """The company representative signs the declaration digitally: who and when is kept.

    The view lets only the firm's representative in the case's programme get here."""
    _refuse_unless(case, Status.DRAFT, Status.DECLARED)
    _declared(case, by, "signed")
    return case


#: The first bytes of a PDF file.
PDF_MAGIC = b"%PDF-"


@transaction.atomic
def case_upload(*, case: DeMinimisCase, upload, by) -> DeMinimisCase:
    """A declaration signed on paper, scanned to PDF (size checked by the form's
    `core.uploads.UploadField` before anything reads it)."""
    _refuse_unless(case, Status.DRAFT, Status.DECLARED)
    head = upload.read(len(PDF_MAGIC))
    if head != PDF_MAGIC:
        raise ValidationError(
            {"file": _("The signed declaration must be a PDF file (a scan of the signed paper).")}
        )
    upload.seek(0)
    case.declaration_filename = upload.name[-255:]
    case.declaration_file.save(
        f"{secrets.token_hex(16)}.pdf", ContentFile(upload.read()), save=False
    )
    _declared(case, by, "uploaded")
    return case


@transaction.atomic
def case_check(*, case: DeMinimisCase, by, on: date | None = None) -> DeMinimisCase:
    """The ex-ante check of the planned aid (2023/2831 art. 6(1)): the regulation, window and
    headroom of a grant today, counting every aid to the single undertaking, and the later
    grants re-checked. Aid this programme already granted under the case is in the ledger,
    so only the rest of the plan is checked as new aid."""
    _refuse_unless(case, Status.DECLARED, Status.CHECKED, Status.APPROVED)
    if case.planned_aid_sek is None:
        raise ValidationError(_("Enter the planned aid value before the check."), code="no_plan")
    on = on or timezone.localdate()
    used = drawdown_of(case).used_sek
    new_sek = max(case.planned_aid_sek - used, Decimal(0))
    new_eur = deminimis.sek_to_eur(new_sek, eur_rate_on(on))
    decision = aid_check(case.company_id, new_eur, on)
    case.checked_at = timezone.now()
    case.check_on = on
    case.check_regulation = decision.regulation
    case.check_window_start = decision.window_start
    case.check_window_end = decision.window_end
    case.check_planned_eur = new_eur
    case.check_aid_in_window_eur = decision.total_with_new_eur
    case.check_ceiling_eur = decision.ceiling_eur
    case.check_headroom_eur = decision.headroom_eur
    case.check_allowed = decision.allowed
    if case.status == Status.DECLARED:
        case.status = Status.CHECKED
    case.save()
    _log(
        case,
        "update",
        by,
        step="checked",
        check={f: getattr(case, f) for f in CHECK_FIELDS},
        status=case.status,
    )
    return case


@transaction.atomic
def case_decide(
    *,
    case: DeMinimisCase,
    approved: bool,
    reference: str,
    decided: date,
    approved_sek: Decimal | None,
    by,
    note: str = "",
) -> DeMinimisCase:
    """Record the aid giver's decision (the programme manager; the view checks the role).

    Approval needs a check that allowed the planned aid, and approves at most the planned
    aid value that was checked. On an approved case a new decision raises the amount."""
    _refuse_unless(case, Status.CHECKED, Status.APPROVED)
    if not reference.strip():
        raise ValidationError({"reference": _("Enter the decision's reference (diary number).")})
    current = in_force(case)
    if not approved:
        if case.status == Status.APPROVED:
            raise ValidationError(
                _("The case is approved; a new decision can only raise the approved amount."),
                code="refuse_approved",
            )
        approved_sek = Decimal(0)
    else:
        if case.check_allowed is None:
            raise ValidationError(
                _("Run the check of the planned aid before the decision."), code="unchecked"
            )
        if not case.check_allowed:
            raise ValidationError(
                _(
                    "The check found the planned aid over the ceiling of %(regulation)s "
                    "(headroom %(headroom)s EUR); the aid cannot be approved. Lower the planned "
                    "aid and check again, or refuse."
                )
                % {
                    "regulation": regulations.NAMES[case.check_regulation],
                    "headroom": formatting.number(case.check_headroom_eur, 2),
                },
                code="over_ceiling",
            )
        if approved_sek is None or approved_sek <= 0:
            raise ValidationError({"approved_sek": _("Enter the approved aid in SEK.")})
        if approved_sek > case.planned_aid_sek:
            raise ValidationError(
                {
                    "approved_sek": _(
                        "At most the checked planned aid, %(planned)s, can be approved; to "
                        "approve more, raise the planned aid and check again."
                    )
                    % {"planned": formatting.kr(case.planned_aid_sek)}
                }
            )
        if current is not None and approved_sek <= current.approved_sek:
            raise ValidationError(
                {
                    "approved_sek": _(
                        "A new decision must raise the approved amount above %(current)s."
                    )
                    % {"current": formatting.kr(current.approved_sek)}
                }
            )
        if current is not None and decided < current.decided:
            raise ValidationError(
                {
                    "decided": _("A new decision cannot be dated before the one in force, %(day)s.")
                    % {"day": current.decided.isoformat()}
                }
            )
    row = case.decisions.create(
        approved=approved,
        reference=reference.strip(),
        decided=decided,
        approved_sek=approved_sek,
        note=note,
        by=audit.acting_user(by),
    )
    before = case.status
    case.status = Status.APPROVED if approved else Status.REFUSED
    case.save(update_fields=["status"])
    _log(
        case,
        "update",
        by,
        step="decided",
        status=[before, case.status],
        decision={
            "id": row.pk,
            "approved": approved,
            "reference": row.reference,
            "decided": decided,
            "approved_sek": approved_sek,
        },
    )
    return case


def case_drawdown(*, grants, programme, day: date) -> None:
    """Refuse support that no approved case covers (runs in the caller's transaction).

    `grants`: the `services.Grant`s of one activity. Each firm needs an approved case in the
    programme, decided on or before the activity's day, with room left for its share."""
    wanted: dict[int, Decimal] = defaultdict(Decimal)
    companies = {}
    for g in grants:
        wanted[g.company.pk] += g.amount_sek
        companies[g.company.pk] = g.company
    cases = {
        c.company_id: c
        for c in DeMinimisCase.objects.select_for_update()
        .filter(programme=programme, company_id__in=list(wanted))
        .order_by("company_id")
    }
    for pk in sorted(wanted):
        company, case = companies[pk], cases.get(pk)
        names = {"company": company.name, "programme": programme.code}
        if case is None or case.status != Status.APPROVED:
            raise ValidationError(
                _(
                    "%(company)s has no approved de minimis case in %(programme)s, so no support "
                    "may be recorded yet. On the firm's state-aid page: open the case, have the "
                    "representative sign the declaration, run the check and ask the programme "
                    "manager to record the decision."
                )
                % names,
                code="no_case",
            )
        first = case.decisions.filter(approved=True).order_by("decided", "id").first()
        if first is not None and day < first.decided:
            raise ValidationError(
                _(
                    "Support to %(company)s on %(day)s would come before the de minimis "
                    "decision of %(decided)s (%(reference)s); support may start on the "
                    "decision day at the earliest."
                )
                % {
                    **names,
                    "day": day.isoformat(),
                    "decided": first.decided.isoformat(),
                    "reference": first.reference,
                },
                code="before_decision",
            )
        draw = drawdown_of(case)
        if not draw.allows(wanted[pk]):
            raise ValidationError(
                _(
                    "Support to %(company)s of %(new)s would take the aid under its de minimis "
                    "decision to %(total)s, over the approved %(approved)s (%(left)s left). Ask "
                    "the programme manager to record a new decision raising the approved amount, "
                    "or reduce the hours or cost for this company."
                )
                % {
                    **names,
                    "new": formatting.kr(wanted[pk]),
                    "total": formatting.kr(draw.used_sek + wanted[pk]),
                    "approved": formatting.kr(draw.approved_sek),
                    "left": formatting.kr(draw.left_sek),
                },
                code="over_approved",
            )


__all__ = [
    "case_check",
    "case_decide",
    "case_drawdown",
    "case_open",
    "case_plan",
    "case_sign",
    "case_upload",
]
