"""Voucher blocks of an SIE file, the reader's hot path (see `finance.sie`).

Pure Python, no Django. A 50 MB file has about a million lines and nearly all of them are
`#TRANS` rows inside `#VER` blocks, so this is where the reader spends its time: rows whose
label, account and object list were seen before skip the tokenizer, amounts with two
decimals are added up as floats and recounted exactly only when that sum is not zero
(`_total`), and rows stay compact tuples (see `sie_model`). The rest of a file (accounts,
fiscal years, balances, the SIE type) is read line by line in `finance.sie`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from .sie_model import (
    NO_INFO,
    RawRow,
    RowInfo,
    SieError,
    SieFile,
    UnbalancedVoucher,
    Voucher,
    build_rows,
    format_amount,
)
from .sie_tokens import _field, _pairs, _strings, _text, _tokenize, _words

_ZERO = Decimal(0)
_ROW_LABELS = frozenset(("#TRANS", "#RTRANS", "#BTRANS"))
_RowHead = tuple[str, str, tuple[tuple[str, str], ...]]  # label, account, objects


def _total(raw: list[RawRow]) -> Decimal:
    """The exact sum of a voucher's rows (their amounts were checked as they were read).

    Why the float sum in `VoucherReader.block` may stand in for this: each amount it adds has two
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


class VoucherReader:
    """Reads `#VER` lines and their blocks of rows; `finance.sie._Parser` reads the rest.

    Also the field readers both need (dates, numbers), with the caches the hot loop relies
    on: dates by their text, row heads and row tails.
    """

    def __init__(self, filename: str, fast: bool = True) -> None:
        self.sie = SieFile(filename=filename)
        self.fast = fast
        self.dates: dict[str, dt.date] = {}
        self.heads: dict[str, _RowHead] = {}  # a plain #TRANS row's text up to its first "}"
        self.tails: dict[str, RowInfo] = {}  # the text after a #TRANS row's amount -> its info

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
        self.sie.warn("no_block", line=v.line, series=v.series, number=v.number)

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
        self.sie.warn(
            "unbalanced",
            line=v.line,
            series=v.series,
            number=v.number,
            date=v.date.isoformat(),
            difference=format_amount(total),
        )
