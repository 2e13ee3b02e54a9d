"""Reads for programmes, scoped to the asking user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import READERS, in_programmes

from .models import Programme


def programmes_visible_to(user, roles=READERS) -> QuerySet[Programme]:
    """The programmes where the user holds one of `roles` (superusers: all)."""
    return in_programmes(Programme.objects.select_related("owner"), user, roles, field="id")


def programme_get(user, code: str, roles=READERS) -> Programme:
    """A programme where the user holds one of `roles`; 404 otherwise."""
    return get_object_or_404(
        programmes_visible_to(user, roles).prefetch_related("financiers", "partners"), code=code
    )
