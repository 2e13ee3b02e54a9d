"""Digital sign-in links for an activity's attendance list: signed, expiring, one activity.

The token is `django.core.signing.dumps` of the activity's id and date with a salt of
our own (the pattern of the maturity self-service links, `maturity/links.py`): it
cannot be guessed, forged or moved to another activity, and it carries its creation
time, so it expires after ATTENDANCE_SIGN_IN_MAX_AGE_DAYS (7 unless set). No account
is needed: the link opens only the sign-in form of the one activity it names.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import Activity

SALT = "dipps.engagements.sign-in"
DEFAULT_MAX_AGE_DAYS = 7


class LinkInvalid(Exception):
    """The link is tampered with, expired, or its activity is gone or changed date."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # "bad", "expired" or "gone"
        super().__init__(reason)


def max_age_seconds() -> int:
    days = getattr(settings, "ATTENDANCE_SIGN_IN_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
    return int(days) * 86400


def make_token(activity: Activity) -> str:
    return signing.dumps(
        {"a": activity.pk, "d": activity.date.isoformat()}, salt=SALT, compress=True
    )


def read_token(token: str) -> Activity:
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("bad") from None
    if not isinstance(data, dict):
        raise LinkInvalid("bad")
    activity = Activity.objects.select_related("programme").filter(pk=data.get("a")).first()
    if activity is None or activity.date.isoformat() != data.get("d"):
        raise LinkInvalid("gone")
    return activity
