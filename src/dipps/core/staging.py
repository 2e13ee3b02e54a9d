"""Keep an upload between its preview and the person's confirmation.

An import page reads the file, shows a preview and saves nothing; the confirmation
re-reads the same bytes. They wait in the database (``StagedUpload``), and the session
holds only the row's id: the session is loaded on every request, so it must stay small,
and a file of any size the upload policy accepts can be staged — there is no second,
smaller limit that could leave a valid file without a confirm button.

A background job (core/jobs.py) reads its file the same way: `stage(..., replace=False)`
keeps it beside the person's other files (two partners' files may be read at once), the
job `read`s it without removing it (a retry reads it again) and `drop`s it once its work
is saved.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import StagedUpload

# A preview older than this is stale: the person uploads the file again.
KEEP = timedelta(hours=12)


@transaction.atomic
def stage(*, owner, purpose: str, filename: str, data: bytes, replace: bool = True) -> int:
    """Keep `data` for `owner`; replaces their earlier file for `purpose` (unless `replace`
    is false), drops stale ones."""
    stale = Q(created_at__lt=timezone.now() - KEEP)
    StagedUpload.objects.filter(
        stale | Q(owner=owner, purpose=purpose) if replace else stale
    ).delete()
    staged = StagedUpload.objects.create(
        owner=owner, purpose=purpose, filename=filename[:255], data=data
    )
    return staged.pk


@transaction.atomic
def take(*, owner, purpose: str, pk) -> tuple[str, bytes] | None:
    """The staged file's name and bytes, removed so a confirmation runs once; None when
    there is none (never staged, already confirmed, stale, or someone else's)."""
    if not isinstance(pk, int):
        return None
    staged = (
        StagedUpload.objects.select_for_update()
        .filter(pk=pk, owner=owner, purpose=purpose, created_at__gte=timezone.now() - KEEP)
        .first()
    )
    if staged is None:
        return None
    staged.delete()
    return staged.filename, bytes(staged.data)


def read(*, owner, purpose: str, pk) -> tuple[str, bytes] | None:
    """The staged file's name and bytes, left in place; None when there is none."""
    if not isinstance(pk, int):
        return None
    staged = StagedUpload.objects.filter(
        pk=pk, owner=owner, purpose=purpose, created_at__gte=timezone.now() - KEEP
    ).first()
    return None if staged is None else (staged.filename, bytes(staged.data))


def drop(*, owner, purpose: str, pk) -> None:
    """Remove a staged file once the work that needed it is saved."""
    StagedUpload.objects.filter(pk=pk, owner=owner, purpose=purpose).delete()
