"""The shapes of the read API's answers (they make the OpenAPI document).

Amounts, hours and scores are decimal numbers sent as JSON strings ("1234.50"), so that
no float rounding creeps in; dates are ISO 8601. A stored code (an activity type, a stage)
comes with its label in the language asked for.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from . import conditional


class ListQuery(Schema):
    limit: int = Field(conditional.DEFAULT_LIMIT, ge=1, le=conditional.MAX_LIMIT)
    offset: int = Field(0, ge=0)
    lang: Literal["sv", "en"] = "sv"


class Dates(Schema):
    from_: dt.date | None = Field(None, alias="from", description="First day (ISO 8601).")
    to: dt.date | None = Field(None, description="Last day (ISO 8601).")


class IndicatorQuery(Dates):
    lang: Literal["sv", "en"] = "sv"


class Page(Schema):
    count: int
    limit: int
    offset: int
    next_offset: int | None
    previous_offset: int | None


class Programme(Schema):
    code: str
    name: str
    start: dt.date
    end: dt.date
    status: str
    status_label: str
    role: str | None = Field(None, description="The asking user's role in the programme.")


class ProgrammePage(Page):
    results: list[Programme]


class Indicator(Schema):
    code: str
    name: str
    unit: str
    unit_label: str
    value: Decimal | None = Field(description="In the window `from`–`to`.")
    cumulative: Decimal | None = Field(description="From the programme's start to `to`.")
    target: Decimal | None
    percent: Decimal | None = Field(description="Cumulative value against the target.")
    definition: str


class Indicators(Schema):
    programme: str
    start: dt.date = Field(description="The window's first day (`from`).")
    end: dt.date = Field(description="The window's last day (`to`).")
    count: int
    results: list[Indicator]


class Contact(Schema):
    name: str
    role: str
    email: str
    phone: str


class SniCode(Schema):
    code: str
    version: int


class Company(Schema):
    id: int
    orgnr: str = Field(description="A sole trader's number (a personal identity number) masked.")
    name: str
    is_sole_trader: bool
    municipality_code: str
    municipality: str
    target_group: str
    target_group_label: str
    size_class: str
    size_class_label: str
    primary_division: int | None
    sni: list[SniCode]
    programmes: list[str]
    updated: dt.datetime
    contacts: list[Contact] | None = Field(
        description="Contact people: for the programme's staff only, null for anyone else."
    )


class CompanyPage(Page):
    results: list[Company]


class DimensionScore(Schema):
    dimension: str
    title: str
    score: Decimal


class Assessment(Schema):
    id: int
    company_id: int
    company: str
    programme: str
    stage: Literal["t0", "t1", "t2"]
    stage_label: str
    framework: str
    framework_version: int
    version: int
    is_current: bool
    date: dt.date
    submitted: dt.datetime
    overall: Decimal
    band: str
    band_title: str
    dimensions: list[DimensionScore]


class AssessmentPage(Page):
    results: list[Assessment]


class Participants(Schema):
    women: int
    men: int
    other: int
    total: int


class Activity(Schema):
    id: int
    programme: str
    date: dt.date
    type: str
    type_label: str
    staff_hours: Decimal
    participant_hours: Decimal
    participants: Participants
    company_ids: list[int] = Field(description="The supported firms the asking user may see.")


class ActivityPage(Page):
    results: list[Activity]


class ClaimTotals(Schema):
    eligible: Decimal
    income: Decimal
    net_eligible: Decimal
    cumulative_eligible: Decimal
    cumulative_net_eligible: Decimal
    budget: Decimal
    flat_rate_percent: Decimal


class CategoryAmount(Schema):
    category: str
    label: str
    period: Decimal
    cumulative: Decimal


class Claim(Schema):
    id: int
    programme: str
    period: int
    start: dt.date
    end: dt.date
    status: str
    status_label: str
    submitted: dt.datetime | None
    totals: ClaimTotals
    costs: list[CategoryAmount]


class ClaimPage(Page):
    results: list[Claim]


class Error(Schema):
    detail: str
