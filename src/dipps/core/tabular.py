"""Read an uploaded CSV or XLSX file into header + rows of strings.

Shared by every import (companies, activities, …). Row numbers are the ones a
person sees in a spreadsheet: the header is row 1, the first data row is 2.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _


class TableError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


@dataclass
class Row:
    number: int  # as in the spreadsheet: header is row 1
    values: dict[str, str]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return str(value).strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise TableError(_("The file is not a text CSV file. Upload a CSV (UTF-8) or XLSX file."))


def _rows_from_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise TableError(_("The file could not be opened as an XLSX workbook.")) from exc
    ws = wb.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def read_table(data: bytes, filename: str, *, required: list[str]) -> list[Row]:
    """Parse `data` (CSV or XLSX by name/content) and check the required columns."""
    name = filename.lower()
    if not data.strip():
        raise TableError(_("The file is empty."))
    if name.endswith(".xlsx") or data[:2] == b"PK":
        raw = _rows_from_xlsx(data)
    elif name.endswith((".csv", ".txt")) or not name:
        raw = _rows_from_csv(data)
    else:
        raise TableError(_("Only CSV and XLSX files can be imported."))
    numbered = [(n, r) for n, r in enumerate(raw, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise TableError(_("The file is empty."))
    header = [h.strip().lower() for h in numbered[0][1]]
    missing = [c for c in required if c not in header]
    if missing:
        raise TableError(
            _("Row 1 (header) lacks the column(s): %(missing)s. Expected at least: %(required)s.")
            % {"missing": ", ".join(missing), "required": ", ".join(required)}
        )
    if len(numbered) == 1:
        raise TableError(_("The file has a header but no data rows."))
    rows = []
    for index, cells in numbered[1:]:
        values = {
            h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h
        }
        rows.append(Row(index, values))
    return rows
