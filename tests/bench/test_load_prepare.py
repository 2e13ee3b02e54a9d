"""The load bench's preparation: how users are spread, and the pages a role reaches."""

import re

from _load_prepare import SKIP, crawl, links, spread
from dipps.accounts.models import Role


def test_fifty_users_are_spread_over_the_roles_by_their_shares():
    assert spread(50) == {
        Role.MANAGER: 10,
        Role.COACH: 15,
        Role.FINANCE: 8,
        Role.COMPANY: 10,
        Role.OBSERVER: 7,
    }
    assert sum(spread(10).values()) == 10
    assert spread(3) == dict.fromkeys(Role, 1)  # every role has a user, even of few


def test_only_links_within_the_site_are_followed_and_downloads_are_not_pages():
    page = '<a href="/a/?x=1&amp;y=2">a</a><a href="https://x.se/">x</a><a href="#top">t</a>'
    assert links(page) == ["/a/?x=1&y=2"]
    for path in ("/companies/export.csv", "/maturity/company/3/report.pdf", "/admin/", "/logout/"):
        assert SKIP.search(path), path
    assert not SKIP.search("/companies/3/")


def test_a_representative_reaches_only_pages_of_its_own_firm(db, world):
    pages = crawl(world.users[Role.COMPANY].username)
    assert "/" in pages and f"/companies/{world.company.pk}/" in pages
    firms = {int(n) for p in pages for n in re.findall(r"/compan(?:y|ies)/(\d+)/", p)}
    assert firms == {world.company.pk}
