"""The upload policy: how large a file of each kind may be, checked before it is parsed.

Every file the platform reads from a person — a form upload or a command-line argument —
goes through here first. A file is refused with a message that names the limit *before*
a parser sees it: a size limit per kind (settings ``DIPPS_UPLOAD_MAX_*_MB``), and for
XLSX, which is a zip archive, limits read from the archive's directory (the total
unpacked size and the compression ratio of each part) before openpyxl opens it. The row
limit and the limit on distinct texts are enforced by ``dipps.core.tabular`` while it
streams the rows. See docs/configuration.md, "Upload limits".

Why the archive directory can be trusted: Python's zipfile never hands out more bytes of a
part than the directory declares (``ZipExtFile`` stops at ``file_size`` and then checks the
CRC), so a part that lies about its size fails instead of unpacking further.
"""

from __future__ import annotations

import math
import os
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import BinaryIO, TextIO

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024

# Exit status of a command that refused a file over a limit (2 stays "the file is bad").
EXIT_OVER_LIMIT = 3

# Parts smaller than this are never refused for their compression ratio: small XML parts
# (styles, an empty sheet) compress very well and are harmless.
RATIO_MIN_BYTES = MB
# A row wider than this is refused: openpyxl pads a row up to its last cell, so one cell in
# column XFD would otherwise make every row 16 384 values wide.
MAX_COLUMNS = 1000
# Distinct texts (an XLSX shared-strings table) allowed per row of the row limit. The table is
# held in memory, so it is the one part of a workbook that cannot be streamed.
TEXTS_PER_ROW = 10


class Kind(Enum):
    TABULAR = "tabular"
    SIE = "sie"
    JSON = "json"
    DOCUMENT = "document"  # a report uploaded to be kept and read (PDF, DOCX), never parsed


TABULAR = Kind.TABULAR
SIE = Kind.SIE
JSON = Kind.JSON
DOCUMENT = Kind.DOCUMENT

# setting name and default for each kind's size limit, in MB
_SIZE_SETTINGS = {
    Kind.TABULAR: ("DIPPS_UPLOAD_MAX_TABULAR_MB", 20),
    Kind.SIE: ("DIPPS_UPLOAD_MAX_SIE_MB", 100),
    Kind.JSON: ("DIPPS_UPLOAD_MAX_JSON_MB", 10),
    Kind.DOCUMENT: ("DIPPS_UPLOAD_MAX_DOCUMENT_MB", 20),
}
_WHAT = {
    Kind.TABULAR: gettext_lazy("CSV and XLSX files"),
    Kind.SIE: gettext_lazy("SIE files"),
    Kind.JSON: gettext_lazy("JSON files"),
    Kind.DOCUMENT: gettext_lazy("PDF and DOCX documents"),
}


def _setting(name: str, default: int) -> int:
    """A limit from settings; the default when Django is not configured (a pure-core test)."""
    from django.conf import settings

    return int(getattr(settings, name, default)) if settings.configured else default


@dataclass(frozen=True)
class Limits:
    kind: Kind
    max_mb: int
    max_uncompressed_mb: int  # XLSX: the sum of the parts' unpacked sizes
    max_ratio: int  # XLSX: unpacked / packed size of any part over RATIO_MIN_BYTES
    max_rows: int  # CSV and XLSX: rows of the sheet, the header and blank rows included

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB

    @property
    def max_uncompressed_bytes(self) -> int:
        return self.max_uncompressed_mb * MB

    @property
    def max_texts(self) -> int:
        return TEXTS_PER_ROW * self.max_rows


def limits_for(kind: Kind, *, max_mb: int | None = None, max_rows: int | None = None) -> Limits:
    """The limits for `kind` from settings; `max_mb`/`max_rows` override them (command line).

    Raising the size limit raises the XLSX unpacked-size limit in proportion, so a workbook
    that is allowed to be twice as large may also unpack to twice as much.
    """
    name, default = _SIZE_SETTINGS[kind]
    base_mb = _setting(name, default)
    uncompressed_mb = _setting("DIPPS_UPLOAD_XLSX_MAX_UNCOMPRESSED_MB", 200)
    limits = Limits(
        kind=kind,
        max_mb=base_mb,
        max_uncompressed_mb=uncompressed_mb,
        max_ratio=_setting("DIPPS_UPLOAD_XLSX_MAX_RATIO", 100),
        max_rows=_setting("DIPPS_UPLOAD_MAX_ROWS", 200_000),
    )
    if max_mb is not None:
        scaled = math.ceil(uncompressed_mb * max_mb / base_mb) if base_mb else uncompressed_mb
        limits = replace(limits, max_mb=max_mb, max_uncompressed_mb=max(uncompressed_mb, scaled))
    if max_rows is not None:
        limits = replace(limits, max_rows=max_rows)
    return limits


class OverLimit(ValueError):
    """A file is over a limit of the policy. `flag` is the command-line option that raises
    that limit, or "" when none does (the compression ratio, the number of columns)."""

    def __init__(self, message: str, *, flag: str = "") -> None:
        super().__init__(message)
        self.flag = flag


def cli_message(error: OverLimit) -> str:
    """A refusal as a command prints it: the message, then how to raise the limit."""
    if not error.flag:
        return str(error)
    hint = _("Raise the limit for this run with %(flag)s N.") % {"flag": error.flag}
    return f"{error} {hint}"


def number(value: float | int, places: int = 0) -> str:
    """`1234567` -> `1 234 567` in Swedish, `1,234,567` in English."""
    from django.conf import settings

    if not settings.configured:
        return f"{value:,.{places}f}"
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=places, force_grouping=True)


def _mb(size: int) -> str:
    """A size in MB with one decimal, rounded up: 20 MB and one byte is 20.1, never 20.0."""
    return number(math.ceil(size * 10 / MB) / 10, 1)


def check_size(size: int, name: str, limits: Limits) -> None:
    """Refuse a file of `size` bytes over its kind's limit."""
    if size > limits.max_bytes:
        raise OverLimit(
            _("“%(name)s” is %(size)s MB; %(what)s may be at most %(limit)s MB.")
            % {
                "name": name,
                "size": _mb(size),
                "what": _WHAT[limits.kind],
                "limit": number(limits.max_mb),
            },
            flag="--max-mb",
        )


def check_xlsx_directory(parts: Iterable[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a workbook from its zip directory alone, before any part is unpacked."""
    total = 0
    for info in parts:
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise OverLimit(
                    _(
                        "The workbook part %(part)s is packed %(ratio)s times smaller than it "
                        "unpacks; at most %(limit)s times is accepted. The file looks like a "
                        "zip bomb and is not opened."
                    )
                    % {
                        "part": info.filename,
                        "ratio": number(int(ratio)),
                        "limit": number(limits.max_ratio),
                    }
                )
    if total > limits.max_uncompressed_bytes:
        raise OverLimit(
            _(
                "The workbook unpacks to %(size)s MB; at most %(limit)s MB is read. "
                "Split it into smaller files."
            )
            % {"size": _mb(total), "limit": number(limits.max_uncompressed_mb)},
            flag="--max-mb",
        )


def too_many_rows(limits: Limits, rows: int | None = None) -> OverLimit:
    """The refusal of a sheet over the row limit (`rows` when the exact count is known)."""
    if rows is None:
        message = _("The file has more than %(limit)s rows; at most %(limit)s rows are read.")
    else:
        message = _("The file has %(rows)s rows; at most %(limit)s rows are read.")
    text = message % {"rows": number(rows or 0), "limit": number(limits.max_rows)}
    return OverLimit(text + " " + _("Split it into smaller files."), flag="--max-rows")


def too_many_columns(row: int, columns: int) -> OverLimit:
    return OverLimit(
        _("Row %(row)s has %(columns)s columns; at most %(limit)s columns are read.")
        % {"row": row, "columns": number(columns), "limit": number(MAX_COLUMNS)}
    )


def too_many_texts(limits: Limits) -> OverLimit:
    return OverLimit(
        _(
            "The workbook holds more than %(limit)s different texts; at most %(limit)s are "
            "read. Split it into smaller files."
        )
        % {"limit": number(limits.max_texts)},
        flag="--max-rows",
    )


# --- the command line ---------------------------------------------------------------------


def read_path(path: str | Path, limits: Limits, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of a file named on the command line ('-' is standard input), never more
    than the limit: the size is checked before reading, and the read stops one byte past
    the limit in case the file grows meanwhile. `OSError` passes through."""
    if str(path) == "-":
        data = (stdin or sys.stdin.buffer).read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise OverLimit(
                _("Standard input is over %(limit)s MB; %(what)s may be at most %(limit)s MB.")
                % {"limit": number(limits.max_mb), "what": _WHAT[limits.kind]},
                flag="--max-mb",
            )
        return data
    name = os.fspath(path)
    check_size(os.stat(name).st_size, name, limits)
    with open(name, "rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    check_size(len(data), name, limits)
    return data


def read_text(path: str | Path, limits: Limits, stdin: TextIO | None = None) -> str:
    """A UTF-8 text file named on the command line ('-' is standard input), bounded as
    `read_path`. `OSError` and `UnicodeDecodeError` pass through."""
    if str(path) != "-":
        return read_path(path, limits).decode("utf-8")
    stream = stdin or sys.stdin
    text = stream.read(limits.max_bytes + 1)  # characters: at least as many bytes
    if len(text) > limits.max_bytes:
        raise OverLimit(
            _("Standard input is over %(limit)s MB; %(what)s may be at most %(limit)s MB.")
            % {"limit": number(limits.max_mb), "what": _WHAT[limits.kind]},
            flag="--max-mb",
        )
    return text


def add_limit_arguments(parser, *, rows: bool = False) -> None:
    """`--max-mb N` (and `--max-rows N` for tables) on a file-reading command."""
    parser.add_argument(
        "--max-mb",
        type=_positive,
        metavar="N",
        help=_("Accept files up to N MB for this run (default: the setting)."),
    )
    if rows:
        parser.add_argument(
            "--max-rows",
            type=_positive,
            metavar="N",
            help=_("Accept tables of up to N rows for this run."),
        )


def limits_from_options(kind: Kind, options: Mapping[str, object]) -> Limits:
    """The limits for a command run: the settings, raised by `--max-mb`/`--max-rows`."""
    max_mb, max_rows = options.get("max_mb"), options.get("max_rows")
    return limits_for(
        kind,
        max_mb=max_mb if isinstance(max_mb, int) else None,
        max_rows=max_rows if isinstance(max_rows, int) else None,
    )


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {text!r}")
    return value


# --- the web -------------------------------------------------------------------------------


def _at_most(kind: Kind) -> str:
    return _("At most %(limit)s MB.") % {"limit": number(limits_for(kind).max_mb)}


class UploadField(forms.FileField):
    """A file field that refuses a file over its kind's size limit, before anything reads it.

    The help text names the limit, so a person learns it before uploading.
    """

    def __init__(self, *, kind: Kind, **kwargs) -> None:
        self.kind = kind
        kwargs.setdefault("help_text", lazy(_at_most, str)(kind))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_size(upload.size, upload.name, limits_for(self.kind))
            except OverLimit as error:
                raise ValidationError(str(error), code="too_large") from error
        return upload


def largest_upload_bytes() -> int:
    return max(limits_for(kind).max_bytes for kind in Kind)


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler that stops storing a file past the largest limit.

    The request body still has to be read (or the browser sees a reset connection instead
    of the message), but what is over the largest limit of any kind is only counted, never
    written: the disk holds at most that much per file, memory one chunk. The file's `size`
    stays the true size, so the form refuses it by size with the usual message; its content
    is then empty, so nothing could parse a truncated file by mistake.
    """

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.cap = largest_upload_bytes()
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        if self.over:
            return None
        if start + len(raw_data) > self.cap:
            self.over = True
            self.file.seek(0)
            self.file.truncate()
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.truncated = self.over
        return upload
