"""Reads for programmes, scoped to the asking user."""

from __future__ import annotations

from django.db.models import QuerySet

from dipps.accounts.roles import programmes_of

from .models import Programme


def programmes_visible_to(user) -> QuerySet[Programme]:
    """Staff roles and observers see the programmes they belong to; managers all."""
    return programmes_of(user).select_related("owner")


def programme_get(user, code: str) -> Programme:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        programmes_visible_to(user).prefetch_related("financiers", "partners"), code=code
    )
