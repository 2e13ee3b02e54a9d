"""The salary records behind the handbook's unit cost per hour (`StaffSalary`).

Per programme and person: the ordinary full-time monthly salary in the person's first month
in the project, project-related supplements included, taxable benefits never (Tillväxtverket,
*Handbok för EU-projekt 2021–2027*, "Personalkostnader – enhetskostnad per timme"), the first
month and the document that shows it. The page posts every row to `staff_salaries_set`,
which saves all of them or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.programmes.models import Programme

from ..models import StaffSalary


@dataclass
class SalaryInput:
    user: object  # a user of the programme
    first_month: date
    monthly_salary_sek: Decimal
    document: str


def _person(user) -> str:
    return user.get_full_name() or user.username


def _month(d: date) -> str:
    return f"{d:%Y-%m}"


def salary_problems(programme: Programme, rows: list[SalaryInput]) -> list[str]:
    """Every problem of the rows, each naming the row, the field and what is expected."""
    problems = []
    seen: dict[int, int] = {}
    first_allowed = programme.start.replace(day=1)
    for n, row in enumerate(rows, 1):
        where = {"n": n}
        if row.user.pk in seen:
            problems.append(
                _("Row %(n)s, person: %(person)s already has a salary record (row %(other)s).")
                % {**where, "person": _person(row.user), "other": seen[row.user.pk]}
            )
        seen.setdefault(row.user.pk, n)
        if row.first_month.day != 1:
            problems.append(
                _("Row %(n)s, first month in the project: give a month as YYYY-MM.") % where
            )
        elif not first_allowed <= row.first_month <= programme.end:
            problems.append(
                _(
                    "Row %(n)s, first month in the project: %(month)s lies outside the "
                    "programme (%(start)s to %(end)s)."
                )
                % {
                    **where,
                    "month": _month(row.first_month),
                    "start": _month(programme.start),
                    "end": _month(programme.end),
                }
            )
        if row.monthly_salary_sek <= 0 or row.monthly_salary_sek != row.monthly_salary_sek.quantize(
            Decimal("0.01")
        ):
            problems.append(
                _(
                    "Row %(n)s, monthly salary: give the full-time monthly salary in kronor, "
                    "more than 0 and with at most two decimals."
                )
                % where
            )
        if not row.document.strip():
            problems.append(
                _(
                    "Row %(n)s, documented by: name the document that shows the salary, "
                    "e.g. the employment contract or the payslip of the first month."
                )
                % where
            )
    return problems


@transaction.atomic
def staff_salaries_set(*, programme: Programme, rows: list[SalaryInput], by=None) -> None:
    """Replace the programme's salary records with `rows` (all or nothing, audited).

    A changed record changes the unit cost of every month after the next staff-cost fetch;
    rows of claimed periods stay frozen (`staff_costs`), so a change there is refused then."""
    problems = salary_problems(programme, rows)
    if problems:
        raise ValidationError(problems)
    existing = {s.user_id: s for s in StaffSalary.objects.filter(programme=programme)}
    wanted = {row.user.pk for row in rows}
    for user_id, salary in existing.items():
        if user_id not in wanted:
            audit.record(instance=salary, action="delete", by=by, changes=audit.snapshot(salary))
            salary.delete()
    for row in rows:
        values = {
            "first_month": row.first_month,
            "monthly_salary_sek": row.monthly_salary_sek,
            "document": row.document.strip(),
        }
        salary = existing.get(row.user.pk)
        if salary is None:
            salary = StaffSalary.objects.create(programme=programme, user=row.user, **values)
            audit.record(instance=salary, action="create", by=by, changes=audit.snapshot(salary))
            continue
        changes = {
            name: [str(getattr(salary, name)), str(value)]
            for name, value in values.items()
            if getattr(salary, name) != value
        }
        if changes:
            for name, value in values.items():
                setattr(salary, name, value)
            salary.save()
            audit.record(instance=salary, action="update", by=by, changes=changes)
