"""A batch of documents as one ZIP file, written whole or not at all.

The members are written into a temporary file beside the target, which replaces the
target only when every member is in (``os.replace`` is atomic on one file system): a
batch killed half-way leaves no half-written file behind, and a retry writes it anew.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path


def write_zip(path: Path, members: Iterable[tuple[str, bytes]]) -> int:
    """Write `members` (name, bytes) into the ZIP file `path`; the number written.

    PDFs are already compressed, so members are stored as they are (deflating them again
    costs time and saves a few per cent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-", suffix=".zip")
    count = 0
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as z:
            for name, data in members:
                z.writestr(name, data)
                count += 1
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
