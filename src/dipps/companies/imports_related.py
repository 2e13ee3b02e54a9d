"""The related-enterprises import: partner and linked enterprises per fiscal year
(docs/imports.md), read with the company import's cell rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits

from . import orgnr
from .imports import RowError, _optional_int, _optional_work_units, _percent, _yes_no, parse_amount

# --- Related enterprises, per fiscal year ----------------------------------------------

RELATED_REQUIRED = [
    "orgnr",
    "fiscal_year",
    "relation",
    "name",
    "share_percent",
    "headcount",
    "turnover_sek",
    "balance_sheet_sek",
]
RELATED_OPTIONAL = ["related_orgnr", "exempt_investor"]
RELATIONS = {"partner": "partner", "partnerföretag": "partner", "linked": "linked"}
RELATIONS["anknutet"] = RELATIONS["anknutet företag"] = "linked"


@dataclass
class RelatedRow:
    row: int
    orgnr: str  # the firm in the register
    fiscal_year: int
    relation: str  # partner or linked
    name: str
    related_orgnr: str
    share_percent: Decimal
    exempt_investor: bool
    headcount: Decimal
    turnover_sek: Decimal
    balance_sheet_sek: Decimal


@dataclass
class ParsedRelated:
    rows: list[RelatedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_related(rows: list[Row]) -> ParsedRelated:
    """Check every row: the firm's number, the year, the relation and a share that fits it
    (partner 25–50 %, linked over 50 %), figures ≥ 0; an exempt investor only as partner."""
    result = ParsedRelated()
    for row in rows:
        errors: list[RowError] = []

        def err(column: str, message: str, row=row, errors=errors) -> None:
            errors.append(RowError(row.number, column, message))

        v = row.values
        number = ""
        try:
            number = orgnr.normalise(v.get("orgnr", ""))
        except ValueError:
            err(
                "orgnr",
                _("“%(value)s” is not a valid Swedish organisation number.")
                % {"value": v.get("orgnr", "")},
            )
        year = None
        try:
            year = _optional_int(v.get("fiscal_year", ""))
            if year is None or not 1900 <= year <= 2100:
                raise ValueError
        except (ValueError, InvalidOperation, ArithmeticError):
            err("fiscal_year", _("expected a year such as 2024."))
            year = None
        relation = RELATIONS.get(v.get("relation", "").strip().lower())
        if relation is None:
            err("relation", _("expected partner or linked (partnerföretag or anknutet företag)."))
        name = v.get("name", "").strip()
        if not name:
            err("name", _("the related enterprise's name is missing."))
        share = _percent(v.get("share_percent", ""), "share_percent", err)
        if share is None and not any(e.column == "share_percent" for e in errors):
            err("share_percent", _("expected a percentage from 0 to 100, e.g. 30 or 12,5."))
        exempt = bool(_yes_no(v.get("exempt_investor", ""), "exempt_investor", err))
        if relation == "partner" and share is not None and not 25 <= share <= 50:
            err("share_percent", _("a partner enterprise holds 25–50 %; above 50 % it is linked."))
        if relation == "linked" and share is not None and not share > 50:
            err("share_percent", _("a linked enterprise holds more than 50 %."))
        if exempt and relation != "partner":
            err("exempt_investor", _("only a partner (at most 50 %) can be an exempt investor."))
        amounts: dict[str, Decimal] = {}
        try:
            head = _optional_work_units(v.get("headcount", ""))
            if head is None or head < 0:
                raise ValueError
            amounts["headcount"] = head
        except (ValueError, InvalidOperation, ArithmeticError):
            err("headcount", _("expected staff in annual work units ≥ 0, e.g. 12,5."))
        for column in ("turnover_sek", "balance_sheet_sek"):
            try:
                amount = parse_amount(v.get(column, "").strip())
                if amount < 0:
                    raise ValueError
                amounts[column] = amount
            except (InvalidOperation, ValueError):
                err(column, _("expected an amount in SEK ≥ 0, e.g. 12500000."))
        if errors:
            result.errors.extend(errors)
            continue
        assert year is not None and relation is not None and share is not None
        result.rows.append(
            RelatedRow(
                row=row.number,
                orgnr=number,
                fiscal_year=year,
                relation=relation,
                name=name,
                related_orgnr=v.get("related_orgnr", "").strip(),
                share_percent=share,
                exempt_investor=exempt,
                headcount=amounts["headcount"],
                turnover_sek=amounts["turnover_sek"],
                balance_sheet_sek=amounts["balance_sheet_sek"],
            )
        )
    return result


def read_related(data: bytes, filename: str, *, limits: Limits | None = None) -> ParsedRelated:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_related(
        read_table(
            data, filename, required=RELATED_REQUIRED, optional=RELATED_OPTIONAL, limits=limits
        )
    )
