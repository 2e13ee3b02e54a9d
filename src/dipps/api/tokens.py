"""What an API token is: a prefix and 256 random bits; only its SHA-256 is stored.

A pure core: no Django. A token carries 256 bits from `secrets`, so nothing about it can
be guessed and a fast hash is enough to store it (no salt or slow hash needed, unlike a
password); the lookup stays one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets

# Every token starts so, which lets a secret scanner recognise a leaked one.
TOKEN_PREFIX = "dipps_"
# How much of a token is kept in the clear, for a person to tell two tokens apart.
SHOWN_CHARS = len(TOKEN_PREFIX) + 6


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def shown_part(raw: str) -> str:
    return raw[:SHOWN_CHARS]
