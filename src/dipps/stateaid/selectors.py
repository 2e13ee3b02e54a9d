"""Reads of the de minimis register, scoped to the asking user.

A firm's ledger is about the firm's total aid: every programme's aid and the aid it
declared count toward its ceiling, so whoever may see the firm (its programmes'
staff, its representative) sees all of it. Who may see the firm is decided by the
roles that count for it (`companies.selectors.company_for`): another firm is a 404.
The register of all firms lists the firms the user sees as staff. Observers see none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    FIRM_READERS,
    STAFF,
    WRITERS,
    memberships_of,
)
from dipps.companies.models import Company, SniCode
from dipps.companies.selectors import companies_visible_to, company_for, roles_for_company
from dipps.programmes.models import Programme

from . import deminimis
from .models import AidEntry, CaseDecision, UndertakingMember

CENT = Decimal("0.01")


@dataclass
class Headroom:
    company: Company
    on: date
    window_start: date
    window_end: date
    three_year_sum_eur: Decimal
    headroom_eur: Decimal
    ceiling_eur: Decimal = deminimis.CEILING_EUR
    members: list[Company] = field(default_factory=list)
    regulation: str = deminimis.R2831

    @property
    def used_percent(self) -> Decimal:
        return (self.three_year_sum_eur * 100 / self.ceiling_eur).quantize(Decimal("0.1"))

    @property
    def level(self) -> str:
        if self.headroom_eur <= 0:
            return "error"
        return "warning" if self.headroom_eur < self.ceiling_eur / 10 else "ok"


def undertaking_company_ids(company_id: int) -> list[int]:
    """The company and every enterprise recorded as one single undertaking with it."""
    member = UndertakingMember.objects.filter(company_id=company_id).values("undertaking_id")
    ids = list(
        UndertakingMember.objects.filter(undertaking_id__in=member).values_list(
            "company_id", flat=True
        )
    )
    return sorted(set(ids) | {company_id})


def _undertaking_sum(company_id: int, start: date, end: date) -> tuple[Decimal, bool]:
    """(aid to the company's single undertaking granted in [start, end], linked or not).

    One hand-written statement because it runs on every company page: the ORM
    would need two queries and spend more time building them than the database
    spends answering (a sum over the (company, granted) index).
    """
    aid, member = AidEntry._meta.db_table, UndertakingMember._meta.db_table
    sql = f"""
        SELECT
          (SELECT SUM(a.amount_eur) FROM {aid} a
            WHERE a.granted BETWEEN %s AND %s
              AND a.company_id IN (
                SELECT CAST(%s AS INTEGER)
                UNION ALL
                SELECT m2.company_id FROM {member} m1
                  JOIN {member} m2 ON m2.undertaking_id = m1.undertaking_id
                 WHERE m1.company_id = %s)),
          (SELECT COUNT(*) FROM {member} WHERE company_id = %s)
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, company_id, company_id, company_id])
        total, linked = cursor.fetchone()
    # (An IN over a small set, not an OR: PostgreSQL then walks the (company, granted)
    # index per company instead of scanning the table.)
    # SQLite sums decimals as floats: back to cents, as Django's own Sum does.
    total = Decimal(str(total or 0)).quantize(CENT, ROUND_HALF_UP)
    return total, bool(linked)


def headroom_of(company: Company, on: date | None = None) -> Headroom:
    """The undertaking's three-year sum in one statement; its members only when linked."""
    on = on or timezone.localdate()
    # The firm's own fiscal year (1407/2013's window counts fiscal years).
    start, end = deminimis.window(on, deminimis.FiscalYearEnd.parse(company.fiscal_year_end))
    total, linked = _undertaking_sum(company.pk, start, end)
    members = []
    if linked:
        others = [i for i in undertaking_company_ids(company.pk) if i != company.pk]
        members = list(Company.objects.filter(id__in=others).order_by("name"))
    ceiling = deminimis.ceiling_of(on)
    return Headroom(
        company,
        on,
        start,
        end,
        total,
        ceiling - total,
        ceiling,
        members=members,
        regulation=deminimis.regulation_of(on),
    )


def may_read(user, company: Company) -> bool:
    """May the user see the firm's ledger (a role that counts for the firm reads it)?"""
    return bool(roles_for_company(user, company) & set(FIRM_READERS))


def may_write(user, company: Company) -> bool:
    """May the user declare aid for the firm, or link or unlink it (a writer for the firm)?"""
    return bool(roles_for_company(user, company) & set(WRITERS))


def headroom_for(user, pk: int, on: date | None = None) -> Headroom:
    company = company_for(user, pk, FIRM_READERS, Company.objects.only("id", "name"))
    return headroom_of(company, on)


def headroom_or_none(user, company: Company) -> Headroom | None:
    """For the company page include: None when the user may not see the ledger."""
    if not may_read(user, company):
        return None
    return headroom_of(company)


def company_ledger(user, pk: int):
    """(company, headroom, entries of the whole undertaking, newest first)."""
    company = company_for(user, pk, FIRM_READERS)
    head = headroom_of(company)
    ids = [company.pk] + [m.pk for m in head.members]
    entries = (
        AidEntry.objects.filter(company_id__in=ids)
        .select_related("company", "programme")
        .order_by("-granted", "-id")
    )
    return company, head, entries


def certificate_programmes(user, company: Company):
    """The programmes whose de minimis certificate for the firm the user may issue: for a
    staff role that counts for the firm (see `accounts.roles.company_roles`), its programme
    and the predecessors; for the firm's representative, the programme where they represent
    it. A role held in a programme the firm takes no part in issues nothing."""
    if user.is_superuser:
        return Programme.objects.all()
    taking_part = set(company.participations.values_list("programme_id", flat=True))
    ids: set[int] = set()
    for m in memberships_of(user):
        if m.role == Role.COMPANY:
            if m.company_id == company.pk:
                ids.add(m.programme_id)
        elif m.role in STAFF and (not taking_part or taking_part & m.lineage):
            ids |= m.lineage
    return Programme.objects.filter(id__in=ids)


def certificate_data(user, pk: int, programme_code: str) -> dict:
    company = company_for(user, pk, FIRM_READERS)
    programme = get_object_or_404(certificate_programmes(user, company), code=programme_code)
    ours = AidEntry.objects.filter(
        company=company, programme=programme, source=AidEntry.Source.PROGRAMME
    ).order_by("granted", "id")
    totals = ours.aggregate(sek=Sum("amount_sek"), eur=Sum("amount_eur"))
    declared = AidEntry.objects.filter(
        company_id__in=undertaking_company_ids(company.pk), source=AidEntry.Source.DECLARED
    ).order_by("granted", "id")
    return {
        "company": company,
        "programme": programme,
        "entries": list(ours),
        "total_sek": totals["sek"] or Decimal("0.00"),
        "total_eur": totals["eur"] or Decimal("0.00"),
        "declared": list(declared.select_related("company")),
        "headroom": headroom_of(company),
        "decisions": list(
            CaseDecision.objects.filter(
                case__company=company, case__programme=programme, approved=True
            ).order_by("decided", "id")
        ),
        "regulation": deminimis.REGULATION,
        "today": timezone.localdate(),
    }


def register_entries(user, *, q: str = "", source: str = "", programme: str = "", year=None):
    """All aid (every programme's and declared) to the firms the user sees as staff;
    nothing for anyone else. Narrowed by the register's filters: a firm's name or
    organisation number (`q`), the source, the programme's code and the year granted."""
    entries = AidEntry.objects.all()
    if not user.is_superuser:
        entries = entries.filter(company__in=companies_visible_to(user, STAFF))
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        match = Q(company__name__icontains=q)
        if len(digits) >= 6:
            match |= Q(company__orgnr__contains=digits)
        entries = entries.filter(match)
    if source:
        entries = entries.filter(source=source)
    if programme:
        entries = entries.filter(programme__code=programme)
    if year:
        entries = entries.filter(granted__year=year)
    return entries.select_related("company", "programme").order_by("granted", "id")


def central_register_entries(programme):
    """The programme's own de minimis grants, oldest first, for the central register
    (2023/2831 art. 6): aid other givers granted is theirs to register. The caller has
    checked the user's role in the programme (`programme_view`)."""
    return (
        AidEntry.objects.filter(programme=programme, source=AidEntry.Source.PROGRAMME)
        .select_related("company", "programme__owner")
        .prefetch_related(
            Prefetch("company__sni_codes", queryset=SniCode.objects.order_by("position", "id"))
        )
        .order_by("granted", "id")
    )
