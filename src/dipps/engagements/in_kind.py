"""In-kind co-financing from attendance: the value of participants' time per contributor.

Pure Python (no Django), tested on hand-computed values.

Rules (Tillväxtverket, "Handbok för EU-projekt 2021–2027", the chapter on
*bidrag i annat än pengar*: participants' time is valued at a documented hourly
rate and is evidenced by an attendance list (närvarolista) naming each person, the
organisation they come from and their hours; CPR 2021/1060 art. 67(1) for
contributions in kind being eligible when their value is independently
assessed):

- The hourly rate is that of the person's **role**, in force on the **activity's
  date**. A rate set for the empty role `""` applies to every role without a rate
  of its own on that day ("any role"). No rate → the hours have no value (0 kr)
  and are reported as such (`Contribution.hours_without_rate`).
- A contributor's hours are summed per hourly rate; each (contributor, rate) is one
  in-kind line of the claim core (`finance.claim_model`: round(hours × hourly_rate, 2),
  ROUND_HALF_UP) and the contributor's amount is the sum of its lines. So the amount
  equals what `dipps claim compute` gives for the same lines.
- A contributor is a supported firm (private) or a programme organisation, such as
  a municipality or a public body (public). The persons behind a contribution are
  counted once each, however many activities they attended.

Example: 10 h at 350 kr = 3 500,00 kr; 2,5 h at 333,33 kr = 833,325 → 833,33 kr, and
1,5 h more at the same rate make one line of 4 h: 1 333,32 kr (not 833,33 + 500,00).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ANY_ROLE = ""


@dataclass(frozen=True)
class Rate:
    role: str  # "" = any role
    valid_from: date
    hourly_rate: Decimal


@dataclass(frozen=True)
class Line:
    """One person's attendance at one activity."""

    contributor: tuple[str, int]  # ("company", pk) or ("organisation", pk)
    contributor_name: str
    public: bool
    person: str  # the person's name (or pseudonymous id), as a counting key
    role: str
    day: date
    hours: Decimal


@dataclass
class Contribution:
    contributor: tuple[str, int]
    name: str
    public: bool
    hours: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    hours_without_rate: Decimal = Decimal(0)
    persons: set[str] = field(default_factory=set)

    @property
    def person_count(self) -> int:
        return len(self.persons)


def rate_for(rates: Iterable[Rate], role: str, day: date) -> Decimal | None:
    """The hourly rate of `role` on `day`: the role's own rate in force that day, else the
    any-role rate in force that day, else None."""
    best: dict[str, Rate] = {}
    for r in rates:
        if r.role not in (role, ANY_ROLE) or r.valid_from > day:
            continue
        current = best.get(r.role)
        if current is None or r.valid_from > current.valid_from:
            best[r.role] = r
    chosen = best.get(role) or best.get(ANY_ROLE)
    return chosen.hourly_rate if chosen else None


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def contributions(lines: Iterable[Line], rates: Iterable[Rate]) -> list[Contribution]:
    """The contributions of `lines`, one per contributor, sorted public first, then by name."""
    rates = list(rates)
    out: dict[tuple[str, int], Contribution] = {}
    hours_at: dict[tuple[str, int], dict[Decimal, Decimal]] = {}
    for line in lines:
        c = out.setdefault(
            line.contributor, Contribution(line.contributor, line.contributor_name, line.public)
        )
        rate = rate_for(rates, line.role, line.day)
        c.hours += line.hours
        c.persons.add(" ".join(line.person.split()).casefold())
        if rate is None:
            c.hours_without_rate += line.hours
        else:
            at = hours_at.setdefault(line.contributor, {})
            at[rate] = at.get(rate, Decimal(0)) + line.hours
    for key, c in out.items():
        c.amount = sum(
            (money(h * rate) for rate, h in hours_at.get(key, {}).items()), Decimal("0.00")
        )
    return sorted(out.values(), key=lambda c: (not c.public, c.name.casefold(), c.contributor))


def split(found: Iterable[Contribution]) -> tuple[Decimal, Decimal]:
    """(public, private) sums of the contributions' amounts."""
    public = private = Decimal("0.00")
    for c in found:
        if c.public:
            public += c.amount
        else:
            private += c.amount
    return money(public), money(private)
