"""Indicator rules that must be exactly right: which size class a supported firm counts in.

Pure Python (no Django). RCO01's breakdown uses the company's SME status (the class after
the two-year rule of Recommendation 2003/361, annex art. 4(2)) in the latest fiscal year
that ended on or before its first support in the programme, or its earliest year if none
had ended by then; a company without usable figures counts as "unknown". A fiscal year
ends on the firm's own fiscal year end (`companies.fiscal`, `12-31` unless the register
says otherwise) and is named by the calendar year it ends in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dipps.companies import fiscal, sme

CLASSES = ("micro", "small", "medium", "large")


@dataclass(frozen=True)
class YearFigures:
    year: int  # the fiscal year, named by the calendar year it ends in
    headcount: Decimal | int | None  # annual work units
    turnover_sek: Decimal | None
    balance_sek: Decimal | None


@dataclass(frozen=True)
class RelatedFigures:
    relation: str
    share: Decimal
    headcount: Decimal | int
    turnover_sek: Decimal
    balance_sek: Decimal
    year: int | None = None  # the fiscal year these figures belong to; None: every year


def year_for(
    first_support: date, years: list[int], fiscal_year_end: str = fiscal.CALENDAR
) -> int | None:
    ended = [y for y in years if fiscal.year_end(y, fiscal_year_end) <= first_support]
    if ended:
        return max(ended)
    return min(years) if years else None


def size_class_at(
    first_support: date,
    figures: list[YearFigures],
    rates: dict[int, Decimal],
    related: list[RelatedFigures] = (),  # type: ignore[assignment]
    fallback: str = "",
    fiscal_year_end: str = fiscal.CALENDAR,
) -> str:
    """The SME status (micro/small/medium/large) at first support, after the two-year rule
    (Recommendation 2003/361, annex art. 4(2), `sme.statuses_of` over the years up to the
    one that decides); `fallback` (or "unknown") when not known."""
    by_year = {f.year: f for f in figures}
    year = year_for(first_support, list(by_year), fiscal_year_end)
    if year is None:
        return fallback or "unknown"
    classes = [
        (y, class_of_year(f, rates.get(y), related)) for y, f in by_year.items() if y <= year
    ]
    status = sme.statuses_of(classes).get(year)
    return str(status) if status else (fallback or "unknown")


def class_of_year(
    f: YearFigures,
    rate: Decimal | None,
    related: list[RelatedFigures] = (),  # type: ignore[assignment]
) -> str:
    """The class of one year's figures (Article 2); "" without staff or a rate."""
    if f.headcount is None or not rate:
        return ""
    related = [r for r in related if r.year is None or r.year == f.year]
    if not related:
        # Article 2 with the EUR ceilings turned into SEK at the year's rate: the same test
        # as sme.size_class without dividing every company's figures (the hot path when
        # classifying 100,000 firms).
        head = Decimal(f.headcount)
        turnover, balance = f.turnover_sek or Decimal(0), f.balance_sek or Decimal(0)
        for cls, staff_below, turnover_max, balance_max in sme.THRESHOLDS:
            if head < staff_below and (
                turnover <= turnover_max * rate or balance <= balance_max * rate
            ):
                return str(cls)
        return "large"
    own = sme.Figures(
        Decimal(f.headcount), (f.turnover_sek or Decimal(0)) / rate, (f.balance_sek or 0) / rate
    )
    rel = [
        sme.Related(
            r.relation, r.share, Decimal(r.headcount), r.turnover_sek / rate, r.balance_sek / rate
        )
        for r in related
    ]
    return str(sme.size_class(sme.aggregate(own, rel)))


def breakdown(classes: list[str]) -> dict[str, int]:
    out = {"total": len(classes), **dict.fromkeys(CLASSES, 0), "unknown": 0}
    for c in classes:
        out[c if c in CLASSES else "unknown"] += 1
    return out


# Participants are persons (issue 13). Tillväxtverket's handbook asks for participants to
# be counted as individuals, once, with gender and age where known; the ERDF participant
# indicators count persons, not participations. A person is identified within the firm or
# organisation they came from, by the name or pseudonymous id on the attendance list,
# compared without case and surplus spaces ("Anna  Berg" = "anna berg").

GENDERS = ("woman", "man", "other")
AGE_BANDS = ("under_30", "30_49", "50_plus")


@dataclass(frozen=True)
class Attendance:
    contributor: tuple[str, int]  # ("company", id) or ("organisation", id)
    name: str  # a name or a pseudonymous id
    gender: str  # one of GENDERS or ""
    age_band: str  # one of AGE_BANDS or ""
    day: date


def person_key(contributor: tuple[str, int], name: str) -> tuple[tuple[str, int], str]:
    return contributor, " ".join(name.split()).casefold()


def persons(attendances: list[Attendance]) -> dict:
    """Distinct persons among `attendances`, by gender and by age band.

    A person's gender and age band are the latest recorded (non-empty) ones, by day; a
    person never recorded with one counts as "not_stated". Every person counts once in the
    total, once in a gender and once in an age band, so each split sums to the total.
    """
    latest: dict[tuple, dict[str, tuple[date, str]]] = {}
    for a in attendances:
        seen = latest.setdefault(person_key(a.contributor, a.name), {})
        for field, value in (("gender", a.gender), ("age", a.age_band)):
            if value and (field not in seen or seen[field][0] <= a.day):
                seen[field] = (a.day, value)
    gender = {"women": 0, "men": 0, "other": 0, "not_stated": 0}
    age = {band: 0 for band in AGE_BANDS} | {"not_stated": 0}
    keys = {"woman": "women", "man": "men", "other": "other"}
    for seen in latest.values():
        gender[keys.get(seen["gender"][1], "not_stated") if "gender" in seen else "not_stated"] += 1
        band = seen["age"][1] if "age" in seen else ""
        age[band if band in AGE_BANDS else "not_stated"] += 1
    return {"total": len(latest), **gender, "age": age}


# --- horizontal criteria ----------------------------------------------------
# Regulation (EU) 2021/1060 art. 9 asks every programme to respect equality between women
# and men (9(2)) and sustainable development (9(4)); Tillväxtverket's "Handbok för
# EU-projekt 2021–2027" asks the progress report how the project worked with them. These
# rules turn the register's and the action plans' data into the figures reported.

LEADER_KEYS = {"woman": "women", "man": "men", "other": "other"}
ENVIRONMENT_TAGS = ("energy", "material", "emissions", "none")
HUNDREDTH = Decimal("0.01")
THOUSANDTH = Decimal("0.001")


def leadership_counts(genders: list[str]) -> dict:
    """Firms by the gender of one leader (CEO or chair): women, men, other (other or not
    stated) and unknown (nothing recorded); each firm counts once, so the four sum to the
    number of firms."""
    counts = {"women": 0, "men": 0, "other": 0, "unknown": 0}
    for g in genders:
        counts[LEADER_KEYS.get(g, "unknown")] += 1
    return counts


def share_summary(shares: list[Decimal], firms: int) -> dict:
    """The share of women among employees over the firms where it is known: how many
    (`known`, of `firms`), the unweighted mean and the median (of an even count, the mean
    of the two middle values), each rounded half up to two decimals; None when no firm's
    share is known."""
    if not shares:
        return {"firms": firms, "known": 0, "mean": None, "median": None}
    ordered = sorted(Decimal(s) for s in shares)
    n = len(ordered)
    mean = sum(ordered, Decimal(0)) / n
    middle = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    return {
        "firms": firms,
        "known": n,
        "mean": str(mean.quantize(HUNDREDTH, ROUND_HALF_UP)),
        "median": str(middle.quantize(HUNDREDTH, ROUND_HALF_UP)),
    }


@dataclass(frozen=True)
class TaggedItem:
    tags: tuple[str, ...]  # energy/material/emissions, or ("none",); () = not assessed
    kwh: Decimal | None  # expected energy saved per year
    tonnes: Decimal | None  # expected material saved per year


def environment_summary(items: list[TaggedItem]) -> dict:
    """Action items by environmental tag: per tag the number of items and their expected
    kWh and tonnes a year (kWh to two decimals, tonnes to three). An item with several tags
    counts under each, so the tags may sum to more than `items`; an item without a tag
    counts under `not_assessed`."""

    def empty() -> dict:
        return {"items": 0, "kwh": Decimal(0), "tonnes": Decimal(0)}

    groups = {tag: empty() for tag in (*ENVIRONMENT_TAGS, "not_assessed")}
    for item in items:
        for tag in set(item.tags) & set(ENVIRONMENT_TAGS) or {"not_assessed"}:
            group = groups[tag]
            group["items"] += 1
            group["kwh"] += item.kwh or 0
            group["tonnes"] += item.tonnes or 0
    return {
        "items": len(items),
        **{
            tag: {
                "items": g["items"],
                "kwh": str(g["kwh"].quantize(HUNDREDTH, ROUND_HALF_UP)),
                "tonnes": str(g["tonnes"].quantize(THOUSANDTH, ROUND_HALF_UP)),
            }
            for tag, g in groups.items()
        },
    }
