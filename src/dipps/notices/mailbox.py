"""The mails Django's file backend wrote (`EMAIL_FILE_PATH`, var/mail in the demo), read back
for the staff's mail page.

The backend writes one file per connection, each message followed by a line of 79 dashes.
A mail is named by its file and its place in it (`<file>:<n>`); a name is looked up among
the files listed, never opened as a path, so it cannot reach outside the directory.
"""

from __future__ import annotations

import email
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
#: The page lists the mails of at most this many files, the newest.
MAX_FILES = 300


@dataclass(frozen=True)
class StoredMail:
    ref: str
    sent: datetime | None
    written: int  # the file's modification time (ns): orders mails sent in one second
    to: str
    subject: str
    message: EmailMessage

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""

    @property
    def has_html(self) -> bool:
        return self.message.get_body(preferencelist=("html",)) is not None


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_file() and p.suffix == ".log"]
    return sorted(found, key=lambda p: p.name, reverse=True)[:MAX_FILES]


def _parse(path: Path) -> list[StoredMail]:
    out = []
    written = path.stat().st_mtime_ns
    for n, chunk in enumerate(path.read_bytes().split(SEPARATOR)):
        if not chunk.strip():
            continue
        message = email.message_from_bytes(chunk, policy=policy.default)
        assert isinstance(message, EmailMessage)
        try:
            sent = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            sent = None
        out.append(
            StoredMail(
                ref=f"{path.name}:{n}",
                sent=sent,
                written=written,
                to=str(message["To"] or ""),
                subject=str(message["Subject"] or ""),
                message=message,
            )
        )
    return out


def mails(directory: Path) -> list[StoredMail]:
    """The mails in `directory`, newest first (by when their file was written; the Date
    header counts whole seconds only)."""
    found = [m for path in _files(directory) for m in _parse(path)]
    return sorted(found, key=lambda m: (m.written, m.ref), reverse=True)


def mail_get(directory: Path, ref: str) -> StoredMail | None:
    name, _sep, _n = ref.partition(":")
    for path in _files(directory):
        if path.name == name:
            return next((m for m in _parse(path) if m.ref == ref), None)
    return None
