"""Writes of the API app: tokens are made and revoked here, each audited."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit

from .models import ApiToken
from .tokens import digest_of, new_token, shown_part

# How often the "last used" time is written: not on every request, which would turn each
# read of the API into a write.
LAST_USED_EVERY = timedelta(minutes=15)


@transaction.atomic
def token_create(*, user, name: str, expires: date | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row and the token itself, which is never kept."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name, such as the report that uses it."))
    if expires is not None and expires < timezone.localdate():
        raise ValidationError(_("The last day of validity cannot be in the past."))
    raw = new_token()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=shown_part(raw), digest=digest_of(raw), expires=expires
    )
    audit.record(
        instance=token,
        action="create",
        by=user,
        changes={"name": name, "prefix": token.prefix, "expires": audit.plain(expires)},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token at once (idempotent): it no longer opens the API."""
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        audit.record(
            instance=token,
            action="update",
            by=by,
            changes={"revoked": [None, audit.plain(token.revoked)]},
        )
    return token


def token_touch(token: ApiToken) -> None:
    """Note that the token was used, at most once every LAST_USED_EVERY."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
