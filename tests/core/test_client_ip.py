"""The address a log-in attempt is counted against, with and without trusted proxies."""

import pytest

from dipps.core.client_ip import address_from


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        # No proxy: whatever the client writes in X-Forwarded-For is ignored.
        ("203.0.113.7", "198.51.100.1", 0, "203.0.113.7"),
        ("203.0.113.7", None, 0, "203.0.113.7"),
        # One proxy (nginx appends $remote_addr): the right-most entry is the client.
        ("10.0.0.2", "198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", 1, "198.51.100.1"),
        # Two proxies: the load balancer's entry for the client, then the load balancer.
        ("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"),
        ("10.0.0.2", " 2001:db8::1 ,10.0.0.9", 2, "2001:db8::1"),
        # Fewer entries than proxies, none at all, or garbage where our proxy writes.
        ("10.0.0.2", "198.51.100.1", 2, "10.0.0.2"),
        ("10.0.0.2", None, 1, "10.0.0.2"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
        ("10.0.0.2", "1.2.3.4, not-an-address", 1, "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_entry_our_outermost_proxy_wrote(
    remote, forwarded, proxies, expected
):
    assert address_from(remote, forwarded, proxies) == expected
