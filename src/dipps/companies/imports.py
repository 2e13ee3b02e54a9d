"""Company import: read CSV/XLSX rows, check every row, then apply all or nothing.

Format (public contract, see docs/imports.md): columns
`orgnr, name, sni, municipality_code, fiscal_year, headcount, turnover_sek,
balance_sheet_sek`, optional `sni_version, contact_name, contact_email, programme`.
One row per company and fiscal year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits

from . import municipalities, orgnr, sni

REQUIRED = [
    "orgnr",
    "name",
    "sni",
    "municipality_code",
    "fiscal_year",
    "headcount",
    "turnover_sek",
    "balance_sheet_sek",
]
OPTIONAL = ["sni_version", "contact_name", "contact_email", "programme"]


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class CompanyRow:
    row: int
    orgnr: str
    name: str
    sni_codes: list[sni.SniCode]
    municipality_code: str
    fiscal_year: int | None
    headcount: Decimal | None  # annual work units
    turnover_sek: Decimal | None
    balance_sheet_sek: Decimal | None
    contact_name: str = ""
    contact_email: str = ""
    programme: str = ""


@dataclass
class ParsedImport:
    rows: list[CompanyRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


_AMOUNT_JUNK = re.compile(r"[\s\u00a0]|kr$|SEK$", re.IGNORECASE)


def parse_amount(text: str) -> Decimal:
    """Accept `1234567.50`, `1 234 567,50` and `1234567` (Swedish or plain)."""
    cleaned = _AMOUNT_JUNK.sub("", text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _optional_int(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    return int(parse_amount(text).to_integral_exact())


def _optional_work_units(text: str) -> Decimal | None:
    """Staff in annual work units (Recommendation 2003/361, annex art. 5): `12`, `12,5`."""
    text = text.strip()
    if not text:
        return None
    value = parse_amount(text)
    if value != value.quantize(Decimal("0.01")) or abs(value) >= 1_000_000:
        raise ValueError(text)
    return value


def parse_rows(rows: list[Row], *, known_programmes: set[str]) -> ParsedImport:
    result = ParsedImport()
    seen_years: dict[tuple[str, int | None], int] = {}
    first_seen: dict[str, CompanyRow] = {}
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
                _(
                    "“%(value)s” is not a valid Swedish organisation number "
                    "(expected 10 digits with a valid check digit, e.g. 556036-0793)."
                )
                % {"value": v.get("orgnr", "")},
            )
        name = v.get("name", "").strip()
        if not name:
            err("name", _("the company name is missing."))

        version_text = v.get("sni_version", "").strip()
        version = None
        if version_text:
            if version_text not in ("2007", "2025"):
                err(
                    "sni_version",
                    _("expected 2007 or 2025, got “%(value)s”.") % {"value": version_text},
                )
            else:
                version = int(version_text)
        codes = []
        raw_codes = [c for c in re.split(r"[;|\s]+", v.get("sni", "").strip()) if c]
        if not raw_codes:
            err("sni", _("at least one SNI code is required (e.g. 16.239 or 16239)."))
        for raw in raw_codes:
            try:
                codes.append(sni.lookup(raw, version))
            except (KeyError, ValueError):
                err(
                    "sni",
                    _("“%(code)s” is not a code in SNI 2025 or SNI 2007%(version)s.")
                    % {"code": raw, "version": f" ({version})" if version else ""},
                )

        municipality = v.get("municipality_code", "").strip().zfill(4)
        if not municipalities.exists(municipality):
            err(
                "municipality_code",
                _(
                    "“%(value)s” is not one of Sweden's 290 municipality codes (4 digits, "
                    "e.g. 2380 for Östersund)."
                )
                % {"value": v.get("municipality_code", "")},
            )

        year = headcount = None
        turnover = balance = None
        try:
            year = _optional_int(v.get("fiscal_year", ""))
            if year is not None and not 1900 <= year <= 2100:
                raise ValueError
        except (ValueError, InvalidOperation, ArithmeticError):
            err("fiscal_year", _("expected a year such as 2024."))
            year = None
        try:
            headcount = _optional_work_units(v.get("headcount", ""))
            if headcount is not None and headcount < 0:
                err("headcount", _("the headcount cannot be negative."))
        except (ValueError, InvalidOperation, ArithmeticError):
            err(
                "headcount",
                _("expected staff in annual work units with at most two decimals, e.g. 12,5."),
            )
        for column in ("turnover_sek", "balance_sheet_sek"):
            text = v.get(column, "").strip()
            if not text:
                continue
            try:
                amount = parse_amount(text)
            except (InvalidOperation, ValueError):
                err(column, _("expected an amount in SEK, e.g. 12500000 or 12 500 000,00."))
                continue
            if amount < 0:
                err(column, _("the amount cannot be negative."))
            if column == "turnover_sek":
                turnover = amount
            else:
                balance = amount
        if year is None and any(x is not None for x in (headcount, turnover, balance)):
            err("fiscal_year", _("key figures need the fiscal year they belong to."))

        programme = v.get("programme", "").strip()
        if programme and programme not in known_programmes:
            err("programme", _("unknown programme code “%(value)s”.") % {"value": programme})

        email = v.get("contact_email", "").strip()
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            err("contact_email", _("“%(value)s” is not an e-mail address.") % {"value": email})

        if number:
            key = (number, year)
            if key in seen_years:
                err(
                    "fiscal_year",
                    _(
                        "organisation number %(orgnr)s and fiscal year %(year)s appear already "
                        "on row %(other)s; give one row per company and year."
                    )
                    % {"orgnr": number, "year": year or "–", "other": seen_years[key]},
                )
            else:
                seen_years[key] = row.number
            earlier = first_seen.get(number)
            if earlier is not None and earlier.name != name:
                err(
                    "name",
                    _("row %(other)s gives this organisation number the name “%(name)s”.")
                    % {"other": earlier.row, "name": earlier.name},
                )

        if errors:
            result.errors.extend(errors)
            continue
        parsed = CompanyRow(
            row=row.number,
            orgnr=number,
            name=name,
            sni_codes=codes,
            municipality_code=municipality,
            fiscal_year=year,
            headcount=headcount,
            turnover_sek=turnover,
            balance_sheet_sek=balance,
            contact_name=v.get("contact_name", "").strip(),
            contact_email=email,
            programme=programme,
        )
        first_seen.setdefault(number, parsed)
        result.rows.append(parsed)
    return result


def read_companies(
    data: bytes, filename: str, *, known_programmes: set[str], limits: Limits | None = None
) -> ParsedImport:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_rows(
        read_table(data, filename, required=REQUIRED, optional=OPTIONAL, limits=limits),
        known_programmes=known_programmes,
    )
