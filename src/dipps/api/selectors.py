"""Reads of the API app's own rows: a user's tokens and the user a token stands for."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import ApiToken
from .tokens import digest_of


def tokens_of(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones too, for the record)."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def token_get(user, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    return get_object_or_404(tokens_of(user), pk=pk)


def token_valid(raw: str) -> ApiToken | None:
    """The token `raw` if it opens the API now: not revoked, not expired, its user active."""
    if not raw:
        return None
    today = timezone.localdate()
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(raw), revoked__isnull=True, user__is_active=True)
        .filter(Q(expires__isnull=True) | Q(expires__gte=today))
        .first()
    )
