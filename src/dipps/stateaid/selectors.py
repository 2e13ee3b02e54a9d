"""Reads of the de minimis register, scoped to the asking user.

Staff see every firm's ledger; a company representative sees only their own
firm's (another firm is a 404 through `company_get`); observers see none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from dipps.accounts.roles import STAFF, has_role
from dipps.companies.models import Company
from dipps.companies.selectors import companies_visible_to, company_get

from . import deminimis
from .models import AidEntry, UndertakingMember
from .services import undertaking_company_ids

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

    @property
    def used_percent(self) -> Decimal:
        return (self.three_year_sum_eur * 100 / self.ceiling_eur).quantize(Decimal("0.1"))

    @property
    def level(self) -> str:
        if self.headroom_eur <= 0:
            return "error"
        return "warning" if self.headroom_eur < self.ceiling_eur / 10 else "ok"


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
    start, end = deminimis.window(on)
    total, linked = _undertaking_sum(company.pk, start, end)
    members = []
    if linked:
        others = [i for i in undertaking_company_ids(company.pk) if i != company.pk]
        members = list(Company.objects.filter(id__in=others).order_by("name"))
    return Headroom(company, on, start, end, total, deminimis.CEILING_EUR - total, members=members)


def headroom_for(user, pk: int, on: date | None = None) -> Headroom:
    from django.shortcuts import get_object_or_404

    return headroom_of(get_object_or_404(companies_visible_to(user).only("id", "name"), pk=pk), on)


def headroom_or_none(user, company: Company) -> Headroom | None:
    """For the company page include: None when the user may not see the ledger."""
    if not companies_visible_to(user).filter(pk=company.pk).exists():
        return None
    return headroom_of(company)


def company_ledger(user, pk: int):
    """(company, headroom, entries of the whole undertaking, newest first)."""
    company = company_get(user, pk)
    head = headroom_of(company)
    ids = [company.pk] + [m.pk for m in head.members]
    entries = (
        AidEntry.objects.filter(company_id__in=ids)
        .select_related("company", "programme")
        .order_by("-granted", "-id")
    )
    return company, head, entries


def certificate_data(user, pk: int, programme_code: str) -> dict:
    from django.shortcuts import get_object_or_404

    from dipps.programmes.models import Programme

    company = company_get(user, pk)
    programme = get_object_or_404(Programme, code=programme_code)
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
        "regulation": deminimis.REGULATION,
        "today": timezone.localdate(),
    }


def register_entries(user):
    """The whole register for staff; nothing for anyone else."""
    if not has_role(user, *STAFF):
        return AidEntry.objects.none()
    return AidEntry.objects.select_related("company", "programme").order_by("granted", "id")
