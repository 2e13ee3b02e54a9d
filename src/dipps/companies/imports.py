"""Company import: read CSV/XLSX rows, check every row, then apply all or nothing.

Format (public contract, see docs/imports.md): columns
`orgnr, name, sni, municipality_code, fiscal_year, headcount, turnover_sek,
balance_sheet_sek`, optional `sni_version, contact_name, contact_email, programme,
fiscal_year_end, public_control_percent, ownership_changed, ceo_gender, chair_gender,
women_share_percent`.
One row per company and fiscal year. Related enterprises have their own file
(`read_related`: `orgnr, fiscal_year, relation, name, share_percent, headcount,
turnover_sek, balance_sheet_sek`, optional `related_orgnr, exempt_investor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from dipps.core.progress import ProgressFn, counted
from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits

from . import fiscal, municipalities, orgnr, sni

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
OPTIONAL = [
    "sni_version",
    "contact_name",
    "contact_email",
    "programme",
    "fiscal_year_end",
    "public_control_percent",
    "ownership_changed",
    "ceo_gender",
    "chair_gender",
    "women_share_percent",
]
# The leadership's gender (horizontal criteria): Swedish or English words, case-insensitive.
GENDERS = {
    "kvinna": "woman",
    "k": "woman",
    "woman": "woman",
    "f": "woman",
    "man": "man",
    "m": "man",
    "annat": "other",
    "other": "other",
    "ej angivet": "other",
    "not stated": "other",
    "okänt": "unknown",
    "okänd": "unknown",
    "unknown": "unknown",
}
YES = {"1", "ja", "j", "yes", "y", "true", "x"}
NO = {"", "0", "nej", "n", "no", "false"}


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
    fiscal_year_end: str = ""  # MM-DD; "" = keep the register's (12-31 for a new firm)
    public_control_percent: Decimal | None = None  # None: column absent or empty
    ownership_changed: bool | None = None
    ceo_gender: str = ""  # LeaderGender value; "" = keep the register's
    chair_gender: str = ""
    women_share_percent: Decimal | None = None


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


def _percent(text: str, column: str, err) -> Decimal | None:
    """A percentage 0–100 with at most two decimals, or None when empty."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        value = parse_amount(text)
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not 0 <= value <= 100 or value != value.quantize(Decimal("0.01")):
        err(column, _("expected a percentage from 0 to 100, e.g. 30 or 12,5."))
        return None
    return value


def _yes_no(text: str, column: str, err) -> bool | None:
    """ja/nej, yes/no, 1/0, true/false or x; None when the column is empty or absent."""
    word = text.strip().lower()
    if not word:
        return None
    if word in YES:
        return True
    if word in NO:
        return False
    err(column, _("expected ja or nej (yes or no), got “%(value)s”.") % {"value": text.strip()})
    return None


def parse_rows(
    rows: list[Row], *, known_programmes: set[str], progress: ProgressFn | None = None
) -> ParsedImport:
    result = ParsedImport()
    seen_years: dict[tuple[str, int | None], int] = {}
    first_seen: dict[str, CompanyRow] = {}
    year_ends: dict[str, tuple[str, int]] = {}
    leaders: dict[tuple[str, str], tuple[str, int]] = {}
    for row in counted(rows, progress, _("Checking rows")):
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

        year_end = v.get("fiscal_year_end", "").strip()
        if year_end:
            try:
                fiscal.parse(year_end)
            except ValueError:
                err(
                    "fiscal_year_end",
                    _("expected the fiscal year's last day as MM-DD, e.g. 12-31 or 06-30."),
                )
        public = _percent(v.get("public_control_percent", ""), "public_control_percent", err)
        changed = _yes_no(v.get("ownership_changed", ""), "ownership_changed", err)
        women = _percent(v.get("women_share_percent", ""), "women_share_percent", err)
        genders = {}
        for column in ("ceo_gender", "chair_gender"):
            word = " ".join(v.get(column, "").split()).lower()
            if word and word not in GENDERS:
                err(
                    column,
                    _(
                        "expected kvinna, man, annat or okänt (woman, man, other, unknown), "
                        "got “%(value)s”."
                    )
                    % {"value": v.get(column, "").strip()},
                )
            genders[column] = GENDERS.get(word, "")
            if number and genders[column]:
                earlier_gender = leaders.setdefault((number, column), (genders[column], row.number))
                if earlier_gender[0] != genders[column]:
                    err(
                        column,
                        _("row %(other)s gives this company another value in this column.")
                        % {"other": earlier_gender[1]},
                    )
        if year is None and (public is not None or changed or women is not None):
            err("fiscal_year", _("key figures need the fiscal year they belong to."))
        if number and year_end:
            earlier_end = year_ends.setdefault(number, (year_end, row.number))
            if earlier_end[0] != year_end:
                err(
                    "fiscal_year_end",
                    _("row %(other)s gives this company the fiscal year end %(value)s.")
                    % {"other": earlier_end[1], "value": earlier_end[0]},
                )

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
            fiscal_year_end=year_end,
            public_control_percent=public,
            ownership_changed=changed,
            ceo_gender=genders["ceo_gender"],
            chair_gender=genders["chair_gender"],
            women_share_percent=women,
        )
        first_seen.setdefault(number, parsed)
        result.rows.append(parsed)
    return result


def read_companies(
    data: bytes,
    filename: str,
    *,
    known_programmes: set[str],
    limits: Limits | None = None,
    progress: ProgressFn | None = None,
) -> ParsedImport:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_rows(
        read_table(data, filename, required=REQUIRED, optional=OPTIONAL, limits=limits),
        known_programmes=known_programmes,
        progress=progress,
    )
