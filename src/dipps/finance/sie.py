"""Reader for SIE files, the Swedish accounting interchange format (types 1, 2, 3, 4 and 4I).

Pure Python, no Django: the cost-ledger import and the `dipps sie inspect` command both build
on `parse_bytes`. Real exports are sloppy (wrong declared encoding, tabs, stray quotes), so the
reader is lenient where a value can still be understood and strict, with a line number, where
it cannot (an amount that is not a number, a voucher block that never closes).

The line loop is the hot path: a 50 MB file has about a million lines, so every line that can
be split with `str.split` avoids the general tokenizer.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

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
    "inspect_summary",
    "parse_bytes",
    "parse_file",
]


class SieError(ValueError):
    """Input that cannot be read as SIE; `line` is 1-based (0 when no line applies)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(slots=True, frozen=True)
class FiscalYear:
    index: int  # 0 = current year, -1 = previous, as in #RAR
    start: date
    end: date


@dataclass(slots=True)
class Account:
    number: str
    name: str = ""
    type: str = ""  # #KTYP: T (asset), S (liability), K (cost), I (income)
    sru: str = ""


@dataclass(slots=True, frozen=True)
class Dimension:
    number: str
    name: str
    parent: str = ""  # set for #UNDERDIM


@dataclass(slots=True, frozen=True)
class SieObject:
    dimension: str
    number: str
    name: str


@dataclass(slots=True, frozen=True)
class Balance:
    kind: str  # IB, UB, RES, OIB, OUB or PSALDO
    year: int
    account: str
    amount: Decimal
    quantity: Decimal | None = None
    period: str = ""  # YYYYMM, only for PSALDO
    objects: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Transaction:
    account: str
    objects: tuple[tuple[str, str], ...]  # ((dimension, object), ...)
    amount: Decimal
    date: date | None = None
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    added: bool = False  # came from #RTRANS (added after the voucher was first registered)


@dataclass(slots=True)
class Voucher:
    series: str
    number: str
    date: date
    text: str
    registered: date | None
    sign: str
    line: int
    transactions: list[Transaction] = field(default_factory=list)
    removed: list[Transaction] = field(default_factory=list)  # #BTRANS rows: do not count


@dataclass(slots=True, frozen=True)
class UnbalancedVoucher:
    series: str
    number: str
    date: date
    difference: Decimal
    line: int


@dataclass(slots=True)
class SieFile:
    filename: str = ""
    sie_type: str = ""  # "1", "2", "3", "4" or "4I"
    encoding: str = ""  # what the bytes were decoded as: cp437, utf-8 or cp1252
    declared_format: str = ""
    program: str = ""
    orgnr: str = ""  # digits only
    company_name: str = ""
    fiscal_years: list[FiscalYear] = field(default_factory=list)
    accounts: dict[str, Account] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    objects: dict[tuple[str, str], SieObject] = field(default_factory=dict)
    balances: list[Balance] = field(default_factory=list)
    vouchers: list[Voucher] = field(default_factory=list)
    unbalanced_vouchers: list[UnbalancedVoucher] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def transaction_count(self) -> int:
        return sum(len(v.transactions) for v in self.vouchers)


# --- decoding -------------------------------------------------------------------------------

_LATIN1_LETTERS = (b"\xe5", b"\xe4", b"\xf6", b"\xc5", b"\xc4", b"\xd6")  # åäöÅÄÖ in cp1252
_CP437_LETTERS = (b"\x86", b"\x84", b"\x94", b"\x8f", b"\x8e", b"\x99")  # åäöÅÄÖ in cp437


def _decode(data: bytes) -> tuple[str, str]:
    """Decode by what the bytes are, not by #FORMAT: exporters often write UTF-8 or Latin-1."""
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        latin = sum(data.count(b) for b in _LATIN1_LETTERS)
        pc8 = sum(data.count(b) for b in _CP437_LETTERS)
        if latin > pc8:
            return data.decode("cp1252", errors="replace"), "cp1252"
    return data.decode("cp437"), "cp437"


# --- tokenizing -----------------------------------------------------------------------------

# Quoted field (with \" and \\ escapes, tolerating a missing closing quote), brace, or bare word.
_TOKEN_RE = re.compile(r'"((?:[^"\\]|\\.)*)"?|([{}])|([^\s"{}]+)')
_UNESCAPE_RE = re.compile(r'\\(["\\])')


def _unescape(quoted: str) -> str:
    if "\\\\" in quoted:
        return _UNESCAPE_RE.sub(lambda m: m.group(1), quoted)
    return quoted.replace('\\"', '"')


def _words(s: str) -> list[str]:
    """Fields of a line part without braces; quoted fields keep their spaces."""
    if '"' not in s:
        return s.split()
    if "\\" in s:
        return _tokenize_slow(s)
    parts = s.split('"')
    n = len(parts)
    if n == 3:  # the usual row tail: amount date "text"
        out = parts[0].split()
        out.append(parts[1])
        tail = parts[2]
        if tail and not tail.isspace():
            out += tail.split()
        return out
    if not n & 1:  # an unmatched quote: the careful way
        return _tokenize_slow(s)
    out = parts[0].split()
    for k in range(1, n, 2):
        out.append(parts[k])
        out += parts[k + 1].split()
    return out


def _tokenize(s: str) -> list[Any]:
    """Split a label line into fields; an object list `{...}` becomes one list of strings."""
    if "{" not in s and "}" not in s:
        return _words(s)
    head, _, tail = s.partition("{")
    if '"' in head or "\\" in s or "{" in tail:
        return _tokenize_slow(s)
    inner, _, rest = tail.partition("}")
    return [*head.split(), _words(inner), *_words(rest)]


def _tokenize_slow(s: str) -> list[Any]:
    out: list[Any] = []
    cur = out
    for quoted, brace, word in _TOKEN_RE.findall(s):
        if brace == "{":
            cur = []
            out.append(cur)
        elif brace == "}":
            cur = out
        elif word:
            cur.append(word)
        else:
            cur.append(_unescape(quoted) if "\\" in quoted else quoted)
    return out


def _pairs(items: list[str]) -> tuple[tuple[str, str], ...]:
    if not items:
        return ()
    return tuple(zip(items[0::2], items[1::2], strict=False))


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _field(toks: list[Any], i: int) -> str:
    """Field i as text; a missing field is empty (most trailing SIE fields are optional)."""
    if i < len(toks):
        v = toks[i]
        return v if isinstance(v, str) else ""
    return ""


_ROW_LABELS = frozenset(("#TRANS", "#RTRANS", "#BTRANS"))
_RowHead = tuple[str, str, tuple[tuple[str, str], ...]]  # label, account, objects


# --- the parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, filename: str) -> None:
        self.sie = SieFile(filename=filename)
        self.dates: dict[str, date] = {}
        self.declared_type = ""
        self.seen: set[str] = set()

    def date(self, s: str, line: int, what: str) -> date:
        d = self.dates.get(s)
        if d is None:
            digits = s.replace("-", "")
            try:
                if len(digits) != 8 or not digits.isdigit():
                    raise ValueError
                d = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            except ValueError:
                raise SieError(f"{what} {s!r} is not a date (expected YYYYMMDD)", line) from None
            self.dates[s] = d
        return d

    def opt_date(self, s: str, line: int, what: str) -> date | None:
        return self.date(s, line, what) if s else None

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
        # The hot loop: a voucher row is split with str methods and an object-list cache rather
        # than through the general tokenizer, which keeps a 50 MB file within ~3x of a bare split.
        sie = self.sie
        vouchers = sie.vouchers
        dates = self.dates
        heads: dict[str, _RowHead] = {}
        voucher: Voucher | None = None  # the voucher whose block is open
        pending: Voucher | None = None  # a #VER waiting for its "{"
        rows: list[Transaction] = []
        total = Decimal(0)
        last_added: tuple[str, tuple[tuple[str, str], ...], Decimal] | None = None
        stray = 0
        lineno = 0

        for lineno, raw in enumerate(lines, 1):  # noqa: B007 - lineno is used after the loop
            s = raw.strip()
            if not s:
                continue
            c = s[0]
            if voucher is not None:
                if c == "#":
                    # Rows repeat their label, account and object list endlessly, so the text up
                    # to the first "}" is looked up in a cache instead of being tokenized.
                    head, sep, rest = s.partition("}")
                    hit = heads.get(head) if sep else None
                    if hit is not None:
                        f = _words(rest) if '"' in rest else rest.split()
                    else:
                        hit, f = self.row_start(s, head, sep, heads, lineno)
                        if hit is None:
                            if f and f[0].upper() == "#VER":
                                raise SieError(
                                    f"voucher {voucher.series} {voucher.number} opened at line "
                                    f"{voucher.line} is never closed (a new #VER starts at line "
                                    f"{lineno})",
                                    voucher.line,
                                )
                            continue  # other labels inside a block carry nothing we use
                    label, acc, objects = hit
                    n = len(f)
                    if not n:
                        raise SieError(f"{label} row has no amount", lineno)
                    a = f[0]
                    try:
                        amount = Decimal(a)
                        if not amount.is_finite():
                            raise InvalidOperation
                    except (InvalidOperation, TypeError):
                        raise SieError(f"amount {a!r} is not a number", lineno) from None
                    if last_added is not None and label == "#TRANS":
                        dup = last_added == (acc, objects, amount)
                        last_added = None
                        if dup:  # the compatibility copy of the #RTRANS just above
                            continue
                    if n > 1:
                        ds = f[1]
                        d = (
                            (dates.get(ds) or self.date(ds, lineno, "transaction date"))
                            if ds
                            else None
                        )
                        row = Transaction(
                            acc,
                            objects,
                            amount,
                            d,
                            f[2] if n > 2 else "",
                            self.number(f[3], lineno, "quantity") if n > 3 and f[3] else None,
                            f[4] if n > 4 else "",
                        )
                    else:
                        row = Transaction(acc, objects, amount)
                    if label == "#TRANS":
                        rows.append(row)
                        total += amount
                    elif label == "#RTRANS":
                        row.added = True
                        rows.append(row)
                        total += amount
                        last_added = (acc, objects, amount)
                    else:  # #BTRANS: a removed row, kept for the record but not counted
                        voucher.removed.append(row)
                elif c == "}":
                    voucher.transactions = rows
                    if total:
                        self.unbalanced(voucher, total)
                    voucher = None
                elif c == "{":
                    raise SieError(
                        f"voucher {voucher.series} {voucher.number} opened at line "
                        f"{voucher.line} is never closed (another block opens at line {lineno})",
                        voucher.line,
                    )
                continue

            if pending is not None:
                if c == "{":
                    voucher, pending = pending, None
                    rows = []
                    total = Decimal(0)
                    last_added = None
                    continue
                self.no_block(pending)
                pending = None
            if c == "#":
                toks = _tokenize(s)
                if toks[0].upper() == "#VER":
                    pending = self.voucher(toks, lineno)
                    vouchers.append(pending)
                else:
                    self.label_line(toks, lineno)
            elif c == "}" or c == "{":
                sie.warnings.append(f"line {lineno}: '{c}' outside a voucher ignored")
            else:
                stray += 1

        if voucher is not None:
            raise SieError(
                f"voucher {voucher.series} {voucher.number} opened at line {voucher.line} is "
                "never closed (end of file reached)",
                voucher.line,
            )
        if pending is not None:
            self.no_block(pending)
        if stray:
            sie.warnings.append(f"{stray} line(s) not starting with a #label were ignored")
        self.finish()
        return sie

    def row_start(
        self, s: str, head: str, sep: str, heads: dict[str, _RowHead], line: int
    ) -> tuple[_RowHead | None, list[Any]]:
        """Label, account and objects of a line in a voucher block, plus the fields after them.

        Returns (None, tokens) for a line that is not a row. Caches the head when it ends at the
        object list, so the next row with the same head skips all of this.
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
            if sep and head.count("{") == 1 and head.count('"') % 2 == 0:
                heads[head] = hit
            return hit, toks[3:]
        return (label, acc, ()), toks[2:]  # object list left out altogether: tolerate

    def no_block(self, v: Voucher) -> None:
        self.sie.warnings.append(
            f"line {v.line}: voucher {v.series} {v.number} has no {{...}} block of rows"
        )

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


def parse_bytes(data: bytes, filename: str = "") -> SieFile:
    """Parse the bytes of an SIE file. Raises `SieError` when they cannot be read as SIE."""
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
        sie = _Parser(filename).run(lines)
    finally:
        if collecting:
            gc.enable()
    sie.encoding = encoding
    if encoding != "cp437" and sie.declared_format in ("", "PC8"):
        sie.warnings.append(
            f"the file declares {sie.declared_format or 'no format'} (code page 437) "
            f"but is encoded as {encoding}; read as {encoding}"
        )
    lost = text.count("\ufffd")
    if lost:
        sie.warnings.append(
            f"the file contains {lost} unreadable character(s) (U+FFFD): letters lost in an "
            "earlier conversion, or bytes that are not text"
        )
    return sie


def parse_file(path: str | Path) -> SieFile:
    """Read and parse a file; an `OSError` from reading passes through unchanged."""
    p = Path(path)
    return parse_bytes(p.read_bytes(), filename=str(path))


_CENT = Decimal("0.01")


def format_amount(amount: Decimal) -> str:
    """Two decimals, unless the amount is finer than öre (then shown as it is)."""
    if amount.as_tuple().exponent >= -2:  # type: ignore[operator]
        return str(amount.quantize(_CENT, rounding=ROUND_HALF_UP))
    return str(amount)


def inspect_summary(sie: SieFile) -> dict[str, Any]:
    """The public JSON of `dipps sie inspect` for one file (see docs/sie.md)."""
    return {
        "file": sie.filename,
        "sie_type": sie.sie_type,
        "orgnr": sie.orgnr,
        "company_name": sie.company_name,
        "fiscal_years": [
            {"index": y.index, "start": y.start.isoformat(), "end": y.end.isoformat()}
            for y in sie.fiscal_years
        ],
        "accounts": len(sie.accounts),
        "vouchers": len(sie.vouchers),
        "transactions": sie.transaction_count,
        "unbalanced_vouchers": [
            {
                "series": u.series,
                "number": u.number,
                "date": u.date.isoformat(),
                "difference": format_amount(u.difference),
            }
            for u in sie.unbalanced_vouchers
        ],
        "warnings": list(sie.warnings),
    }
