"""The company page links to everything about the firm, and every link opens for every
role that may see the page (its own firm's representative included)."""

import re

import pytest
from django.urls import reverse

from dipps.accounts.models import Role

pytestmark = pytest.mark.django_db

SECTIONS = [
    "maturity:company",
    "engagements:company",
    "stateaid:company",
    "impact:company",
    "competence:company",
    "automation:company",
]


def links(body: str) -> list[str]:
    nav = re.search(r'<nav[^>]*data-testid="company-links"[^>]*>(.*?)</nav>', body, re.S)
    assert nav, "the company page has its section links"
    return re.findall(r'href="([^"]+)"', nav.group(1))


@pytest.mark.parametrize("role", ["manager", "coach", "finance", Role.COMPANY])
def test_every_section_link_of_the_company_page_opens_for_the_role(world, client_as, role):
    client = client_as(role)
    page = client.get(reverse("companies:detail", args=[world.company.pk]))
    assert page.status_code == 200
    found = links(page.content.decode())
    pages = [url for url in found if not url.startswith("#")]
    assert pages == [reverse(name, args=[world.company.pk]) for name in SECTIONS]
    for url in pages:
        assert client.get(url).status_code == 200, url
    anchors = [url[1:] for url in found if url.startswith("#")]
    assert anchors == ["scenario-panel", "contacts"]
    body = page.content.decode()
    for anchor in anchors:
        assert f'id="{anchor}"' in body
