"""One exporter base: rows in, file out (CSV or XLSX), after pretix's exporter.

A view builds a `Table` (column headers and rows of plain values) from a
selector and returns `table_response(table, fmt)`. Decimals stay numbers in
XLSX; CSV uses `;` and a decimal comma when the active language is Swedish,
which is what Swedish Excel expects.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    name: str  # used for the file name
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _csv_value(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def to_csv(table: Table) -> bytes:
    swedish = (get_language() or "sv").startswith("sv")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow([str(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(v, swedish) for v in row])
    # BOM so that Excel opens UTF-8 with å, ä and ö intact.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = str(table.name)[:31] or "data"
    ws.append([str(h) for h in table.headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        out = []
        for v in row:
            if isinstance(v, datetime) and v.tzinfo is not None:
                v = timezone.localtime(v).replace(tzinfo=None)
            elif v is not None and not isinstance(
                v, int | float | Decimal | date | datetime | bool
            ):
                v = str(v)
            out.append(v)
        ws.append(out)
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
    filename = f"{slugify(table.name) or 'export'}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
