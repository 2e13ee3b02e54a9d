"""Self-service links: signed, expiring, bound to one company and one assessment.

The token is `django.core.signing.dumps` of the assessment and company ids with
a salt of our own, so it cannot be forged or moved to another assessment, and
it carries its creation time, so it expires after MATURITY_LINK_MAX_AGE_DAYS
(30 unless set). No account is needed: the link is the key, and it opens only
a draft of the one assessment it names.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import Assessment, Status

SALT = "dipps.maturity.self-service"
DEFAULT_MAX_AGE_DAYS = 30


class LinkInvalid(Exception):
    """The link is tampered with, expired, or its assessment is gone or submitted."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # "bad", "expired", "gone" or "submitted"
        super().__init__(reason)


def max_age_seconds() -> int:
    return int(getattr(settings, "MATURITY_LINK_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)) * 86400


def make_token(assessment: Assessment) -> str:
    return signing.dumps({"a": assessment.pk, "c": assessment.company_id}, salt=SALT, compress=True)


def read_token(token: str, *, allow_submitted: bool = False) -> Assessment:
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("bad") from None
    if not isinstance(data, dict):
        raise LinkInvalid("bad")
    assessment = (
        Assessment.objects.select_related("company", "programme")
        .filter(pk=data.get("a"), company_id=data.get("c"))
        .first()
    )
    if assessment is None:
        raise LinkInvalid("gone")
    if assessment.status != Status.DRAFT and not allow_submitted:
        raise LinkInvalid("submitted")
    return assessment
