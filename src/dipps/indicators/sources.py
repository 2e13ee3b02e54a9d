"""Reads from the working method (engagements) and maturity apps, for the indicators.

Each function asks only for what an indicator needs, in one or two aggregate queries, so
that the indicators over 100,000 companies and millions of activities stay fast. Both
apps sit on lower layers than indicators, so their models are imported plainly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum

from dipps.companies import fiscal
from dipps.companies.models import Company, KeyFigures, RelatedEnterprise
from dipps.core.models import ExchangeRate
from dipps.engagements.models import (
    ActionItem,
    Activity,
    ActivityCompany,
    Attendee,
    CompanySupport,
    DailyTotals,
)
from dipps.engagements.selectors import in_kind_hours as engagements_in_kind_hours
from dipps.engagements.selectors import in_kind_value as engagements_in_kind_value
from dipps.maturity import figures
from dipps.maturity.followup import Method, comparable
from dipps.maturity.models import Assessment
from dipps.programmes.models import Programme

from . import core


def supported_companies(programme, start: date, end: date) -> dict[int, date]:
    """Companies with a support activity in the window → the date of their first support
    in the programme (which may lie before the window).

    Reads the working method's per-company summary (first and last activity date): a
    company whose first or last activity falls in the window is in; one whose activities
    all lie before or after it is out. Only a company supported both before and after
    the window is looked up among its activity shares, one index seek each.
    """
    shares = ActivityCompany.objects.filter(
        company_id=OuterRef("company_id"), date__range=(start, end)
    )
    # The join with the activities only matters when other programmes have activities too
    # (asked per programme, so the (programme, date) index answers it).
    others = Programme.objects.exclude(pk=programme.pk).values_list("pk", flat=True)
    if Activity.objects.filter(programme__in=list(others)).exists():
        shares = shares.filter(activity__programme=programme)
    rows = (
        CompanySupport.objects.filter(
            programme=programme, first_date__lte=end, last_date__gte=start
        )
        .filter(Q(first_date__gte=start) | Q(last_date__lte=end) | Exists(shares))
        .values_list("company_id", "first_date")
        .order_by()
    )
    return dict(rows)


def _year_end_rates() -> dict[int, Decimal]:
    rates = list(
        ExchangeRate.objects.filter(currency="EUR")
        .order_by("valid_from")
        .values_list("valid_from", "sek_per_unit")
    )
    out: dict[int, Decimal] = {}
    if not rates:
        return out
    i = 0
    for year in range(rates[0][0].year, date.today().year + 2):
        end = date(year, 12, 31)
        while i + 1 < len(rates) and rates[i + 1][0] <= end:
            i += 1
        if rates[i][0] <= end:
            out[year] = rates[i][1]
    return out


def size_classes(first_support: dict[int, date]) -> dict[int, str]:
    """Each supported company's SME status at its first support (see `core.year_for`).

    The status of each fiscal year (its class after the two-year rule) is stored on the
    key figures when they change (`companies.services.company_refresh_derived`), so this
    reads three narrow columns and picks the year; only companies whose status was never
    computed (rows written around the services) are classified here from their figures.
    """
    if not first_support:
        return {}
    ids = set(first_support)
    # A few companies: ask for them by id. Many: read the whole (narrow) table once and
    # filter here, which beats both a 100,000-element IN list and a join with the shares.
    qs = KeyFigures.objects.filter(company_id__in=ids) if len(ids) < 500 else KeyFigures.objects
    years: dict[int, dict[int, str | None]] = {}
    for cid, year, cls in qs.values_list("company_id", "fiscal_year", "sme_status").order_by():
        if cid in ids:
            years.setdefault(cid, {})[year] = cls
    out: dict[int, str] = {}
    not_stored: dict[int, date] = {}
    year_ends = _fiscal_year_ends(ids)
    for cid, first in first_support.items():
        by_year = years.get(cid)
        if not by_year:
            continue
        cls = by_year[core.year_for(first, list(by_year), year_ends.get(cid, fiscal.CALENDAR))]
        if cls is None:
            not_stored[cid] = first
        elif cls:
            out[cid] = cls
    out.update(_classified_from_figures(not_stored))
    # The company's stored class is the fallback, for companies without usable figures.
    missing = ids - out.keys()
    if missing:
        fallback = (
            Company.objects.filter(id__in=missing).values_list("id", "size_class")
            if len(missing) < 500
            else Company.objects.exclude(size_class="").values_list("id", "size_class")
        )
        for cid, cls in fallback:
            if cid in missing and cls:
                out[cid] = cls
    return {cid: out.get(cid, "unknown") for cid in first_support}


def _fiscal_year_ends(ids: set[int]) -> dict[int, str]:
    """The firms whose fiscal year is not the calendar year (few): id → MM-DD."""
    broken = Company.objects.exclude(fiscal_year_end=fiscal.CALENDAR)
    if len(ids) < 500:
        broken = broken.filter(id__in=ids)
    return dict(broken.values_list("id", "fiscal_year_end"))


def _classified_from_figures(first_support: dict[int, date]) -> dict[int, str]:
    """The status from the key figures themselves, for rows without a stored status."""
    if not first_support:
        return {}
    ids = set(first_support)
    figures: dict[int, list[core.YearFigures]] = {}
    for cid, year, head, turnover, balance in (
        KeyFigures.objects.filter(company_id__in=ids)
        .values_list("company_id", "fiscal_year", "headcount", "turnover_sek", "balance_sheet_sek")
        .order_by()
    ):
        figures.setdefault(cid, []).append(core.YearFigures(year, head, turnover, balance))
    related: dict[int, list[core.RelatedFigures]] = {}
    for r in RelatedEnterprise.objects.filter(company_id__in=ids):
        related.setdefault(r.company_id, []).append(
            core.RelatedFigures(
                r.relation,
                r.share_percent,
                r.headcount,
                r.turnover_sek,
                r.balance_sheet_sek,
                r.fiscal_year,
            )
        )
    rates = _year_end_rates()
    year_ends = _fiscal_year_ends(ids)
    out = {}
    for cid, first in first_support.items():
        # (The year-end rates are of 31 December: this fallback is for rows never computed.)
        cls = core.size_class_at(
            first,
            figures.get(cid, []),
            rates,
            related.get(cid, []),
            fiscal_year_end=year_ends.get(cid, fiscal.CALENDAR),
        )
        if cls != "unknown":
            out[cid] = cls
    return out


def innovating_companies(programme, start: date, end: date) -> tuple[set[int], set[int]]:
    """Companies with an action-plan item completed in the window that brought
    (product or process innovation, organisational or marketing change)."""
    done = ActionItem.objects.filter(
        engagement__programme=programme, status="done", completed__range=(start, end)
    )
    product = set(
        done.filter(Q(new_or_improved_product=True) | Q(new_or_improved_process=True))
        .values_list("engagement__company_id", flat=True)
        .distinct()
    )
    organisation = set(
        done.filter(organisational_or_marketing_change=True)
        .values_list("engagement__company_id", flat=True)
        .distinct()
    )
    return product, organisation


ZERO_TOTALS = {
    "activities": 0,
    "women": 0,
    "men": 0,
    "other": 0,
    "staff_hours": Decimal(0),
    "participant_hours": Decimal(0),
}


def activity_totals(programme, start: date, end: date) -> dict:
    """Sums from the working method's per-day totals (kept in step with the activities)."""
    sums = DailyTotals.objects.filter(programme=programme, date__range=(start, end)).aggregate(
        activities=Sum("activities"),
        women=Sum("women"),
        men=Sum("men"),
        other=Sum("other"),
        staff_hours=Sum("staff_hours"),
        participant_hours=Sum("participant_hours"),
    )
    return {k: (v if v is not None else ZERO_TOTALS[k]) for k, v in sums.items()}


def in_kind_value(programme, start: date, end: date) -> Decimal:
    """The in-kind value from the attendance lists: the payment claim's figure."""
    return engagements_in_kind_value(programme, start, end)


def in_kind_hours(programme, start: date, end: date) -> Decimal:
    """The attended hours behind the in-kind value (Σ attendance)."""
    return engagements_in_kind_hours(programme, start, end)


def assessment_figures(programme, start: date, end: date) -> dict:
    """Companies with a T0 assessment, with T0 and T1, and their mean maturity gain.

    Submitted, current assessments in the programme: `t0` counts companies whose T0 was
    submitted in the window; `t0_and_t1` those whose T1 was submitted in the window and
    who have a T0 in the same framework and framework version (`maturity.followup.
    comparable`, the one pairing rule) submitted by the window's end; `mean_gain` is the
    mean of T1 − T0 overall scores over those, two decimals (null when there are none),
    computed exactly from the stored scores and rounded half up.
    """
    rows = Assessment.objects.filter(
        programme=programme,
        status="submitted",
        is_current=True,
        stage__in=("t0", "t1"),
        submitted__date__lte=end,
    ).values_list("company_id", "stage", "framework", "framework_version", "scores", "submitted")
    t0_in_window: set[int] = set()
    t0: dict[tuple[int, str], tuple[Method, Fraction]] = {}
    t1: dict[tuple[int, str], tuple[Method, Fraction]] = {}
    for company, stage, framework, version, stored, submitted in rows.order_by("submitted"):
        scores = figures.from_store(stored)
        if stage == "t0":
            if scores is not None:
                t0[(company, framework)] = (Method(framework, version), scores.overall)
            if submitted.date() >= start:
                t0_in_window.add(company)
        elif submitted.date() >= start and scores is not None:
            t1[(company, framework)] = (Method(framework, version), scores.overall)
    # Exact gains from the one store of scores, rounded once by maturity's one rule.
    paired = [
        (key, after - t0[key][1])
        for key, (method, after) in t1.items()
        if key in t0 and comparable(t0[key][0], method)
    ]
    gains = [gain for _key, gain in paired]
    companies = {company for (company, _framework), _gain in paired}
    mean = figures.rounded(sum(gains, Fraction(0)) / len(gains), 2) if gains else None
    return {
        "t0": len(t0_in_window),
        "t0_and_t1": len(companies),
        "mean_gain": str(mean) if mean is not None else None,
    }


def attendances(programme, start: date, end: date) -> tuple[list[core.Attendance], int]:
    """The attendance lists of the window's activities, one line per person, name and
    recorded gender and age band (grouped in the database, so a person who came to many
    activities with the same details is one row; the latest day is kept), and the number
    of lines on the lists (attendances). One query: the join with the activities is the
    cost, so it is made once."""
    rows = (
        Attendee.objects.filter(activity__programme=programme, activity__date__range=(start, end))
        .values_list("company_id", "organisation_id", "name", "gender", "age_band")
        .annotate(day=Max("activity__date"), lines=Count("id"))
        .order_by()
    )
    people, lines = [], 0
    for company, org, name, gender, age_band, day, n in rows:
        contributor = ("company", company) if company is not None else ("organisation", org)
        people.append(core.Attendance(contributor, name, gender, age_band, day))
        lines += n
    return people, lines


def attendance_counts(programme, start: date, end: date, head_count: int, lines: int) -> dict:
    """Attendances (person-activity pairs) of the window: the attendance lists' `lines`,
    plus the typed head count (women + men + other) of the activities without a list.
    `head_count` is the head count of every activity of the window (the per-day totals);
    that of the listed activities, usually few, is taken off it."""
    with_list = 0
    if lines:
        listed = Attendee.objects.filter(
            activity__programme=programme, activity__date__range=(start, end)
        )
        with_list = (
            Activity.objects.filter(pk__in=listed.values("activity_id")).aggregate(
                n=Sum(F("participants_women") + F("participants_men") + F("participants_other"))
            )["n"]
            or 0
        )
    unlisted = head_count - with_list
    return {"total": lines + unlisted, "listed": lines, "head_count": unlisted}


def leadership(ids) -> list[tuple[str, str]]:
    """The (CEO, chair) genders of the companies `ids`, one pair per company."""
    return list(Company.objects.filter(pk__in=list(ids)).values_list("ceo_gender", "chair_gender"))


def women_shares(ids, end: date) -> list[Decimal]:
    """Per company among `ids` with a known share of women among its employees, the share
    of its latest fiscal year named on or before the year of `end`."""
    latest: dict[int, tuple[int, Decimal]] = {}
    rows = KeyFigures.objects.filter(
        company_id__in=list(ids), fiscal_year__lte=end.year, women_share_percent__isnull=False
    ).values_list("company_id", "fiscal_year", "women_share_percent")
    for company_id, year, share in rows:
        if company_id not in latest or latest[company_id][0] < year:
            latest[company_id] = (year, share)
    return [share for _, share in latest.values()]


def tagged_items(programme, start: date, end: date) -> list[core.TaggedItem]:
    """The programme's action items of the window: created on or before its end, not
    dropped, and not completed before its start."""
    rows = (
        ActionItem.objects.filter(engagement__programme=programme, created__lte=end)
        .exclude(status="dropped")
        .exclude(completed__lt=start)
        .values_list("environment", "expected_kwh_year", "expected_tonnes_year")
        .order_by()
    )
    return [core.TaggedItem(tuple(tags or ()), kwh, tonnes) for tags, kwh, tonnes in rows]
