"""The client's address, as django-axes records it for log-in throttling.

Without a proxy the address is REMOTE_ADDR, and X-Forwarded-For is ignored:
any client can write that header, and trusting it would let an attacker pick
the address a lock-out falls on (spreading guesses over invented addresses, or
locking a user out "from" the user's own address).

Behind N trusted reverse proxies (DIPPS_TRUSTED_PROXY_COUNT), each proxy
appends the address it received the request from, so the right-most N entries
of X-Forwarded-For were written by our proxies and the N-th from the right is
the client as the outermost proxy saw it. Entries further left came from the
client and are ignored. A request that carries fewer entries than there are
proxies did not come through all of them (or a proxy is misconfigured); it is
counted by REMOTE_ADDR rather than by anything the client wrote.
"""

from __future__ import annotations

from ipaddress import ip_address

from django.conf import settings


def address_from(remote_addr: str | None, forwarded_for: str | None, proxies: int) -> str | None:
    """The client address behind `proxies` trusted proxies (pure, see the module docstring)."""
    if proxies <= 0 or not forwarded_for:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",")]
    if len(hops) < proxies:
        return remote_addr
    candidate = hops[-proxies]
    try:
        return str(ip_address(candidate))
    except ValueError:
        # Our own proxy wrote this entry; if it is not an address, do not guess.
        return remote_addr


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address one log-in attempt is counted against."""
    return address_from(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.DIPPS_TRUSTED_PROXY_COUNT,
    )
