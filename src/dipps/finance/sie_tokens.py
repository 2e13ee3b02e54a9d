"""Decoding and tokenizing of SIE lines, shared by the fast and careful paths of sie.py.

Pure Python. A SIE field is a word, a quoted string with `\\"` escapes, or an object
list in braces; the declared encoding (PC8 = code page 437) is often wrong, so
`_decode` looks at the bytes as well.
"""

from __future__ import annotations

import re
from typing import Any

# --- decoding -------------------------------------------------------------------------------

_LATIN1_LETTERS = (b"\xe5", b"\xe4", b"\xf6", b"\xc5", b"\xc4", b"\xd6")  # åäöÅÄÖ in cp1252
_CP437_LETTERS = (b"\x86", b"\x84", b"\x94", b"\x8f", b"\x8e", b"\x99")  # åäöÅÄÖ in cp437
_ASCII = bytes(range(128))


def _decode(data: bytes) -> tuple[str, str]:
    """Decode by what the bytes are, not by #FORMAT: exporters often write UTF-8 or Latin-1."""
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        high = data.translate(None, _ASCII)  # one pass; the counts then run over a few bytes
        latin = sum(high.count(b) for b in _LATIN1_LETTERS)
        pc8 = sum(high.count(b) for b in _CP437_LETTERS)
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


def _strings(fields: list[Any]) -> list[str]:
    """Row fields after the object list; a stray second `{...}` there reads as empty."""
    return [v if isinstance(v, str) else "" for v in fields]


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _field(toks: list[Any], i: int) -> str:
    """Field i as text; a missing field is empty (most trailing SIE fields are optional)."""
    if i < len(toks):
        v = toks[i]
        return v if isinstance(v, str) else ""
    return ""
