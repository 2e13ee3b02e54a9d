"""Conditional GET for the read API (RFC 9110 §13): ETag, Last-Modified, 304, pages.

A pure core: no Django. The shell (`dipps.api.responses`) reads the request headers and
builds the response; the rules of when a client's copy is still good live here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

# The largest page a client may ask for, and the page it gets when it does not ask.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def etag_of(body: bytes) -> str:
    """A strong validator for a response body: its SHA-256, quoted as RFC 9110 wants."""
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def _tags(header: str) -> list[str]:
    """The entity tags of an If-None-Match header, weak ones compared by their opaque part."""
    tags = []
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag:
            tags.append(tag)
    return tags


def not_modified(
    *,
    etag: str | None,
    last_modified: datetime | None,
    if_none_match: str | None,
    if_modified_since: datetime | None,
) -> bool:
    """Is the client's copy still the current one (answer 304)?

    If-None-Match wins: when it is sent, If-Modified-Since is ignored (RFC 9110 §13.1.3),
    and it matches by weak comparison, `*` matching any representation. Otherwise the copy
    is current when nothing changed after the client's date (whole seconds, as HTTP dates
    carry no fractions).
    """
    if if_none_match is not None:
        tags = _tags(if_none_match)
        return etag is not None and ("*" in tags or etag in tags)
    if if_modified_since is None or last_modified is None:
        return False
    return int(last_modified.timestamp()) <= int(if_modified_since.timestamp())


@dataclass(frozen=True)
class Window:
    """One page of a list: `limit` rows from `offset`, of `count` in all."""

    count: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.count else None

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset > 0 else None


def window(count: int, limit: int | None, offset: int | None) -> Window:
    """The page asked for, with the limit held to 1..MAX_LIMIT and the offset to ≥ 0."""
    size = DEFAULT_LIMIT if limit is None else min(max(limit, 1), MAX_LIMIT)
    return Window(count=count, limit=size, offset=max(offset or 0, 0))
