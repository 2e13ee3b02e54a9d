"""How a long operation says how far it has come: a callback ``(done, total, message)``.

An import, a batch of PDFs or a simulation over every firm of a programme takes a
``progress`` argument of this type. Run inline, it is left out (``None``) and costs
nothing; run as a background job, the job passes its own progress bar's setter. The
operation reports while it computes, never inside its saving transaction: what a
transaction writes is invisible to other connections until it commits, and on SQLite a
second writer would wait for the lock.

Pure Python: no Django import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

ProgressFn = Callable[[int, int, str], None]
T = TypeVar("T")

# A report at most every 1 % of the items: a job's progress bar is a database row, and
# a write per row of a 100,000-row file would cost more than the rows themselves.
STEPS = 100


def report(progress: ProgressFn | None, done: int, total: int, message: str = "") -> None:
    """Call ``progress`` if there is one."""
    if progress is not None:
        progress(done, total, message)


def counted(
    items: Sequence[T],
    progress: ProgressFn | None,
    message: str = "",
    *,
    offset: int = 0,
    total: int | None = None,
) -> Iterator[T]:
    """Yield ``items``, reporting ``offset + i`` of ``total`` (default: their number) about
    every 1 % of them, and once more when all are done."""
    count = len(items)
    whole = offset + count if total is None else total
    if progress is None:
        yield from items
        return
    step = max(1, count // STEPS)
    for i, item in enumerate(items):
        if i % step == 0:
            progress(offset + i, whole, message)
        yield item
    progress(offset + count, whole, message)
