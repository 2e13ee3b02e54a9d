"""Reader for SIE files, the Swedish accounting interchange format (types 1, 2, 3, 4 and 4I).

Pure Python, no Django: the cost-ledger import and the `dipps sie inspect` command both build
on `parse_bytes`. Real exports are sloppy (wrong declared encoding, tabs, stray quotes), so the
reader is lenient where a value can still be understood and strict, with a line number, where
it cannot (an amount that is not a number, a voucher block that never closes).

This module reads the file as a whole (decoding, the line loop, the labels that describe the
books: accounts, fiscal years, balances, the SIE type); `sie_vouchers` reads the voucher
blocks, the hot path, and `sie_model` holds what both read into. A 50 MB file has about a
million lines: a voucher row whose label, account and object list were seen before skips the
tokenizer; amounts with two decimals are added up as floats, and recounted exactly when that
sum is not zero (`sie_vouchers._total`); and rows stay tuples until a caller reads
`Voucher.transactions`. `_Parser(fast=False)` turns the first two off: the tests check that
both ways give the same result.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from .sie_model import (
    Account,
    Balance,
    Dimension,
    FiscalYear,
    SieError,
    SieFile,
    SieObject,
    Transaction,
    UnbalancedVoucher,
    Voucher,
    format_amount,
    inspect_summary,
)
from .sie_tokens import _decode, _field, _pairs, _tokenize
from .sie_vouchers import VoucherReader

__all__ = [
    "Account",
    "Balance",
    "Dimension",
    "FiscalYear",
    "SieError",
    "SieFile",
    "SieObject",
    "Transaction",
    "UnbalancedVoucher",
    "ProgressCallback",
    "Voucher",
    "format_amount",
    "inspect_summary",
    "parse_bytes",
    "parse_file",
]


# `progress(lines_read, lines_in_all)`, called while a file is read (a background job shows it).
ProgressCallback = Callable[[int, int], None]
# Lines between two progress calls: a million-line file reports about a hundred times.
PROGRESS_LINES = 10_000


class _Parser(VoucherReader):
    """The whole file: label lines here, voucher blocks in `VoucherReader`."""

    def __init__(self, filename: str, fast: bool = True) -> None:
        super().__init__(filename, fast)
        self.declared_type = ""
        self.seen: set[str] = set()

    def opt_number(self, s: str, line: int, what: str) -> Decimal | None:
        return self.number(s, line, what) if s else None

    def year(self, s: str, line: int) -> int:
        try:
            return int(s)
        except ValueError:
            raise SieError(f"year index {s!r} is not a whole number", line) from None

    def account(self, number: str) -> Account:
        acc = self.sie.accounts.get(number)
        if acc is None:
            acc = self.sie.accounts[number] = Account(number)
        return acc

    def run(self, lines: list[str], progress: ProgressCallback | None = None) -> SieFile:
        sie = self.sie
        total = len(lines)
        # Checked once a voucher (a voucher block is read in one go), not once a line.
        report_at = PROGRESS_LINES if progress is not None else total + 1
        vouchers = sie.vouchers
        fast = self.fast
        pending: Voucher | None = None  # a #VER waiting for its "{"
        stray = 0
        lineno = 0
        it = enumerate(lines, 1)
        for lineno, line in it:
            s = line.strip()
            if not s:
                continue
            c = s[0]
            if pending is not None:
                if c == "{":
                    lineno = self.block(pending, it)
                    pending = None
                    if lineno >= report_at and progress is not None:
                        progress(lineno, total)
                        report_at = lineno + PROGRESS_LINES
                    continue
                self.no_block(pending)
                pending = None
            if c == "#":
                v = self.ver(s, lineno) if fast and s.startswith("#VER ") else None
                if v is None:
                    toks = _tokenize(s)
                    if toks[0].upper() != "#VER":
                        self.label_line(toks, lineno)
                        continue
                    v = self.voucher(toks, lineno)
                pending = v
                vouchers.append(v)
            elif c == "}" or c == "{":
                sie.warn("brace_outside_voucher", line=lineno, brace=c)
            else:
                stray += 1
        if pending is not None:
            self.no_block(pending)
        if stray:
            sie.warn("stray_lines", count=stray)
        self.finish()
        if progress is not None:
            progress(total, total)
        return sie

    def label_line(self, toks: list[Any], line: int) -> None:
        sie = self.sie
        label = toks[0].upper()
        f1 = _field(toks, 1)
        if label in ("#IB", "#UB", "#RES"):
            self.seen.add(label)
            sie.balances.append(
                Balance(
                    label[1:],
                    self.year(f1, line),
                    _field(toks, 2),
                    self.number(_field(toks, 3), line, "balance"),
                    self.opt_number(_field(toks, 4), line, "quantity"),
                )
            )
        elif label in ("#OIB", "#OUB", "#PSALDO"):
            self.seen.add(label)
            period = ""
            i = 2
            if label == "#PSALDO":
                period, i = _field(toks, 2), 3
            objs = toks[i + 1] if len(toks) > i + 1 and isinstance(toks[i + 1], list) else None
            j = i + 2 if objs is not None else i + 1
            sie.balances.append(
                Balance(
                    label[1:],
                    self.year(f1, line),
                    _field(toks, i),
                    self.number(_field(toks, j), line, "balance"),
                    self.opt_number(_field(toks, j + 1), line, "quantity"),
                    period,
                    _pairs(objs) if objs else (),
                )
            )
        elif label == "#KONTO":
            self.account(f1).name = _field(toks, 2)
        elif label == "#KTYP":
            self.account(f1).type = _field(toks, 2).upper()
        elif label == "#SRU":
            self.account(f1).sru = _field(toks, 2)
        elif label == "#DIM":
            sie.dimensions[f1] = Dimension(f1, _field(toks, 2))
        elif label == "#UNDERDIM":
            sie.dimensions[f1] = Dimension(f1, _field(toks, 2), _field(toks, 3))
        elif label == "#OBJEKT":
            key = (f1, _field(toks, 2))
            sie.objects[key] = SieObject(f1, key[1], _field(toks, 3))
        elif label == "#RAR":
            # A fiscal year is context, not data: an incomplete one is skipped, not fatal.
            try:
                year = FiscalYear(
                    self.year(f1, line),
                    self.date(_field(toks, 2), line, "fiscal year start"),
                    self.date(_field(toks, 3), line, "fiscal year end"),
                )
            except SieError as e:
                sie.warn("rar_ignored", line=line, reason=e.message)
            else:
                sie.fiscal_years.append(year)
        elif label == "#FNAMN":
            sie.company_name = f1
        elif label == "#ORGNR":
            sie.orgnr = "".join(ch for ch in f1 if ch.isdigit())
        elif label == "#SIETYP":
            self.declared_type = f1.upper()
        elif label == "#FORMAT":
            sie.declared_format = f1.upper()
        elif label == "#PROGRAM":
            sie.program = " ".join(t for t in toks[1:] if isinstance(t, str))
        elif label in ("#TRANS", "#RTRANS", "#BTRANS"):
            sie.warn("row_outside_voucher", line=line, label=toks[0])
        # Everything else (#PBUDGET, #KSUMMA, #ADRESS, ...) is not needed here.

    def finish(self) -> None:
        sie = self.sie
        t = self.declared_type
        if t not in ("1", "2", "3", "4", "4E", "4I"):
            if t:
                sie.warn("unknown_type", type=t)
            else:
                sie.warn("no_type")
            if sie.vouchers:
                t = "4"
            elif self.seen & {"#OIB", "#OUB"}:
                t = "3"
            elif "#PSALDO" in self.seen:
                t = "2"
            else:
                t = "1"
        if t == "4E":
            t = "4"
        # 4I (import) and 4E (export) both declare "4"; only an export carries year balances.
        if t == "4" and not self.seen & {"#IB", "#UB", "#RES"}:
            t = "4I"
        sie.sie_type = t
        if sie.vouchers and t in ("1", "2", "3"):
            sie.warn("vouchers_in_type", type=t)


def _parse(
    data: bytes,
    filename: str = "",
    fast: bool = True,
    progress: ProgressCallback | None = None,
) -> SieFile:
    if not data or not data.strip():
        raise SieError("the file is empty", 0)
    if b"\x00" in data[:65536]:
        raise SieError("the file is binary, not SIE text", 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text, encoding = _decode(data)
    lines = text.splitlines()
    for i, line in enumerate(lines, 1):
        s = line.strip()
        if s:
            if not s.startswith("#"):
                raise SieError("not an SIE file: the first line does not start with a #label", i)
            break
    # A large file creates a million small objects and no cycles; the cyclic collector would
    # rescan them over and over for nothing, so it rests while we parse.
    collecting = gc.isenabled()
    gc.disable()
    try:
        sie = _Parser(filename, fast).run(lines, progress)
    finally:
        if collecting:
            gc.enable()
    sie.encoding = encoding
    if encoding != "cp437" and sie.declared_format in ("", "PC8"):
        sie.warn("format_mismatch", declared=sie.declared_format or "no format", encoding=encoding)
    # Code page 437 maps every byte to a character, so only the other decodings can lose one.
    lost = text.count("\ufffd") if encoding != "cp437" else 0
    if lost:
        sie.warn("unreadable", count=lost)
    return sie


def parse_bytes(
    data: bytes, filename: str = "", progress: ProgressCallback | None = None
) -> SieFile:
    """Parse the bytes of an SIE file. Raises `SieError` when they cannot be read as SIE.

    `progress(lines_read, lines_in_all)` is called every `PROGRESS_LINES` lines or so (after
    the voucher that crosses the mark) and once at the end.
    """
    return _parse(data, filename, progress=progress)


def parse_file(path: str | Path) -> SieFile:
    """Read and parse a file; an `OSError` from reading passes through unchanged."""
    p = Path(path)
    return parse_bytes(p.read_bytes(), filename=str(path))
