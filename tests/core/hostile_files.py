"""Hostile and oversized files, generated cheaply for the upload-limit tests and the bench.

Nothing here holds a large file in memory: the zip bomb is written from one compressed
block repeated (a full flush makes every block's deflate output identical), the million-row
sheet through zipfile's streaming writer, and the 200 MB files are sparse.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_START = f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
SHEET_END = b"</sheetData></worksheet>"

PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        "</Relationships>"
    ),
}


SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def _cells(values: list[str]) -> bytes:
    return b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % v.encode() for v in values)


def sheet_xml(rows: list[list[str]], *, dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    body = b"".join(b"<row>" + _cells(r) + b"</row>" for r in rows)
    return SHEET_START.replace(b"<sheetData>", dim + b"<sheetData>") + body + SHEET_END


def xlsx(sheet: bytes, *, shared_strings: bytes | None = None) -> bytes:
    """A minimal workbook openpyxl reads: one sheet, optionally a shared-strings table."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            if shared_strings is not None and name == "[Content_Types].xml":
                text = text.replace("</Types>", SHARED_STRINGS_TYPE + "</Types>")
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def table_xlsx(rows: list[list[str]], **kwargs) -> bytes:
    return xlsx(sheet_xml(rows, **kwargs))


def shared_strings_xml(count: int) -> bytes:
    items = b"".join(b"<si><t>text %d</t></si>" % n for n in range(count))
    return f'<sst xmlns="{MAIN}">'.encode() + items + b"</sst>"


# --- the zip bomb --------------------------------------------------------------------------


def _zip(members: list[tuple[str, list[bytes], int, int, int]]) -> Iterator[bytes]:
    """A zip archive from already deflated members: (name, chunks, crc, packed, unpacked)."""
    offset = 0
    directory = b""
    for name, chunks, crc, packed, unpacked in members:
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, packed, unpacked, len(encoded), 0
        )
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            packed,
            unpacked,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
        yield header + encoded
        yield from chunks
        offset += len(header) + len(encoded) + packed
    yield directory
    yield struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0
    )


def _deflated(data: bytes) -> tuple[list[bytes], int, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    return [packed], zlib.crc32(data), len(packed), len(data)


def _repeated(prefix: bytes, block: bytes, times: int, suffix: bytes):
    """prefix + block * times + suffix, deflated without compressing `block` more than once."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    body = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.compress(suffix) + packer.flush()
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    chunks = [head, *([body] * times), tail]
    unpacked = len(prefix) + len(block) * times + len(suffix)
    return chunks, crc, sum(map(len, chunks)), unpacked


def xlsx_bomb(unpacked_mb: int = 2048) -> bytes:
    """A workbook whose sheet unpacks to `unpacked_mb` MB of cells; about 1 KB packed per MB.

    Well formed: a reader without limits would really try to read every cell. At the
    default 2 GB it is about 2 MB packed."""
    block = b"<c><v>0</v></c>" * 69_905  # 1 MB, give or take a few bytes
    times = unpacked_mb * 1024 * 1024 // len(block)
    members = [(name, *_deflated(text.encode())) for name, text in PARTS.items()]
    members.append(
        (
            "xl/worksheets/sheet1.xml",
            *_repeated(SHEET_START + b"<row>", block, times, b"</row>" + SHEET_END),
        )
    )
    return b"".join(_zip(members))


# --- big but honest files ------------------------------------------------------------------


def xlsx_rows(path: Path, rows: int, header: str = "date,series,value") -> Path:
    """A workbook of `rows` data rows under a header, written streaming (one row a few µs)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(SHEET_START + b"<row>" + _cells(header.split(",")) + b"</row>")
            for n in range(2, rows + 2):
                sheet.write(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n))
            sheet.write(SHEET_END)
    return path


def sparse_file(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of `size` bytes that takes no disk and no memory to make: `head`, then zeros."""
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path
