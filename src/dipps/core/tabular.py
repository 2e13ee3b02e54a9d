"""Read an uploaded CSV or XLSX file into header + rows of strings.

Shared by every import (companies, activities, price history). Row numbers are the ones a
person sees in a spreadsheet: the header is row 1, the first data row is 2.

Rows are streamed, never all held twice, and the upload policy's limits
(``dipps.core.uploads``) are enforced on the way: the number of rows and columns for both
formats; for XLSX the archive directory is checked before openpyxl opens the workbook, the
workbook is read in read-only mode, and its shared-strings table — the one part openpyxl
keeps in memory — is read by a bounded reader.

A CSV in UTF-16 (Excel's "Unicode text", with or without a byte-order mark) is decoded,
not refused: it is a common export, and refusing it would only send the person back to
Excel to save it again.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from . import uploads
from .uploads import Limits, OverLimit


class TableError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


class TableOverLimit(TableError, OverLimit):
    """The file is over a limit of the upload policy (rows, columns, unpacked size…)."""


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


def _over(error: OverLimit) -> TableOverLimit:
    return TableOverLimit(str(error), flag=error.flag)


# --- CSV -----------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the text looks like UTF-16 without a byte-order mark:
    Latin letters then have a zero byte each, all on the same side."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    odd_zeros = sample[1::2].count(0)
    even_zeros = sample[0::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return None


def _encoding(data: bytes) -> str:
    """The file's encoding, checked over the whole file: UTF-16 (with or without a
    byte-order mark), else UTF-8 (with or without one), else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        utf16: str | None = "utf-16"
    else:
        utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            codecs.decode(data, utf16)
        except UnicodeDecodeError as exc:
            raise TableError(
                _(
                    "The file looks like UTF-16 text but cannot be decoded as such. "
                    "Save it as “CSV UTF-8” and upload it again."
                )
            ) from exc
        return utf16
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
            return "utf-8-sig"
        except UnicodeDecodeError:
            return "cp1252" if _is_cp1252(data) else ""
    return ""


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _rows_from_csv(data: bytes) -> Iterator[list[str]]:
    encoding = _encoding(data)
    if not encoding:
        raise TableError(_("The file is not a text CSV file. Upload a CSV (UTF-8) or XLSX file."))
    sample = data[:8192].decode(encoding, errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Decoded as it is read: the text is never held whole next to the bytes.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(text, dialect)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TableError(
                _("Row %(row)s cannot be read as CSV: %(error)s.")
                % {"row": reader.line_num, "error": exc}
            ) from exc
        yield [c.strip() for c in row]


# --- XLSX ----------------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _shared_strings(source, limits: Limits) -> list[str]:
    """The shared-strings table, at most `limits.max_texts` entries, in flat memory.

    openpyxl keeps every parsed element of the table until the end; this reader clears
    each entry once read and stops at the limit. Text as openpyxl reads it: the entry's
    own text, or its runs' texts joined (phonetic hints left out).
    """
    from xml.etree.ElementTree import iterparse

    strings: list[str] = []
    events = iterparse(source, events=("start", "end"))
    _event, root = next(events)
    for event, node in events:
        if event != "end" or node.tag != _MAIN + "si":
            continue
        text = node.findtext(_MAIN + "t")
        if text is None:
            text = "".join(r.findtext(_MAIN + "t") or "" for r in node.iterfind(_MAIN + "r"))
        strings.append(text.replace("x005F_", ""))
        if len(strings) > limits.max_texts:
            raise _over(uploads.too_many_texts(limits))
        root.clear()
    return strings


def _load_workbook(data: bytes, limits: Limits):
    """openpyxl's read-only workbook holding only its first worksheet, unsized, with the
    bounded shared-strings reader.

    Unsized: openpyxl looks for each sheet's <dimension> when it opens the workbook, and a
    sheet without one is parsed to its end just to find that out. The dimension is not
    wanted anyway (it may lie), and the other sheets are never read.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class UnsizedSheet(ReadOnlyWorksheet):
        def _get_size(self):
            pass

    class BoundedReader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = _shared_strings(source, limits)

        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    self.wb._sheets.append(
                        UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                    )
                    return

    reader = BoundedReader(io.BytesIO(data), read_only=True, data_only=True)
    with warnings.catch_warnings():  # unsupported workbook features are no concern here
        warnings.simplefilter("ignore")
        reader.read()
    return reader.wb


def _count_rows(source) -> int:
    """Row elements in a sheet part, counted in its bytes (fast, no XML parsing)."""
    count = 0
    tail = b""
    while chunk := source.read(1 << 20):
        buffer = tail + chunk
        count += buffer.count(b"<row ") + buffer.count(b"<row>") + buffer.count(b"<row/")
        tail = buffer[-4:]  # shorter than a pattern: no match is counted twice
    return count


def _precount_rows(sheet, limits: Limits) -> None:
    """Refuse at once a sheet whose part holds more rows than the limit.

    Only a quick answer for an honest large file; the rows are counted again as they are
    streamed, which is what holds against a file written to dodge this count.
    """
    source = getattr(sheet, "_get_source", None)
    if source is None:  # a later openpyxl: the streaming count still holds
        return
    with source() as part:
        rows = _count_rows(part)
    if rows > limits.max_rows:
        raise _over(uploads.too_many_rows(limits, rows))


def _rows_from_xlsx(data: bytes, limits: Limits) -> Iterator[list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise TableError(_("The file could not be opened as an XLSX workbook.")) from exc
    try:
        uploads.check_xlsx_directory(parts, limits)
    except OverLimit as exc:
        raise _over(exc) from exc
    try:
        wb = _load_workbook(data, limits)
        sheet = wb.worksheets[0]
        _precount_rows(sheet, limits)
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged file
        # openpyxl wraps a ValueError from the shared-strings reader in its own ValueError.
        if isinstance(exc.__cause__, TableError):
            raise exc.__cause__ from None
        raise TableError(_("The file could not be opened as an XLSX workbook.")) from exc
    try:
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in row]
    except TableError:
        raise
    except Exception as exc:
        raise TableError(_("The file could not be read as an XLSX workbook.")) from exc
    finally:
        wb.close()


# --- both ----------------------------------------------------------------------------------


def read_table(
    data: bytes,
    filename: str,
    *,
    required: list[str],
    optional: Iterable[str] | None = None,
    limits: Limits | None = None,
) -> list[Row]:
    """Parse `data` (CSV or XLSX by name/content) and check the required columns.

    With `optional`, a row keeps only the required and optional columns: the other
    columns are ignored anyway, and a file of a thousand unknown columns would otherwise
    cost a thousand entries a row. `limits` defaults to the settings' limits for tabular
    files. Raises `TableError`, or `TableOverLimit` (a `TableError` too) when the file is
    over a limit.
    """
    limits = limits or uploads.limits_for(uploads.TABULAR)
    name = filename.lower()
    if not data.strip():
        raise TableError(_("The file is empty."))
    if name.endswith(".xlsx") or data[:2] == b"PK":
        raw = _rows_from_xlsx(data, limits)
    elif name.endswith((".csv", ".txt")) or not name:
        raw = _rows_from_csv(data)
    else:
        raise TableError(_("Only CSV and XLSX files can be imported."))
    keep = None if optional is None else {*required, *optional}
    header: list[str] | None = None
    rows: list[Row] = []
    with contextlib.closing(raw):  # a refusal mid-file closes the workbook at once
        for number, cells in enumerate(raw, start=1):
            if number > limits.max_rows:
                raise _over(uploads.too_many_rows(limits))
            if len(cells) > uploads.MAX_COLUMNS:
                raise _over(uploads.too_many_columns(number, len(cells)))
            if not any(cells):
                continue
            if header is None:
                header = _header(cells, required)
                if keep is not None:
                    header = [h if h in keep else "" for h in header]
                continue
            values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
            rows.append(Row(number, values))
    if header is None:
        raise TableError(_("The file is empty."))
    if not rows:
        raise TableError(_("The file has a header but no data rows."))
    return rows


def _header(cells: list[str], required: list[str]) -> list[str]:
    header = [h.strip().lower() for h in cells]
    missing = [c for c in required if c not in header]
    if missing:
        raise TableError(
            _("Row 1 (header) lacks the column(s): %(missing)s. Expected at least: %(required)s.")
            % {"missing": ", ".join(missing), "required": ", ".join(required)}
        )
    return header
