"""Reader for SIE files, the Swedish accounting interchange format (types 1, 2, 3, 4 and 4I).

Pure Python, no Django: the cost-ledger import and the `dipps sie inspect` command both build
on `parse_bytes`. Real exports are sloppy (wrong declared encoding, tabs, stray quotes), so the
reader is lenient where a value can still be understood and strict, with a line number, where
it cannot (an amount that is not a number, a voucher block that never closes).

The line loop is the hot path: a 50 MB file has about a million lines. A voucher row whose
label, account and object list were seen before skips the tokenizer; amounts with two
decimals are added up as floats, and recounted exactly when that sum is not zero (`_total`);
and rows stay tuples until a caller reads `Voucher.transactions` (see sie_model).
`_Parser(fast=False)` turns the first two off: the tests check that both ways give the same
result.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .sie_model import (
    NO_INFO,
    Account,
    Balance,
    Dimension,
    FiscalYear,
    RawRow,
    RowInfo,
    SieError,
    SieFile,
    SieObject,
    Transaction,
    UnbalancedVoucher,
    Voucher,
    build_rows,
    format_amount,
    inspect_summary,
)
from .sie_tokens import _decode, _field, _pairs, _strings, _text, _tokenize, _words

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
    "Voucher",
    "format_amount",
    "inspect_summary",
    "parse_bytes",
    "parse_file",
]


_ZERO = Decimal(0)
_ROW_LABELS = frozenset(("#TRANS", "#RTRANS", "#BTRANS"))
_RowHead = tuple[str, str, tuple[tuple[str, str], ...]]  # label, account, objects


def _total(raw: list[RawRow]) -> Decimal:
    """The exact sum of a voucher's rows (their amounts were checked as they were read).

    Why the float sum in `_Parser.block` may stand in for this: each amount it adds has two
    decimals and at most 12 characters, so it is a whole number of öre under 10^9. For n
    such amounts, the float sum errs by at most (n - 1) * 2^-53 * sum(|a|) plus n * 2^-53 *
    10^9 for reading them, below 0.002 for n <= 100. A float sum within half an öre of zero
    then means an exact sum under 0.01 in size, and a whole number of öre that small is 0.
    A voucher of more rows, or with an amount of another shape, is always added exactly.
    """
    amounts: dict[str, Decimal] = {}
    total = _ZERO
    for _head, a, _info in raw:
        amount = amounts.get(a)
        if amount is None:
            amount = amounts[a] = Decimal(a)
        total += amount
    return total


# --- the parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, filename: str, fast: bool = True) -> None:
        self.sie = SieFile(filename=filename)
        self.fast = fast
        self.dates: dict[str, dt.date] = {}
        self.heads: dict[str, _RowHead] = {}  # a plain #TRANS row's text up to its first "}"
        self.tails: dict[str, RowInfo] = {}  # the text after a #TRANS row's amount -> its info
        self.declared_type = ""
        self.seen: set[str] = set()

    def date(self, s: str, line: int, what: str) -> dt.date:
        d = self.dates.get(s)
        if d is None:
            digits = s.replace("-", "")
            try:
                if len(digits) != 8 or not digits.isdigit():
                    raise ValueError
                d = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            except ValueError:
                raise SieError(f"{what} {s!r} is not a date (expected YYYYMMDD)", line) from None
            self.dates[s] = d
        return d

    def number(self, s: str, line: int, what: str) -> Decimal:
        try:
            n = Decimal(s)
        except (InvalidOperation, TypeError):
            n = None
        if n is None or not n.is_finite():
            raise SieError(f"{what} {s!r} is not a number", line)
        return n

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

    def run(self, lines: list[str]) -> SieFile:
        sie = self.sie
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
                sie.warnings.append(f"line {lineno}: '{c}' outside a voucher ignored")
            else:
                stray += 1
        if pending is not None:
            self.no_block(pending)
        if stray:
            sie.warnings.append(f"{stray} line(s) not starting with a #label were ignored")
        self.finish()
        return sie

    def block(self, voucher: Voucher, it: Iterator[tuple[int, str]]) -> int:
        """Read a voucher's rows up to its closing "}"; returns the line number of the "}".

        The hot loop. Rows repeat their label, account and object list endlessly, so the text up
        to the first "}" is looked up in `heads` instead of being tokenized, and what follows
        the amount (date, text, quantity, signature) in `tails`. Only plain #TRANS rows take
        that way; everything else goes through `row_start`.
        """
        heads = self.heads
        tails = self.tails
        no_info = NO_INFO
        raw: list[RawRow] = []
        append = raw.append
        # The balance check, cheaply: amounts written with two decimals and at most 12
        # characters are added as floats; a float sum that is not within half an öre of
        # zero, an amount of another shape, or more than 100 rows make `_total` add the
        # rows exactly (see there why that is enough).
        approx = 0.0
        exact = False
        last_added: tuple[str, tuple[tuple[str, str], ...], Decimal] | None = None
        for lineno, line in it:
            head, _, rest = line.partition("}")
            hit = heads.get(head)
            if hit is not None and last_added is None:
                parts = rest.split(None, 1)
                if len(parts) == 2:
                    a, tail = parts
                    info = tails.get(tail)
                    if info is None:
                        a, info = self.row_fields("#TRANS", rest, tail, lineno)
                elif parts:
                    a = parts[0]
                    info = no_info
                else:
                    raise SieError("#TRANS row has no amount", lineno)
                if a[-3:-2] == "." and len(a) < 13:
                    try:
                        approx += float(a)
                        append((hit, a, info))
                        continue
                    except ValueError:
                        pass
                if '"' in a:  # a quoted amount: read the row the careful way
                    a, info = self.row_fields("#TRANS", rest, "", lineno)
                self.number(a, lineno, "amount")
                exact = True
                append((hit, a, info))
                continue

            s = line.strip()
            if not s:
                continue
            c = s[0]
            if c == "}":
                voucher.set_raw_rows(raw)
                if exact or not -0.005 < approx < 0.005 or len(raw) > 100:
                    total = _total(raw)
                    if total:
                        self.unbalanced(voucher, total)
                return lineno
            if c == "{":
                raise SieError(
                    f"voucher {voucher.series} {voucher.number} opened at line {voucher.line} "
                    f"is never closed (another block opens at line {lineno})",
                    voucher.line,
                )
            if c != "#":
                continue
            row_head, f = self.row_start(s, head, lineno)
            if row_head is None:
                if f and f[0].upper() == "#VER":
                    raise SieError(
                        f"voucher {voucher.series} {voucher.number} opened at line "
                        f"{voucher.line} is never closed (a new #VER starts at line {lineno})",
                        voucher.line,
                    )
                continue  # other labels inside a block carry nothing we use
            label = row_head[0]
            a, info = self.row_info(label, f, lineno)
            amount = self.number(a, lineno, "amount")
            row = (row_head, a, info)
            if label == "#TRANS":
                dup = last_added == (row_head[1], row_head[2], amount)
                last_added = None
                if dup:  # the compatibility copy of the #RTRANS just above
                    continue
            elif label == "#RTRANS":
                last_added = (row_head[1], row_head[2], amount)
            else:  # #BTRANS: a removed row, kept for the record but not counted
                voucher.removed += build_rows([row])
                continue
            exact = True
            append(row)
        raise SieError(
            f"voucher {voucher.series} {voucher.number} opened at line {voucher.line} is "
            "never closed (end of file reached)",
            voucher.line,
        )

    def row_info(self, label: str, f: list[str], line: int) -> tuple[str, RowInfo]:
        """The amount and the rest of a row's fields; checks that each of them reads."""
        if not f:
            raise SieError(f"{label} row has no amount", line)
        a = f[0]
        self.number(a, line, "amount")
        n = len(f)
        if n == 1:
            return a, NO_INFO
        ds = f[1]
        d = (self.dates.get(ds) or self.date(ds, line, "transaction date")) if ds else None
        q = f[3] if n > 3 else ""
        return a, (
            d,
            f[2] if n > 2 else "",
            self.number(q, line, "quantity") if q else None,
            f[4] if n > 4 else "",
        )

    def row_fields(self, label: str, rest: str, tail: str, line: int) -> tuple[str, RowInfo]:
        """`row_info` for the text after a row's object list; caches what follows the amount."""
        a, info = self.row_info(label, _words(rest) if '"' in rest else rest.split(), line)
        if tail and rest.split(None, 1) == [a, tail]:
            self.tails[tail] = info
        return a, info

    def row_start(self, s: str, head: str, line: int) -> tuple[_RowHead | None, list[Any]]:
        """Label, account and objects of a line in a voucher block, plus the fields after them.

        Returns (None, tokens) for a line that is not a row. Caches the head (the line as
        written up to its first "}") when it ends at the object list, so the next row with the
        same head skips all of this.
        """
        toks = _tokenize(s)
        label = toks[0].upper()
        if label not in _ROW_LABELS:
            return None, toks
        acc = _field(toks, 1)
        if not acc:
            raise SieError(f"{label} row has no account", line)
        if len(toks) > 2 and isinstance(toks[2], list):
            hit: _RowHead = (label, acc, _pairs(toks[2]))
            if (
                self.fast
                and label == "#TRANS"
                and head.count("{") == 1
                and head.count('"') % 2 == 0
                and len(head) < len(s)  # the object list closes: `head` ends before a "}"
            ):
                self.heads[head] = hit
            return hit, _strings(toks[3:])
        return (label, acc, ()), _strings(toks[2:])  # object list left out altogether: tolerate

    def no_block(self, v: Voucher) -> None:
        self.sie.warnings.append(
            f"line {v.line}: voucher {v.series} {v.number} has no {{...}} block of rows"
        )

    def ver(self, s: str, line: int) -> Voucher | None:
        """A #VER line of the usual shape, without the tokenizer; None for any other shape.

        Usual: `#VER series number date "text"`, optionally followed by a registration date and
        a quoted signature, with `\\"` as the only escape.
        """
        esc = "\\" in s
        if esc:
            if "\\\\" in s or "\x01" in s:
                return None
            s = s.replace('\\"', "\x01")
        parts = s.split('"')
        n = len(parts)
        if n == 5:
            reg = parts[2].split()
            if len(reg) != 1 or (parts[4] and not parts[4].isspace()):
                return None
            sign = parts[3]
        elif n == 3:
            reg = parts[2].split()
            if len(reg) > 1:
                return None
            sign = ""
        else:
            return None
        head = parts[0].split()
        if len(head) != 4 or "{" in s or "}" in s:
            return None
        text = parts[1]
        if esc:
            if "\x01" in parts[0] or "\x01" in parts[2] or "\x01" in parts[-1]:
                return None
            text = text.replace("\x01", '"')
            sign = sign.replace("\x01", '"')
        _, series, number, ds = head
        dates = self.dates
        d = dates.get(ds) or self.date(ds, line, "voucher date")
        r = (dates.get(reg[0]) or self.date(reg[0], line, "registration date")) if reg else None
        return Voucher(series, number, d, text, r, sign, line)

    def voucher(self, toks: list[Any], line: int) -> Voucher:
        if len(toks) < 7:
            toks += [""] * (7 - len(toks))
        _, series, number, ds, text, rs, sign = toks[:7]
        rs = _text(rs)
        if not ds or not isinstance(ds, str):
            raise SieError("#VER has no voucher date", line)
        d = self.dates.get(ds) or self.date(ds, line, "voucher date")
        r = (self.dates.get(rs) or self.date(rs, line, "registration date")) if rs else None
        return Voucher(_text(series), _text(number), d, _text(text), r, _text(sign), line)

    def unbalanced(self, v: Voucher, total: Decimal) -> None:
        self.sie.unbalanced_vouchers.append(
            UnbalancedVoucher(v.series, v.number, v.date, total, v.line)
        )
        self.sie.warnings.append(
            f"line {v.line}: voucher {v.series} {v.number} of {v.date.isoformat()} does not "
            f"balance: difference {format_amount(total)}"
        )

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
                sie.warnings.append(f"line {line}: #RAR ignored: {e.message}")
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
            sie.warnings.append(f"line {line}: {toks[0]} outside a voucher ignored")
        # Everything else (#PBUDGET, #KSUMMA, #ADRESS, ...) is not needed here.

    def finish(self) -> None:
        sie = self.sie
        t = self.declared_type
        if t not in ("1", "2", "3", "4", "4E", "4I"):
            if t:
                sie.warnings.append(f"#SIETYP {t!r} is not a known SIE type")
            else:
                sie.warnings.append("the file has no #SIETYP; type inferred from its contents")
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
            sie.warnings.append(f"a type {t} file should not hold vouchers; they were read anyway")


def _parse(data: bytes, filename: str = "", fast: bool = True) -> SieFile:
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
        sie = _Parser(filename, fast).run(lines)
    finally:
        if collecting:
            gc.enable()
    sie.encoding = encoding
    if encoding != "cp437" and sie.declared_format in ("", "PC8"):
        sie.warnings.append(
            f"the file declares {sie.declared_format or 'no format'} (code page 437) "
            f"but is encoded as {encoding}; read as {encoding}"
        )
    # Code page 437 maps every byte to a character, so only the other decodings can lose one.
    lost = text.count("\ufffd") if encoding != "cp437" else 0
    if lost:
        sie.warnings.append(
            f"the file contains {lost} unreadable character(s) (U+FFFD): letters lost in an "
            "earlier conversion, or bytes that are not text"
        )
    return sie


def parse_bytes(data: bytes, filename: str = "") -> SieFile:
    """Parse the bytes of an SIE file. Raises `SieError` when they cannot be read as SIE."""
    return _parse(data, filename)


def parse_file(path: str | Path) -> SieFile:
    """Read and parse a file; an `OSError` from reading passes through unchanged."""
    p = Path(path)
    return parse_bytes(p.read_bytes(), filename=str(path))
