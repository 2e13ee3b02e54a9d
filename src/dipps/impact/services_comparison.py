"""Writes of the comparison group: the import, all rows or none (docs/impact.md,
"Comparison group")."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.companies.imports import RowError
from dipps.companies.models import Company
from dipps.core.progress import ProgressFn, report
from dipps.engagements.models import CompanySupport
from dipps.programmes.models import Programme

from . import did, matching
from .imports_comparison import FIGURES, ComparisonRow
from .models import ComparisonFirm, ComparisonYear, DidEstimate
from .selectors_comparison import load

VALUES = (*FIGURES, "employees")


def _supported(programme: Programme, numbers: set[str]) -> set[str]:
    """The numbers of firms that take part in or were supported by `programme`."""
    supported = CompanySupport.objects.filter(programme=programme).values("company_id")
    return set(
        Company.objects.filter(orgnr__in=numbers)
        .filter(Q(pk__in=supported) | Q(participations__programme=programme))
        .values_list("orgnr", flat=True)
    )


def check_rows(programme: Programme, rows: Sequence[ComparisonRow]) -> list[RowError]:
    """Every problem across rows: a firm and year given twice, a firm given two SNI codes,
    a firm of the programme itself (a supported firm cannot compare with itself)."""
    errors: list[RowError] = []
    supported = _supported(programme, {r.orgnr for r in rows})
    seen: dict[tuple[str, int], int] = {}
    sni_of: dict[str, tuple[str, int]] = {}
    for r in rows:
        if r.orgnr in supported:
            errors.append(
                RowError(
                    r.row,
                    "orgnr",
                    _(
                        "this firm takes part in the programme %(code)s; a supported firm "
                        "cannot be in its comparison group. Remove the row."
                    )
                    % {"code": programme.code},
                )
            )
        key = (r.orgnr, r.year)
        if key in seen:
            errors.append(
                RowError(
                    r.row,
                    "year",
                    _("this firm and year are already on row %(row)s.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = r.row
        if r.sni_code:
            first = sni_of.setdefault(r.orgnr, (r.sni_code, r.row))
            if first[0] != r.sni_code:
                errors.append(
                    RowError(
                        r.row,
                        "sni",
                        _("this firm has SNI code %(code)s on row %(row)s; give it one code.")
                        % {"code": first[0], "row": first[1]},
                    )
                )
    return errors


def comparison_import(
    *, programme: Programme, rows: Sequence[ComparisonRow], filename: str, by=None
) -> tuple[list[RowError], dict | None]:
    """Save the rows of a checked file for `programme`, all or none.

    Idempotent: a firm-year already stored is replaced by the file's figures; the same
    figures again change nothing (their first file stays their source). A firm's name, SNI
    code and municipality are set from the file where it gives them."""
    errors = check_rows(programme, rows)
    if errors:
        return errors, None
    now = timezone.now()
    created = updated = unchanged = 0
    with transaction.atomic():
        firms = {
            f.orgnr: f
            for f in ComparisonFirm.objects.select_for_update().filter(
                programme=programme, orgnr__in={r.orgnr for r in rows}
            )
        }
        for r in rows:
            firm = firms.get(r.orgnr)
            if firm is None:
                firm = firms[r.orgnr] = ComparisonFirm.objects.create(
                    programme=programme, orgnr=r.orgnr
                )
            changed = []
            for attr, value in (
                ("name", r.name),
                ("sni_code", r.sni_code),
                ("municipality_code", r.municipality),
            ):
                if value and getattr(firm, attr) != value:
                    setattr(firm, attr, value)
                    changed.append(attr)
            if r.sni_code and firm.division != r.division:
                firm.division = r.division
                changed.append("division")
            if changed:
                firm.save(update_fields=changed)
        stored = {
            (y.firm_id, y.fiscal_year): y
            for y in ComparisonYear.objects.filter(firm__in=list(firms.values()))
        }
        for r in rows:
            firm = firms[r.orgnr]
            year = stored.get((firm.pk, r.year))
            if year is None:
                ComparisonYear.objects.create(
                    firm=firm,
                    fiscal_year=r.year,
                    source_name=filename[:255],
                    source_at=now,
                    entered_by=by,
                    **r.figures,
                )
                created += 1
            elif all(getattr(year, name) == r.figures[name] for name in VALUES):
                unchanged += 1
            else:
                for name in VALUES:
                    setattr(year, name, r.figures[name])
                year.source_name, year.source_at, year.entered_by = filename[:255], now, by
                year.save()
                updated += 1
    return [], {
        "programme": programme.code,
        "firms": len(firms),
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
    }


def did_estimate_save(
    *, programme: Programme, draws: int, seed: int, by=None, progress: ProgressFn | None = None
) -> DidEstimate:
    """Compute the programme's estimate as its page does, with `draws` bootstrap draws, and
    keep it; `ValidationError` (why there is none) when the data give no estimate.

    Read, match and bootstrap first (progress counts the draws), then one write."""
    total = 2 * draws
    report(progress, 0, total, _("Matching the firms"))
    matched = matching.match(*_groups(programme))
    try:
        result = did.estimate(
            matching.did_rows(matched),
            draws,
            seed,
            progress=None if progress is None else _says(progress, _("Bootstrap draws")),
        )
    except did.DidError as error:
        raise ValidationError(_("No estimate: %(problem)s") % {"problem": error.message}) from None
    report(progress, total, total, _("Saving"))
    with transaction.atomic():
        return DidEstimate.objects.create(
            programme=programme,
            draws=draws,
            seed=seed,
            treated=result.treated,
            comparison=result.comparison,
            dropped=result.dropped,
            treated_change=result.treated_change,
            comparison_change=result.comparison_change,
            att=result.att,
            ci_low=result.ci95[0],
            ci_high=result.ci95[1],
            computed_by=by if getattr(by, "is_authenticated", False) else None,
        )


def _groups(programme: Programme):
    loaded = load(programme)
    return loaded.treated, loaded.comparison


def _says(progress: ProgressFn, message: str) -> ProgressFn:
    return lambda done, total, _message: progress(done, total, message)
