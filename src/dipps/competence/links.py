"""Self-service links to a skills map, as the maturity questionnaire's (maturity/links.py).

The token is `django.core.signing.dumps` of the map and company ids with a salt of our own,
so it cannot be forged or moved to another map, and it carries its creation time, so it
expires after COMPETENCE_LINK_MAX_AGE_DAYS (30 unless set). It opens only the one map it
names, and only while that map is not submitted.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import SkillsMap

SALT = "dipps.competence.self-service"
DEFAULT_MAX_AGE_DAYS = 30


class LinkInvalid(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason  # "bad", "expired" or "gone"
        super().__init__(reason)


def max_age_seconds() -> int:
    return int(getattr(settings, "COMPETENCE_LINK_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)) * 86400


def make_token(skills_map: SkillsMap) -> str:
    return signing.dumps({"m": skills_map.pk, "c": skills_map.company_id}, salt=SALT)


def read_token(token: str) -> SkillsMap:
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired:
        raise LinkInvalid("expired") from None
    except signing.BadSignature:
        raise LinkInvalid("bad") from None
    if not isinstance(data, dict):
        raise LinkInvalid("bad")
    found = (
        SkillsMap.objects.select_related("company", "programme")
        .filter(pk=data.get("m"), company_id=data.get("c"))
        .first()
    )
    if found is None:
        raise LinkInvalid("gone")
    return found
