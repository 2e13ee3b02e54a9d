"""A payment claim's figures, the funder's way: the oracle behind `dipps claim compute`.

Sources of the rules (cite them when one changes):

- Tillväxtverket, *Handbok för EU-projekt 2021–2027*, "Personalkostnader – enhetskostnad per
  timme": a person's ordinary full-time monthly salary in their first month in the project
  × 12 / 1,720 is the unit cost per hour for the whole project period, raised every twelve
  months (for now by 2.4 %). Here k = ⌊months since `first_month` / 12⌋ and the unit cost is
  round(monthly_salary × 12 / 1720 × (1 + uplift/100)^k, 2), rounded once, at the end: the
  raises compound on the unrounded cost, so a rounding in year one is not carried forward.
- CPR (EU) 2021/1060 art. 55(2)(a): 1,720 hours a year for a full-time employee.
- CPR art. 56: staff costs + a flat rate of up to 40 % that covers every other cost
  (`staff_plus_40`; no purchases may be claimed beside it).
- CPR art. 54(b): staff costs + actual purchases + indirect costs at a flat rate of up to
  15 % of staff costs (`staff_plus_15_actual`).

Money is `Decimal`, rounded to öre half up (ROUND_HALF_UP). Pure Python, no Django: the
command is a thin shell around ``compute_json``. A bad input raises ``ClaimInputError``
naming the field (`staff[0].hours.2025-02`) so a person can find and fix it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from dipps.core import contract_json

STAFF_PLUS_40 = "staff_plus_40"
STAFF_PLUS_15_ACTUAL = "staff_plus_15_actual"
COST_MODELS = (STAFF_PLUS_40, STAFF_PLUS_15_ACTUAL)
PURCHASE_CATEGORIES = ("external_services", "travel", "investments", "premises")
HOURS_PER_YEAR = 1720  # CPR art. 55(2)(a)
DEFAULT_FLAT_RATE = {STAFF_PLUS_40: Decimal(40), STAFF_PLUS_15_ACTUAL: Decimal(15)}
DEFAULT_UPLIFT_PERCENT = Decimal("2.4")
DEFAULT_EU_RATE_PERCENT = Decimal(40)
ORE = Decimal("0.01")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class ClaimInputError(ValueError):
    """A bad input; ``field`` is the path of the offending value (`staff[0].hours.2025-02`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: object, where: str) -> Month:
        if not isinstance(text, str) or not _MONTH.fullmatch(text):
            raise ClaimInputError(where, "expected a month as YYYY-MM")
        return cls(int(text[:4]), int(text[5:]))

    def months_since(self, start: Month) -> int:
        return 12 * (self.year - start.year) + (self.month - start.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Staff:
    person: str
    monthly_salary: Decimal
    first_month: Month
    hours: Mapping[Month, Decimal]


@dataclass(frozen=True)
class InKind:
    contributor: str
    public: bool
    hours: Decimal
    hourly_rate: Decimal


@dataclass(frozen=True)
class ClaimInput:
    cost_model: str
    staff: tuple[Staff, ...]
    flat_rate_percent: Decimal | None = None  # None: the model's default (40 or 15)
    uplift_percent: Decimal = DEFAULT_UPLIFT_PERCENT
    eu_rate_percent: Decimal = DEFAULT_EU_RATE_PERCENT
    purchases: Mapping[str, Decimal] = field(default_factory=dict)
    income: Decimal = Decimal(0)
    in_kind: tuple[InKind, ...] = ()


@dataclass(frozen=True)
class StaffRow:
    person: str
    month: Month
    unit_cost: Decimal
    hours: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ClaimResult:
    staff_rows: tuple[StaffRow, ...]
    staff_total: Decimal
    flat_rate: Decimal
    purchases: dict[str, Decimal]
    eligible_costs: Decimal
    income: Decimal
    net_eligible_costs: Decimal
    in_kind_public: Decimal
    in_kind_private: Decimal
    eu_support: Decimal

    @property
    def in_kind_total(self) -> Decimal:
        return self.in_kind_public + self.in_kind_private


def to_ore(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def unit_cost(
    monthly_salary: Decimal, first_month: Month, month: Month, uplift_percent: Decimal
) -> Decimal:
    """The hourly unit cost in `month`, raised once per full twelve months since `first_month`.

    One exact fraction, one rounding: salary × 12 × (100 + uplift)^k / (1720 × 100^k)."""
    since = month.months_since(first_month)
    if since < 0:
        raise ValueError(f"{month} is before the first month {first_month}")
    k = since // 12
    with localcontext() as context:
        context.prec = 60
        numerator = monthly_salary * 12 * (100 + uplift_percent) ** k
        return to_ore(numerator / (HOURS_PER_YEAR * Decimal(100) ** k))


def net_eligible(eligible: Decimal, income: Decimal) -> Decimal:
    """Eligible costs less project income, never below zero: max(eligible − income, 0).

    Project income (projektintäkter, e.g. course fees firms pay) reduces the costs the funds
    pay for (Tillväxtverket, *Handbok för EU-projekt 2021–2027*, "Projektintäkter"); income
    above the costs is not a negative claim. The payment claim (`services.claims`) uses this
    same function."""
    return max(eligible - income, Decimal(0))


def flat_rate_percent(claim: ClaimInput) -> Decimal:
    """The claim's flat rate, checked against its model's range: (0, 40] or [0, 15]."""
    if claim.cost_model not in COST_MODELS:
        raise ClaimInputError("cost_model", f"expected one of {', '.join(COST_MODELS)}")
    rate = claim.flat_rate_percent
    if rate is None:
        return DEFAULT_FLAT_RATE[claim.cost_model]
    if claim.cost_model == STAFF_PLUS_40 and not 0 < rate <= 40:
        raise ClaimInputError("flat_rate_percent", "must be above 0 and at most 40")
    if claim.cost_model == STAFF_PLUS_15_ACTUAL and not 0 <= rate <= 15:
        raise ClaimInputError("flat_rate_percent", "must be between 0 and 15")
    return rate


def compute(claim: ClaimInput) -> ClaimResult:
    """The claim's figures; raises ClaimInputError on a rule the input breaks."""
    rate = flat_rate_percent(claim)
    rows: list[StaffRow] = []
    for i, person in enumerate(claim.staff):
        for month, hours in person.hours.items():
            if month.months_since(person.first_month) < 0:
                raise ClaimInputError(
                    f"staff[{i}].hours.{month}", f"is before first_month {person.first_month}"
                )
            cost = unit_cost(person.monthly_salary, person.first_month, month, claim.uplift_percent)
            rows.append(StaffRow(person.person, month, cost, hours, to_ore(cost * hours)))
    rows.sort(key=lambda row: (row.person, row.month.year, row.month.month))
    purchases = {name: Decimal("0.00") for name in PURCHASE_CATEGORIES}
    for name, amount in claim.purchases.items():
        if name not in purchases:
            raise ClaimInputError(f"purchases.{name}", "unknown purchase category")
        if claim.cost_model == STAFF_PLUS_40 and amount != 0:
            raise ClaimInputError(
                f"purchases.{name}", "no purchases under staff_plus_40: the flat rate covers them"
            )
        purchases[name] = to_ore(amount)
    staff_total = sum((row.amount for row in rows), Decimal(0))
    flat_rate = to_ore(staff_total * rate / 100)
    eligible = staff_total + flat_rate + sum(purchases.values(), Decimal(0))
    income = to_ore(claim.income)
    net = net_eligible(eligible, income)
    public = private = Decimal(0)
    for line in claim.in_kind:
        value = to_ore(line.hours * line.hourly_rate)
        if line.public:
            public += value
        else:
            private += value
    return ClaimResult(
        staff_rows=tuple(rows),
        staff_total=to_ore(staff_total),
        flat_rate=flat_rate,
        purchases=purchases,
        eligible_costs=to_ore(eligible),
        income=income,
        net_eligible_costs=to_ore(net),
        in_kind_public=to_ore(public),
        in_kind_private=to_ore(private),
        eu_support=to_ore(net * claim.eu_rate_percent / 100),
    )


# --- JSON in ---------------------------------------------------------------------------------


def _object(value: object, where: str, allowed: tuple[str, ...] | None) -> dict[str, Any]:
    """A JSON object whose keys are all `allowed` (None: any key): a misspelt key is refused
    rather than silently replaced by its default."""
    if not isinstance(value, dict):
        raise ClaimInputError(where or "(file)", "expected an object")
    for key in value:
        if allowed is not None and key not in allowed:
            raise ClaimInputError(f"{where}.{key}" if where else key, "unknown key")
    return value


def _required(data: Mapping[str, object], key: str, where: str) -> object:
    if key not in data:
        raise ClaimInputError(where, "is required")
    return data[key]


def _number(value: object, where: str, *, money: bool = False) -> Decimal:
    """A non-negative number; money has at most two decimals (öre)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ClaimInputError(where, "expected a number")
    number = Decimal(value)
    if number < 0:
        raise ClaimInputError(where, "must not be negative")
    if money and number != number.quantize(ORE):
        raise ClaimInputError(where, "money has at most two decimals")
    return number


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ClaimInputError(where, "expected a non-empty text")
    return value


def _staff(value: object, where: str) -> Staff:
    data = _object(value, where, ("person", "monthly_salary", "first_month", "hours"))
    person = _text(_required(data, "person", f"{where}.person"), f"{where}.person")
    salary = _required(data, "monthly_salary", f"{where}.monthly_salary")
    first = Month.parse(
        _required(data, "first_month", f"{where}.first_month"), f"{where}.first_month"
    )
    hours_data = _object(data.get("hours", {}), f"{where}.hours", None)
    hours = {}
    for key, amount in hours_data.items():
        here = f"{where}.hours.{key}"
        hours[Month.parse(key, here)] = _number(amount, here)
    return Staff(person, _number(salary, f"{where}.monthly_salary", money=True), first, hours)


def _in_kind(value: object, where: str) -> InKind:
    data = _object(value, where, ("contributor", "public", "hours", "hourly_rate"))
    public = data.get("public", False)
    if not isinstance(public, bool):
        raise ClaimInputError(f"{where}.public", "expected true or false")
    return InKind(
        contributor=_text(
            _required(data, "contributor", f"{where}.contributor"), f"{where}.contributor"
        ),
        public=public,
        hours=_number(_required(data, "hours", f"{where}.hours"), f"{where}.hours"),
        hourly_rate=_number(
            _required(data, "hourly_rate", f"{where}.hourly_rate"),
            f"{where}.hourly_rate",
            money=True,
        ),
    )


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ClaimInputError(where, "expected a list")
    return value


TOP_KEYS = (
    "cost_model",
    "flat_rate_percent",
    "uplift_percent",
    "eu_rate_percent",
    "staff",
    "purchases",
    "income",
    "in_kind",
)


def parse_claim(data: object) -> ClaimInput:
    """The typed input from decoded JSON (floats decoded as Decimal); ClaimInputError if bad."""
    top = _object(data, "", TOP_KEYS)
    model = _required(top, "cost_model", "cost_model")
    if model not in COST_MODELS:
        raise ClaimInputError("cost_model", f"expected one of {', '.join(COST_MODELS)}")
    assert isinstance(model, str)
    rate = None
    if "flat_rate_percent" in top:
        rate = _number(top["flat_rate_percent"], "flat_rate_percent")
    eu_rate = _number(top.get("eu_rate_percent", DEFAULT_EU_RATE_PERCENT), "eu_rate_percent")
    if eu_rate > 100:
        raise ClaimInputError("eu_rate_percent", "must be at most 100")
    staff = tuple(
        _staff(item, f"staff[{i}]") for i, item in enumerate(_list(top.get("staff", []), "staff"))
    )
    seen: dict[str, int] = {}
    for i, person in enumerate(staff):
        if person.person in seen:
            raise ClaimInputError(
                f"staff[{i}].person", f"same person as staff[{seen[person.person]}]"
            )
        seen[person.person] = i
    purchases_data = _object(top.get("purchases", {}), "purchases", PURCHASE_CATEGORIES)
    claim = ClaimInput(
        cost_model=model,
        staff=staff,
        flat_rate_percent=rate,
        uplift_percent=_number(top.get("uplift_percent", DEFAULT_UPLIFT_PERCENT), "uplift_percent"),
        eu_rate_percent=eu_rate,
        purchases={
            name: _number(amount, f"purchases.{name}", money=True)
            for name, amount in purchases_data.items()
        },
        income=_number(top.get("income", 0), "income", money=True),
        in_kind=tuple(
            _in_kind(item, f"in_kind[{i}]")
            for i, item in enumerate(_list(top.get("in_kind", []), "in_kind"))
        ),
    )
    flat_rate_percent(claim)  # the range is a rule of the input: refuse it before computing
    return claim


def loads(text: str) -> ClaimInput:
    """Parse the JSON text; a decoding problem is reported with its line and column."""
    return parse_claim(contract_json.read(text, ClaimInputError))


# --- JSON out --------------------------------------------------------------------------------


def as_json(result: ClaimResult) -> dict[str, object]:
    return {
        "staff": {
            "rows": [
                {
                    "person": row.person,
                    "month": str(row.month),
                    "unit_cost": row.unit_cost,
                    "hours": row.hours,
                    "amount": row.amount,
                }
                for row in result.staff_rows
            ],
            "total": result.staff_total,
        },
        "flat_rate": result.flat_rate,
        "purchases": dict(result.purchases),
        "eligible_costs": result.eligible_costs,
        "income": result.income,
        "net_eligible_costs": result.net_eligible_costs,
        "in_kind": {
            "public": result.in_kind_public,
            "private": result.in_kind_private,
            "total": result.in_kind_total,
        },
        "eu_support": result.eu_support,
    }


def compute_json(text: str) -> str:
    """JSON in, JSON out: the whole of `dipps claim compute`; ClaimInputError on bad input."""
    return contract_json.dumps(as_json(compute(loads(text))))
